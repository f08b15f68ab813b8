/**
 * The expensive half of a query: fetch the training window and run each series' model under the
 * query's model mode. What it returns is kept (`ForecastMemo`) so an advice-only edit re-plans on it.
 */
import type { ComputeBackend, TrainProgress } from '../engine/api';
import { planChunks } from '../io/prometheus/chunks';
import { uniqueDisplayNames } from '../io/prometheus/legend';
import { labelsKey } from '../io/prometheus/merge';
import type { PromSeries } from '../io/prometheus/types';
import { emptyResultError } from './errors';
import { fetchTrainingWindow } from './fetchWindow';
import type { KeptRun, ModelRun } from './modelRun';
import { fitProgressively } from './progressive';
import type { ForecastRunner, ModelCache, RangeSource } from './ports';
import { Answers, runOwn, seriesJob } from './seriesRuns';
import type { ForecastSpec, ModelStorage } from './spec';
import type { SlotTrainings } from './trainingRuns';

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
  /** The training window fetched (its end is the fit's clock): the advice says when the data fills less of it. */
  window?: { endMs: number; windowMs: number };
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
  /** Trainings that outlive a cancelled query, joined by the next one for the same model (`trainingRuns.ts`). */
  training?: SlotTrainings<KeptRun>;
  /**
   * Progressive answer (a dashboard): first a quick forecast of every series that would otherwise
   * wait for training (untrained methods and the base model, tens of ms each), then each series' own
   * run, most important first (`importance.ts`); called with the query so far after the quick pass
   * and as own runs land, `pending` = series without their final answer yet; the caller paces these
   * except when `flush` is set (the end of the quick pass).
   */
  onInterim?(partial: FittedQuery, pending: number, flush?: boolean): void | Promise<void>;
  /** Called once the training window has arrived (a progressive caller starts its other reads then). */
  onTrainingFetched?(): void;
  /**
   * With `onInterim`: the answer this query last showed (interim or final), when this run fits the
   * same thing again (a refresh, a time-range change). Each series keeps its answer from there on
   * screen until the new one lands (`progressive.ts`).
   */
  previous?: FittedQuery;
  /** With `onInterim`: which series to train first (default: by recent level, largest first). */
  compareImportance?(a: FittedSeries, b: FittedSeries): number;
}

function byLabels(a: PromSeries, b: PromSeries): number {
  return labelsKey(a.labels) < labelsKey(b.labels) ? -1 : 1;
}

export async function fitQuery(spec: ForecastSpec, grid: FitGrid, ctx: FitContext): Promise<FittedQuery> {
  const { windowMs, stepMs } = grid;
  const plan = planChunks({ endMs: ctx.nowMs, windowMs, stepMs });
  ctx.onProgress({
    phase: 'fetch',
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
          phase: 'fetch',
          fraction: 0.1 * (done / total),
          message: `fetched chunk ${done} of ${total}`,
        }),
    }
  );
  if (training.series.length === 0) {
    throw emptyResultError(expr, `the training window (last ${spec.trainingWindow})`);
  }
  ctx.onTrainingFetched?.();

  const errors: string[] = [];
  const sorted = training.series.filter((s) => ctx.selectSeries?.(s.labels) ?? true).sort(byLabels);
  const selected = sorted.slice(0, ctx.maxSeries);
  if (sorted.length > ctx.maxSeries) {
    errors.push(
      `The query returned ${sorted.length} series; Foresight trains one model per series and forecasts at most ${ctx.maxSeries}. ` +
        `Showing the first ${ctx.maxSeries} by label; narrow the query (e.g. by job or instance) or aggregate with sum by (…).`
    );
  }

  const names = uniqueDisplayNames(
    selected.map((one) => one.labels),
    spec.legendFormat,
    spec.expr
  );
  const jobs = selected.map((one, i) => seriesJob(spec, one, names[i], grid, ctx, selected.length, i));
  const answers = new Answers(jobs.length, (series, failures) => ({
    series,
    errors: [...errors, ...failures],
    fetchMs: training.fetchMs,
    chunks: training.chunks,
    window: { endMs: ctx.nowMs, windowMs },
  }));
  if (!ctx.onInterim) {
    for (let i = 0; i < jobs.length; i++) {
      await runOwn(jobs, i, answers, ctx);
    }
    return answers.snapshot();
  }
  return fitProgressively(jobs, answers, ctx);
}
