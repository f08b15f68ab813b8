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
import { type ModelRun, type ModelRunInput, quickAnswerNeed, runQuick, runWithModelMode } from './modelRun';
import { importanceOrder } from './importance';
import { inPool } from './pool';
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
  /** With `onInterim`: which series to train first (default: by recent level, largest first). */
  compareImportance?(a: FittedSeries, b: FittedSeries): number;
}

/** Cheap per-series runs (quick forecasts, cached models) in flight at once; training runs one at a time. */
const IN_FLIGHT = 4;

/** One selected series, ready to run. */
interface SeriesJob {
  one: PromSeries;
  seriesKey: string;
  seriesName: string;
  input: ModelRunInput;
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

  const jobs = selected.map((one, i) => seriesJob(spec, one, grid, ctx, selected.length, i));
  const answers = new Answers(jobs.length, (series, failures) => ({
    series,
    errors: [...errors, ...failures],
    fetchMs: training.fetchMs,
    chunks: training.chunks,
  }));
  if (!ctx.onInterim) {
    for (let i = 0; i < jobs.length; i++) {
      await runOwn(jobs, i, answers, ctx);
    }
    return answers.snapshot();
  }
  return fitProgressively(jobs, answers, ctx);
}

/** Each series' answer so far, in label order: its own run, its quick forecast, or its failure. */
class Answers {
  readonly slots: Array<FittedSeries | undefined>;
  private readonly failed: Array<string | undefined>;
  constructor(
    count: number,
    private readonly build: (series: FittedSeries[], failures: string[]) => FittedQuery
  ) {
    this.slots = new Array(count);
    this.failed = new Array(count);
  }
  set(i: number, answer: FittedSeries | string): void {
    // A failed own run drops the series' quick forecast: shown, it would hide the error.
    this.slots[i] = typeof answer === 'string' ? undefined : answer;
    this.failed[i] = typeof answer === 'string' ? answer : undefined;
  }
  snapshot(): FittedQuery {
    return this.build(
      this.slots.filter((f): f is FittedSeries => f !== undefined),
      this.failed.filter((e): e is string => e !== undefined)
    );
  }
}

/** Runs series i under the query's model mode; its failure becomes its answer, unless it stops the query. */
async function runOwn(jobs: SeriesJob[], i: number, answers: Answers, ctx: FitContext): Promise<void> {
  const job = jobs[i];
  try {
    answers.set(i, await fitSeries(job, ctx));
  } catch (err) {
    const e = toForesightError(err);
    if (e.kind === 'cancelled' || e.kind === 'worker_crash' || ctx.signal?.aborted) {
      throw e;
    }
    answers.set(i, jobs.length > 1 ? `${job.seriesName}: ${e.message}` : e.message);
  }
}

/**
 * A dashboard's order. Every series that would wait gets a quick forecast first, all shown as soon as
 * they exist; then each gets its own model, cached ones first (fast), then the ones that train, most
 * important first, each replacing its quick forecast as it lands. A few cached series (one round of
 * runs) skip the quick forecast: theirs are instant, and a returning user sees no flicker.
 */
async function fitProgressively(jobs: SeriesJob[], answers: Answers, ctx: FitContext): Promise<FittedQuery> {
  const onInterim = ctx.onInterim!;
  // Read from the model store side by side: one by one, 100 cached models took a second.
  const need = await Promise.all(jobs.map((job) => quickAnswerNeed(job.input)));
  const cachedCount = need.filter((n) => n === 'cached').length;
  const wants = need.map((n) => n === 'training' || (n === 'cached' && cachedCount > IN_FLIGHT));
  const indices = jobs.map((_, i) => i);
  let waiting = jobs.length;
  await inPool(
    indices.filter((i) => !wants[i]),
    IN_FLIGHT,
    async (i) => {
      await runOwn(jobs, i, answers, ctx);
      // Paced by the caller: these series show as they come.
      await onInterim(answers.snapshot(), --waiting);
    }
  );
  const quick = new Set<number>();
  await inPool(
    indices.filter((i) => wants[i]),
    IN_FLIGHT,
    async (i) => {
      const f = await quickAnswer(jobs[i], ctx);
      if (f) {
        answers.set(i, f);
        quick.add(i);
        // Paced by the caller: the first quick forecasts show while the rest are computed.
        await onInterim(answers.snapshot(), waiting);
      }
    }
  );
  if (quick.size > 0) {
    // Every quick forecast goes out now, whatever the pacing held back.
    await onInterim(answers.snapshot(), quick.size, true);
  }
  const cachedNext = indices.filter((i) => wants[i] && need[i] === 'cached');
  const training = indices.filter((i) => need[i] === 'training');
  const byImportance = importanceOrder(
    answers.slots,
    new Set(training.filter((i) => quick.has(i))),
    ctx.compareImportance
  );
  // Series whose quick answer failed run last: their own run says why (or succeeds).
  const failedQuick = training.filter((i) => !quick.has(i));
  for (const i of [...cachedNext, ...byImportance, ...failedQuick]) {
    await runOwn(jobs, i, answers, ctx);
    // The last one is the final answer, which the caller gets as the return value.
    if (quick.delete(i) && quick.size > 0) {
      await onInterim(answers.snapshot(), quick.size);
    }
  }
  return answers.snapshot();
}

/** The quick first answer for one series, or undefined when it cannot give one. */
async function quickAnswer(job: SeriesJob, ctx: FitContext): Promise<FittedSeries | undefined> {
  const started = Date.now();
  try {
    const run = await runQuick(job.input);
    return fitted(job, run, started, ctx);
  } catch (err) {
    const e = toForesightError(err);
    if (e.kind === 'cancelled' || e.kind === 'worker_crash' || ctx.signal?.aborted) {
      throw e;
    }
    // Whatever stops the quick answer stops the series' own run too, which then says so.
    return undefined;
  }
}

function fitted(job: SeriesJob, run: ModelRun, started: number, ctx: FitContext): FittedSeries {
  return {
    series: job.one,
    seriesKey: job.seriesKey,
    run,
    trainMs: Date.now() - started,
    compute: ctx.runner.mode,
    computeNote: ctx.runner.fallbackReason,
  };
}

/** One series' run inputs: its fingerprint, model name, request, and progress within the query. */
function seriesJob(
  spec: ForecastSpec,
  one: PromSeries,
  grid: FitGrid,
  ctx: FitContext,
  count: number,
  index: number
): SeriesJob {
  const { stepMs, horizon } = grid;
  const seriesKey = labelsKey(one.labels);
  const seriesName = promDisplayName(one.labels, spec.legendFormat, spec.expr) || seriesKey;
  const multiSeries = count > 1;
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
  const onProgress = (p: TrainProgress) =>
    ctx.onProgress({
      ...p,
      fraction: 0.1 + 0.9 * ((index + p.fraction) / count),
      message: `${seriesName}: ${p.message ?? p.phase}`,
    });
  const input: ModelRunInput = {
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
    options: { signal: ctx.signal, onProgress },
  };
  return { one, seriesKey, seriesName, input };
}

/** One series' model run under the query's model mode (train, reuse, fine-tune or load). */
async function fitSeries(job: SeriesJob, ctx: FitContext): Promise<FittedSeries> {
  const started = Date.now();
  return fitted(job, await runWithModelMode(job.input), started, ctx);
}
