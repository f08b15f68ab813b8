/**
 * The use case: one forecast query, from its spec to its answer. Checks the settings before anything
 * is fetched (a typo costs no training run), fits the query (fetch the training window, run each
 * series' model) or re-plans on the forecast kept from the last run when only advice fields changed,
 * reads the actuals of the displayed range, and plans replicas and actions at the wall clock.
 *
 * It knows nothing of Grafana: the data source and the headless runner are its two front doors, each
 * handing it a Prometheus, a runner, a model store and a clock (`ports.ts`).
 */
import { parseDurationMs } from '../common/duration';
import type { QueryResult } from '../contract/types';
import type { ComputeBackend, TrainProgress } from '../engine/api';
import { assertGridFits } from '../engine/budget';
import { validateLstmOptions } from '../engine/options';
import { labelsKey } from '../io/prometheus/merge';
import type { PromSeries } from '../io/prometheus/types';
import type { ScalingPolicy } from '../policy/types';
import { type AdviceContext, adviseFitted } from './advise';
import { byRecentLevel } from './importance';
import { configError, toForesightError } from './errors';
import { type FitContext, fitQuery, type FitGrid, type FittedQuery, type FittedSeries } from './fitQuery';
import { fitKey, ForecastMemo, queryKey } from './forecastMemo';
import type { KeptRun } from './modelRun';
import { TrainingRuns } from './trainingRuns';
import { UnansweredRuns } from './unansweredRuns';
import { horizonProblem, horizonSteps, resolveTrainingStepMs, windowProblem } from './grid';
import { checkCurrentReplicas, effectivePolicy, replicasStated } from './policy';
import type { Clock, ForecastRunner, ModelCache, RangeSource } from './ports';
import { readServerForecast } from './serverForecast';
import type { ForecastSpec, ModelStorage } from './spec';

export interface AdvisorSettings {
  backend: ComputeBackend;
  /** Most series one query forecasts (one model each). */
  maxSeries: number;
  storage: ModelStorage;
  modelBaseUrl?: string;
  /** The default scaling policy the spec's overrides apply to. */
  defaultPolicy?: Partial<ScalingPolicy>;
}

export interface AdvisorDeps {
  runner(): Promise<ForecastRunner>;
  modelCache: ModelCache;
  clock: Clock;
  settings: AdvisorSettings;
  /**
   * A training goes on when its query is cancelled, and the next query for the same model joins it
   * (`trainingRuns.ts`): a dashboard, whose auto-refresh cancels every query. Off for the headless
   * runner, which cancels only to stop.
   */
  keepTrainingOnCancel?: boolean;
}

export interface RunContext {
  /**
   * The Prometheus to read from (the data source's wrapped one, or the headless runner's client);
   * asked for only after the spec passed its checks, so a typo is reported before a missing source.
   */
  prometheus(): Promise<RangeSource>;
  /** Where the query lives (dashboard/panel/refId, or the job name): the re-plan memo's key. */
  slot: string;
  /**
   * The displayed range whose actuals are returned beside the forecast (at its step, else the
   * training step); none: no actuals are fetched.
   */
  display?: { fromMs: number; toMs: number; stepMs?: number };
  /** IANA zone for the times written in reasons (default UTC). */
  timeZone?: string;
  /** Keeps only some series (a headless shard). */
  selectSeries?: (labels: Record<string, string>) => boolean;
  /**
   * Replicas running now for one series (a headless job reads them per series from
   * `kube_deployment_status_replicas`); undefined: the spec's `currentReplicas`.
   */
  currentReplicasFor?: (labels: Record<string, string>) => number | undefined;
  signal?: AbortSignal;
  onProgress?(progress: TrainProgress): void;
  /**
   * A dashboard's progressive answer: called with the query's answer so far, first with quick
   * forecasts (nothing trained), then as each series' own model lands, most important first. The
   * returned promise still resolves with the final answer. Unset (the headless runner): one answer.
   */
  onPartial?(partial: QueryResult, pending: number): void;
}

