/**
 * The expensive half of a query: fetch the training window and run each series' model under the
 * query's model mode. What it returns is kept (`ForecastMemo`) so an advice-only edit re-plans on it.
 */
import type { ComputeBackend, TrainProgress } from '../engine/api';
import { planChunks } from '../io/prometheus/chunks';
import { promDisplayName } from '../io/prometheus/legend';
import { labelsKey } from '../io/prometheus/merge';
import type { PromSeries } from '../io/prometheus/types';
import { emptyResultError, toForesightError } from './errors';
import { fetchTrainingWindow } from './fetchWindow';
import { modelFingerprint } from './modelFingerprint';
import { runWithModelMode, type ModelRun } from './modelRun';
import { namedModelKey, type ForecastRunner, type ModelCache, type RangeSource } from './ports';
import type { ForecastSpec, ModelStorage } from './spec';

/** One series' fitted forecast, kept so an advice-only edit re-plans without fetching or training. */
export interface FittedSeries {
  series: PromSeries;
  seriesKey: string;
  run: ModelRun;
  trainMs: number;
  compute: ForecastRunner['mode'];
  computeNote?: string;
}

export interface FittedQuery {
  series: FittedSeries[];
  /** Per-series failures and the too-many-series notice, as sentences; shown again on every re-plan. */
  errors: string[];
  fetchMs: number;
  chunks: number;
}

/** The training grid of a query, resolved and checked before anything is fetched. */
export interface FitGrid {
  windowMs: number;
  stepMs: number;
  horizon: number;
}

export interface FitContext {
  source: RangeSource;
  runner: ForecastRunner;
  modelCache: ModelCache;
  backend: ComputeBackend;
  maxSeries: number;
  storage: ModelStorage;
  modelBaseUrl?: string;
  nowMs: number;
  /** Keeps only some series (a headless shard); applied before the `maxSeries` cap. */
  selectSeries?: (labels: Record<string, string>) => boolean;
  signal?: AbortSignal;
  onProgress(progress: TrainProgress): void;
}

function byLabels(a: PromSeries, b: PromSeries): number {
  return labelsKey(a.labels) < labelsKey(b.labels) ? -1 : 1;
}

export async function fitQuery(spec: ForecastSpec, grid: FitGrid, ctx: FitContext): Promise<FittedQuery> {
  const { windowMs, stepMs } = grid;
  const plan = planChunks({ endMs: ctx.nowMs, windowMs, stepMs });
  ctx.onProgress({
    phase: 'prepare',
    fraction: 0,
    message: `fetching ${plan.points} points in ${plan.chunks.length} chunk(s)`,
  });
  const expr = ctx.source.bindRange?.(spec.expr, stepMs, windowMs) ?? spec.expr;
  const training = await fetchTrainingWindow(
    ctx.source,
    plan,
    { refId: spec.refId, expr, legendFormat: spec.legendFormat },
    {
      signal: ctx.signal,
      onChunk: (done, total) =>
        ctx.onProgress({
          phase: 'prepare',
          fraction: 0.1 * (done / total),
          message: `fetched chunk ${done} of ${total}`,
        }),
    }
  );
  if (training.series.length === 0) {
    throw emptyResultError(expr, `the training window (last ${spec.trainingWindow})`);
  }

  const errors: string[] = [];
  const sorted = training.series.filter((s) => ctx.selectSeries?.(s.labels) ?? true).sort(byLabels);
  const selected = sorted.slice(0, ctx.maxSeries);
  if (sorted.length > ctx.maxSeries) {
    errors.push(
      `The query returned ${sorted.length} series; Foresight trains one model per series and forecasts at most ${ctx.maxSeries}. ` +
        `Showing the first ${ctx.maxSeries} by label; narrow the query (e.g. by job or instance) or aggregate with sum by (…).`
    );
  }

  const series: FittedSeries[] = [];
  for (let i = 0; i < selected.length; i++) {
    const one = selected[i];
    const seriesKey = labelsKey(one.labels);
    const seriesName = promDisplayName(one.labels, spec.legendFormat, spec.expr) || seriesKey;
    const onProgress = (p: TrainProgress) =>
      ctx.onProgress({
        ...p,
        fraction: 0.1 + 0.9 * ((i + p.fraction) / selected.length),
        message: `${seriesName}: ${p.message ?? p.phase}`,
      });
    try {
      series.push(await fitSeries(spec, one, seriesKey, grid, { ...ctx, onProgress }, selected.length > 1));
    } catch (err) {
      const e = toForesightError(err);
      if (e.kind === 'cancelled' || e.kind === 'worker_crash' || ctx.signal?.aborted) {
        throw e;
      }
      errors.push(selected.length > 1 ? `${seriesName}: ${e.message}` : e.message);
    }
  }
  return { series, errors, fetchMs: training.fetchMs, chunks: training.chunks };
}

/** One series' model run under the query's model mode (train, reuse, fine-tune or load). */
async function fitSeries(
  spec: ForecastSpec,
  one: PromSeries,
  seriesKey: string,
  grid: FitGrid,
  ctx: FitContext,
  multiSeries: boolean
): Promise<FittedSeries> {
  const { stepMs, horizon } = grid;
  const fingerprint = modelFingerprint({
    expr: spec.expr,
    seriesKey,
    windowMs: grid.windowMs,
    stepMs,
    method: spec.method,
    horizon,
    lstm: spec.lstm,
  });
  // With several series each has its own model, named after the query's name plus its labels.
  const name = spec.modelRef && multiSeries ? `${spec.modelRef} ${seriesKey}` : spec.modelRef;
  const started = Date.now();
  const run = await runWithModelMode({
    query: spec,
    request: {
      series: { times: one.times, values: one.values },
      stepMs,
      horizon,
      method: spec.method,
      lstm: spec.lstm,
      backend: ctx.backend,
      fingerprint,
      savedModelTimeoutMs: ctx.source.timeoutMs,
    },
    fingerprint,
    nameKey: name ? namedModelKey(name) : undefined,
    loadRef: multiSeries ? `${spec.modelRef ?? ''} ${seriesKey}`.trim() : spec.modelRef,
    nowMs: ctx.nowMs,
    cache: ctx.modelCache,
    runner: ctx.runner,
    storage: ctx.storage,
    baseUrl: ctx.modelBaseUrl,
    options: { signal: ctx.signal, onProgress: ctx.onProgress },
  });
  return {
    series: one,
    seriesKey,
    run,
    trainMs: Date.now() - started,
    compute: ctx.runner.mode,
    computeNote: ctx.runner.fallbackReason,
  };
}
