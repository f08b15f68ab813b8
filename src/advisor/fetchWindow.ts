/**
 * The training window, fetched through whatever Prometheus the front door gave: consecutive chunks
 * of at most 11,000 points (Prometheus refuses more per series), in sequence, cancellable, merged per
 * series without duplicates.
 */
import type { ChunkPlan } from '../io/prometheus/chunks';
import { mergeSeries } from '../io/prometheus/merge';
import type { PromSeries } from '../io/prometheus/types';
import type { RangeRequest, RangeSource } from './ports';

export interface TrainingWindow {
  series: PromSeries[];
  chunks: number;
  fetchMs: number;
}

export async function fetchTrainingWindow(
  source: RangeSource,
  plan: ChunkPlan,
  query: Pick<RangeRequest, 'refId' | 'expr' | 'legendFormat'>,
  options: { signal?: AbortSignal; onChunk?: (done: number, total: number) => void } = {}
): Promise<TrainingWindow> {
  const started = Date.now();
  const parts: PromSeries[] = [];
  for (let i = 0; i < plan.chunks.length; i++) {
    const chunk = plan.chunks[i];
    const series = await source.queryRange(
      { ...query, fromMs: chunk.startMs, toMs: chunk.endMs, stepMs: plan.stepMs, points: chunk.points },
      options.signal
    );
    parts.push(...series);
    options.onChunk?.(i + 1, plan.chunks.length);
  }
  return { series: mergeSeries(parts), chunks: plan.chunks.length, fetchMs: Date.now() - started };
}
