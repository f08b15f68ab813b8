/**
 * One query's series as units of work: each series' run inputs (fingerprint, model name, progress
 * within the query), its own run under the query's model mode, its quick first answer, and the
 * answers so far in label order. `fitQuery` runs them in label order; `progressive.ts` in a
 * dashboard's order.
 */
import type { RawSeries, TrainProgress } from '../engine/api';
import { labelsKey } from '../io/prometheus/merge';
import type { PromSeries } from '../io/prometheus/types';
import { groupBySentence, type Said } from '../common/grouped';
import { toForesightError } from './errors';
import type { FitContext, FitGrid, FittedQuery, FittedSeries } from './fitQuery';
import { modelFingerprint } from './modelFingerprint';
import { type ModelRun, type ModelRunInput, runQuick, runWithModelMode } from './modelRun';
import { namedModelKey } from './ports';
import type { ForecastSpec } from './spec';

/** One selected series, ready to run. */
export interface SeriesJob {
  one: PromSeries;
  seriesKey: string;
  seriesName: string;
  input: ModelRunInput;
  /**
   * Where its own run stands in the query's progress (0-based): its label order, or the order a
   * dashboard trains in (`progressive.ts`), so the progress bar only moves forward.
   */
  position: number;
}

/** Each series' answer so far, in label order: its own run, its quick forecast, or its failure. */
export class Answers {
  readonly slots: Array<FittedSeries | undefined>;
  private readonly failed: Array<Said | undefined>;
  constructor(
    count: number,
    private readonly build: (series: FittedSeries[], failures: string[]) => FittedQuery
  ) {
    this.slots = new Array(count);
    this.failed = new Array(count);
  }
  set(i: number, answer: FittedSeries | Said): void {
    // A failed own run drops the series' quick forecast: shown, it would hide the error.
    this.slots[i] = 'sentence' in answer ? undefined : answer;
    this.failed[i] = 'sentence' in answer ? answer : undefined;
  }
  snapshot(): FittedQuery {
    const failed = this.failed.filter((e): e is Said => e !== undefined);
    return this.build(
      this.slots.filter((f): f is FittedSeries => f !== undefined),
      // One series alone: its reason as is. Several: each reason once, with the series it stopped.
      this.slots.length > 1 ? groupBySentence(failed) : failed.map((f) => f.sentence)
    );
  }
}

/** Runs series i under the query's model mode; its failure becomes its answer, unless it stops the query. */
export async function runOwn(jobs: SeriesJob[], i: number, answers: Answers, ctx: FitContext): Promise<void> {
  const job = jobs[i];
  try {
    answers.set(i, await fitSeries(job, ctx));
  } catch (err) {
    const e = toForesightError(err);
    if (e.kind === 'cancelled' || e.kind === 'worker_crash' || ctx.signal?.aborted) {
      throw e;
    }
    answers.set(i, { who: job.seriesName, sentence: e.message });
  }
}

/** The quick first answer for one series, or undefined when it cannot give one. */
export async function quickAnswer(job: SeriesJob, ctx: FitContext): Promise<FittedSeries | undefined> {
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

/**
 * The series as the engine is given it. The times of Prometheus's NaN and ±Inf samples (null in
 * `values`) travel with it, so preparation says those gaps in the warning line.
 */
export function engineSeries(one: PromSeries): RawSeries {
  const series: RawSeries = { times: one.times, values: one.values };
  if (one.nonFiniteTimes) {
    series.nonFiniteTimes = one.nonFiniteTimes;
  }
  return series;
}

/** One series' run inputs: its fingerprint, model name, request, and progress within the query. */
export function seriesJob(
  spec: ForecastSpec,
  one: PromSeries,
  seriesName: string,
  grid: FitGrid,
  ctx: FitContext,
  count: number,
  index: number
): SeriesJob {
  const { stepMs, horizon } = grid;
  const seriesKey = labelsKey(one.labels);
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
  let job: SeriesJob | undefined;
  const onProgress = (p: TrainProgress) =>
    ctx.onProgress({
      ...p,
      fraction: 0.1 + 0.9 * (((job?.position ?? index) + p.fraction) / count),
      message: `${seriesName}: ${p.message ?? p.phase}`,
    });
  const input: ModelRunInput = {
    query: spec,
    request: {
      series: engineSeries(one),
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
    training: ctx.training,
  };
  job = { one, seriesKey, seriesName, input, position: index };
  return job;
}

/** One series' model run under the query's model mode (train, reuse, fine-tune or load). */
async function fitSeries(job: SeriesJob, ctx: FitContext): Promise<FittedSeries> {
  const started = Date.now();
  return fitted(job, await runWithModelMode(job.input), started, ctx);
}