/** The spec's settings, resolved and checked: every error here is the user's to fix, before any fetch. */
function resolveSpec(spec: ForecastSpec, settings: AdvisorSettings) {
  if (!spec.expr.trim()) {
    // said, not skipped: a panel that ran nothing read "The query returned no series"
    throw configError('The PromQL expression is empty: enter the query whose series Foresight should forecast.');
  }
  const windowMs = parseDurationMs(spec.trainingWindow, 'training window');
  const stepMs = resolveTrainingStepMs(spec.trainingStep, windowMs);
  const horizonMs = parseDurationMs(spec.horizon, 'horizon');
  const problem =
    windowProblem(spec.trainingWindow, windowMs, stepMs) ?? horizonProblem(spec.horizon, horizonMs, stepMs);
  if (problem) {
    throw configError(problem);
  }
  const grid: FitGrid = { windowMs, stepMs, horizon: horizonSteps(horizonMs, stepMs) };
  const policy = effectivePolicy(settings.defaultPolicy, spec.policy);
  const currentReplicas = checkCurrentReplicas(spec.currentReplicas, policy.minReplicas);
  const stated = replicasStated(settings.defaultPolicy, spec.policy, spec.currentReplicas);
  // The engine's own bounds, checked before a single chunk is fetched (it checks them again).
  validateLstmOptions(spec.lstm);
  assertGridFits(Math.floor(windowMs / stepMs) + 1, stepMs);
  return { grid, policy, currentReplicas, stated };
}

/** A displayed range that ends before it starts, or is not a time, is the dashboard's to fix, not Prometheus's. */
function checkDisplay(display: RunContext['display']): void {
  if (display && !(Number.isFinite(display.fromMs) && Number.isFinite(display.toMs) && display.toMs > display.fromMs)) {
    const when = (ms: number) =>
      Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : 'not a time';
    throw configError(
      `The dashboard's time range is invalid: from ${when(display.fromMs)} to ${when(display.toMs)} UTC. ` +
        'Pick a range whose end is after its start.'
    );
  }
}

/** Whatever the checks throw (a duration, an engine bound), as the use case's own specific error. */
function checked<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw toForesightError(err);
  }
}

export class QueryAdvisor {
  private readonly memo = new ForecastMemo<FittedQuery>();
  /**
   * The answer each slot last showed, interim ones included: a refresh that cut the last run short
   * (auto-refresh on a first visit) still finds every series' last answer to hold (`progressive.ts`).
   */
  private readonly shown = new ForecastMemo<FittedQuery>();
  /** Trainings by model fingerprint: a refresh that cancels a query leaves its training going for the next one. */
  private readonly training?: TrainingRuns<KeptRun>;
  private readonly unanswered = new UnansweredRuns();

  constructor(private readonly deps: AdvisorDeps) {
    this.training = deps.keepTrainingOnCancel ? new TrainingRuns<KeptRun>() : undefined;
  }

  async run(spec: ForecastSpec, ctx: RunContext): Promise<QueryResult> {
    const { settings, clock } = this.deps;
    const { grid, policy, currentReplicas, stated } = checked(() => resolveSpec(spec, settings));
    checkDisplay(ctx.display);
    if (spec.forecastFrom === 'server') {
      return this.readFromServer(spec, ctx, { policy, currentReplicas, stepMs: grid.stepMs });
    }
    const prometheus = await ctx.prometheus();
    const clockAtStart = clock.now();
    // Whether this run still waits for Prometheus: the training window, then the displayed range.
    const reads = { training: true, display: false };
    try {
      const resolved = { grid, policy, currentReplicas, stated };
      const result = await this.fitAndAdvise(spec, ctx, prometheus, resolved, reads, clockAtStart);
      this.unanswered.answered(ctx.slot);
      return result;
    } catch (err) {
      if (ctx.signal?.aborted && (reads.training || reads.display)) {
        this.unanswered.cancelled(ctx.slot, clockAtStart);
      }
      throw err;
    }
  }

