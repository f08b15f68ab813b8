import type { RawSeries } from '../engine/api';
import { type FetchLike, mergeSeries, planChunks, queryRange } from '../io/prometheus';

/**
 * Fetches `expr` over the `windowMs` ending at `endMs`, at `stepMs`, through the shared Prometheus
 * client (src/io/prometheus) in chunks of at most 11,000 points, and returns the single resulting
 * series. A query returning several series is refused with the count: the engine forecasts one
 * series at a time, so the user should aggregate.
 */
export async function fetchRange(
  baseUrl: string,
  expr: string,
  endMs: number,
  windowMs: number,
  stepMs: number,
  fetchImpl?: FetchLike,
  /** Per-request limit; the error says "timed out after N s" when it fires. */
  timeoutMs?: number
): Promise<RawSeries & { labels: Record<string, string> }> {
  const plan = planChunks({ endMs, windowMs, stepMs });
  const parts = [];
  for (const c of plan.chunks) {
    parts.push(
      ...(await queryRange(
        baseUrl,
        { expr, startMs: c.startMs, endMs: c.endMs, stepMs },
        { fetch: fetchImpl, timeoutMs }
      ))
    );
  }
  const merged = mergeSeries(parts);
  if (merged.length === 0) {
    throw new Error(`Query returned no data over the requested range: ${expr}`);
  }
  if (merged.length > 1) {
    throw new Error(`Query returned ${merged.length} series; aggregate it to one (e.g. sum(...)) to train a model.`);
  }
  const only = merged[0];
  return { times: only.times, values: only.values, labels: only.labels };
}