  /** The run past its checks: fit (or re-plan on the kept fit) and advise; `reads` tracks what it waits for. */
  private async fitAndAdvise(
    spec: ForecastSpec,
    ctx: RunContext,
    prometheus: RangeSource,
    resolved: ReturnType<typeof resolveSpec>,
    reads: { training: boolean; display: boolean },
    clockAtStart: number
  ): Promise<QueryResult> {
    const { settings, clock } = this.deps;
    const { grid, policy, currentReplicas, stated } = resolved;
    const fit = fitKey({ ...spec, backend: settings.backend });
    const asked = queryKey(spec);
    const { onPartial } = ctx;
    let fitted = this.memo.replanFrom(ctx.slot, fit, asked, clockAtStart);
    const replanned = fitted !== undefined;
    reads.training = !replanned;
    const slow = this.unanswered.note(ctx.slot, clockAtStart);
    const onProgress = (p: TrainProgress) =>
      ctx.onProgress?.(
        slow && p.phase === 'fetch' ? { ...p, message: [p.message, slow].filter(Boolean).join(' · ') } : p
      );
    const advice = (actualByKey: Map<string, PromSeries>): Omit<AdviceContext, 'replanned' | 'clockMs'> => ({
      spec,
      stepMs: grid.stepMs,
      policy,
      replicasStated: stated || ctx.currentReplicasFor !== undefined,
      currentReplicas,
      currentReplicasFor: ctx.currentReplicasFor,
      actualByKey,
      timeZone: ctx.timeZone ?? 'UTC',
    });
    // Read once: a progressive answer (a dashboard) reads the displayed range beside the training
    // window, a plain one after fitting. One after the other, two 30 s answers of a slow Prometheus
    // outlasted a 1-minute refresh, and every run was cancelled before it answered.
    const actuals = readOnce(() => fetchActuals(prometheus, spec, ctx, grid.stepMs, clock.now()), reads);
    if (onPartial) {
      actuals().catch(() => undefined);
    }
    if (!fitted) {
      fitted = await fitQuery(spec, grid, {
        source: prometheus,
        runner: await this.deps.runner(),
        modelCache: this.deps.modelCache,
        backend: settings.backend,
        maxSeries: settings.maxSeries,
        storage: settings.storage,
        modelBaseUrl: settings.modelBaseUrl,
        nowMs: clockAtStart,
        selectSeries: ctx.selectSeries,
        signal: ctx.signal,
        onProgress,
        onTrainingFetched: () => (reads.training = false),
        training: this.training?.for(ctx.slot),
        ...(onPartial
          ? {
              ...progressive(
                (partial, pending, fittedPartial) => {
                  this.shown.remember(ctx.slot, fit, asked, clock.now(), fittedPartial);
                  onPartial(partial, pending);
                },
                actuals,
                (partial, actualByKey) =>
                  adviseFitted(partial, { ...advice(actualByKey), clockMs: clock.now(), replanned: false })
              ),
              previous: this.shown.lastFit(ctx.slot, fit, clockAtStart),
            }
          : {}),
      });
      this.memo.remember(ctx.slot, fit, asked, clockAtStart, fitted);
      this.shown.remember(ctx.slot, fit, asked, clockAtStart, fitted);
    }
    const actualByKey = await actuals();
    return adviseFitted(fitted, { ...advice(actualByKey), clockMs: clock.now(), replanned });
  }

  /** A forecast the headless runner published, read back through the same Prometheus: nothing trains here. */
  private async readFromServer(
    spec: ForecastSpec,
    ctx: RunContext,
    advice: { policy: ScalingPolicy; currentReplicas: number; stepMs: number }
  ): Promise<QueryResult> {
    const job = spec.serverJob?.trim();
    if (!job) {
      throw configError(
        'Forecasts from a Foresight server need the job name (as in the server\'s config); set "Server job".'
      );
    }
    const prometheus = await ctx.prometheus();
    const nowMs = this.deps.clock.now();
    return readServerForecast(spec, {
      source: prometheus,
      job,
      clockMs: nowMs,
      actualByKey: await fetchActuals(prometheus, spec, ctx, advice.stepMs, nowMs),
      lastDayByKey: await lastDayFor(prometheus, spec, ctx, advice.stepMs, nowMs),
      policy: advice.policy,
      currentReplicas: advice.currentReplicas,
      timeZone: ctx.timeZone ?? 'UTC',
      signal: ctx.signal,
    });
  }
}

const DAY_MS = 86_400_000;

/** `read` started at the first call only, with `reads.display` set while it is under way. */
function readOnce<T>(read: () => Promise<T>, reads: { display: boolean }): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => {
    if (!started) {
      reads.display = true;
      started = read();
      const done = () => (reads.display = false);
      started.then(done, done);
    }
    return started;
  };
}

/** Minimum time between two interim answers: enough for the panel to draw, few enough re-encodings. */
const INTERIM_EVERY_MS = 400;

/**
 * The progressive half of the fit context: interim answers, paced (the end of the quick pass always
 * goes out; the final answer is `run`'s result), and series with a pending scale action trained first.
 */
function progressive(
  onPartial: (partial: QueryResult, pending: number, fitted: FittedQuery) => void,
  actuals: () => Promise<Map<string, PromSeries>>,
  advise: (partial: FittedQuery, actualByKey: Map<string, PromSeries>) => QueryResult
): Pick<FitContext, 'onInterim' | 'compareImportance'> {
  let lastMs = -Infinity;
  const urgent = new Map<string, boolean>();
  // A series whose quick forecast already asks for a scale action is the one to get right first.
  const isUrgent = (f: FittedSeries): boolean => {
    let u = urgent.get(f.seriesKey);
    if (u === undefined) {
      u = advise({ series: [f], errors: [], fetchMs: 0, chunks: 0 }, new Map()).actions.some(
        (a) => a.action !== 'hold'
      );
      urgent.set(f.seriesKey, u);
    }
    return u;
  };
  return {
    async onInterim(partial, pending, flush) {
      const now = Date.now();
      if (!flush && pending > 0 && now - lastMs < INTERIM_EVERY_MS) {
        return;
      }
      const actualByKey = await actuals();
      lastMs = Date.now();
      onPartial(advise(partial, actualByKey), pending, partial);
    },
    compareImportance(a, b) {
      return Number(isUrgent(b)) - Number(isUrgent(a)) || byRecentLevel(a, b);
    },
  };
}

/**
 * The day before now, where a server-read forecast (no training window) would otherwise judge by the
 * dashboard's range: when that range ends before now (the reactive floor would start from an old
 * sample) or, with a retire threshold, covers less than the day (the rule judges by a day). Undefined
 * when the range serves.
 */
async function lastDayFor(
  prometheus: RangeSource,
  spec: ForecastSpec,
  ctx: Pick<RunContext, 'display' | 'signal'>,
  trainingStepMs: number,
  nowMs: number
): Promise<Map<string, PromSeries> | undefined> {
  const display = ctx.display;
  const endsAtNow = display !== undefined && display.toMs >= nowMs - trainingStepMs;
  const coversDay = endsAtNow && display.fromMs <= nowMs - DAY_MS;
  if (endsAtNow && (coversDay || spec.retireThreshold === undefined)) {
    return undefined;
  }
  const day = { fromMs: nowMs - DAY_MS, toMs: nowMs, stepMs: trainingStepMs };
  return fetchActuals(prometheus, spec, { ...ctx, display: day }, trainingStepMs, nowMs);
}

/**
 * The displayed range's actuals, by series key; one range query at the display's step, up to the
 * clock. Why not to the range's end: a range that reaches past now (a zoom onto the forecast)
 * would have Prometheus evaluate the query at future times, where a plain metric repeats its last
 * sample for the lookback's 5 minutes and `rate()` extrapolates over ever fewer samples: an
 * "actual" line running into the forecast, bending where nothing was measured (seen: checkout
 * 355 req/s read as 327 one minute past now).
 */
async function fetchActuals(
  prometheus: RangeSource,
  spec: ForecastSpec,
  ctx: Pick<RunContext, 'display' | 'signal'>,
  trainingStepMs: number,
  nowMs: number
): Promise<Map<string, PromSeries>> {
  const display = ctx.display;
  const toMs = display ? Math.min(display.toMs, nowMs) : 0;
  if (!display || toMs <= display.fromMs) {
    return new Map();
  }
  const stepMs = Math.max(display.stepMs || trainingStepMs, 1000);
  const spanMs = toMs - display.fromMs;
  const actuals = await prometheus.queryRange(
    {
      refId: spec.refId,
      expr: prometheus.bindRange?.(spec.expr, stepMs, display.toMs - display.fromMs) ?? spec.expr,
      legendFormat: spec.legendFormat,
      fromMs: display.fromMs,
      toMs,
      stepMs,
      points: Math.floor(spanMs / stepMs) + 1,
    },
    ctx.signal
  );
  return new Map(actuals.map((s) => [labelsKey(s.labels), s]));
}
