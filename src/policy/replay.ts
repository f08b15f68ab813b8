/**
 * Replay: run a policy over history as if it had been live, once predictively (on a forecast made from
 * the past only) and once reactively (the same rules on the latest observed value, like an HPA), and
 * count what each would have cost and how often it would have been short of capacity.
 *
 * Time model (one convention for both policies, so the comparison is fair):
 * - Sample i is the load over [t_i, t_i + step); it can be observed only once that interval is over.
 * - Time advances in ticks (gcd of step, lead time and evaluation interval). The policy is evaluated at
 *   the start of every evaluation interval and sees only completed samples.
 * - A scale-up is asked for at once but serves from one lead time later; a scale-down is immediate.
 *   So the replicas serving at time τ are the fewest asked for during [τ − lead, τ].
 * - The predictive policy plans on the peak of its forecast line over [now, now + lead + interval),
 *   floored by the latest observed value when `policy.reactiveFloor` is set.
 * - Under-provisioned: load > serving replicas × capacity. Replica-hours bill the replicas asked for
 *   (booting ones cost money too). A scale event is one up or down action.
 */
import type { ForecastBand, RawSeries } from '../engine/api';
import { ScaleController } from './controller';
import type { ScaleAction, ScalingPolicy } from './types';
import { higherLoad, lineLabel, observedLoad, peakInWindow } from './window';

/** Forecast `horizon` steps after the last point of `history` (which ends at the last completed sample). */
export type Forecaster = (history: RawSeries, horizon: number, stepMs: number) => ForecastBand | Promise<ForecastBand>;

export interface ReplayInput {
  /** Regular grid: times[i] = times[0] + i × stepMs. Missing values are null or NaN. */
  times: number[];
  values: Array<number | null>;
  stepMs: number;
  policy: ScalingPolicy;
  forecaster: Forecaster;
  /** First sample of the replay period; the samples before it are history only (at least one). */
  startIndex: number;
  /** End of the replay period (exclusive); default all samples. */
  endIndex?: number;
  /** Replicas asked for before the replay starts; default what the last history value needs. */
  initialReplicas?: number;
  /** Capacity per replica for the accounting; default the policy's. */
  capacityPerReplica?: number;
  /** Pass at most this many samples of history to the forecaster (speed); default all. */
  historySteps?: number;
  /** Keep the per-tick timeline and the actions (tests, charts). */
  keepTimeline?: boolean;
}

export interface ReplayFigures {
  underProvisionedMinutes: number;
  /**
   * The part of underProvisionedMinutes where the replicas asked for would have served the load but
   * were still booting (lead time); the rest is load above what was asked for.
   */
  bootingMinutes: number;
  /**
   * The part of underProvisionedMinutes where the load was within the target-tracking tolerance of the
   * serving capacity (load ≤ serving × capacity × (1 + tolerance)): overload the HPA rule accepts by
   * design rather than fails to see coming. 0 for the thresholds rule.
   */
  withinToleranceMinutes: number;
  replicaHours: number;
  scaleEvents: number;
  /** Largest load − serving capacity, in load units (0 when never short). */
  worstShortfall: number;
  /** Replicas missing at the worst moment. */
  worstShortfallReplicas: number;
  worstShortfallAtMs: number | null;
}

export interface ReplayTimeline {
  times: number[];
  load: number[];
  target: number[];
  ready: number[];
  actions: ScaleAction[];
}

export interface ReplayRun extends ReplayFigures {
  timeline?: ReplayTimeline;
}

export interface ReplayResult {
  predictive: ReplayRun;
  reactive: ReplayRun;
  /** Minutes replayed with a known load (gaps are not counted either way). */
  minutes: number;
  /** Minutes where even maxReplicas could not serve the load: no policy can avoid these. */
  unservableMinutes: number;
  tickMs: number;
  forecastCalls: number;
  /** Evaluations where the forecaster threw; the predictive policy held there. */
  forecastErrors: number;
  firstForecastError?: string;
}

function gcd(a: number, b: number): number {
  while (b) {
    [a, b] = [b, a % b];
  }
  return a;
}

function checkInput(input: ReplayInput, endIndex: number): void {
  const { times, values, stepMs, startIndex } = input;
  const problems: string[] = [];
  if (!Number.isInteger(stepMs) || stepMs <= 0) {
    problems.push(`stepMs must be a whole positive number of ms (got ${stepMs})`);
  }
  if (times.length !== values.length) {
    problems.push(`times (${times.length}) and values (${values.length}) differ in length`);
  }
  if (!Number.isInteger(startIndex) || startIndex < 1) {
    problems.push(`startIndex must be at least 1, so there is history to start from (got ${startIndex})`);
  }
  if (!Number.isInteger(endIndex) || endIndex <= startIndex || endIndex > times.length) {
    problems.push(`endIndex must be after startIndex and at most ${times.length} (got ${endIndex})`);
  }
  for (const field of ['leadTimeSec', 'evaluationIntervalSec'] as const) {
    if (!Number.isInteger(input.policy[field] * 1000)) {
      problems.push(`policy.${field} must be a whole number of ms for the replay (got ${input.policy[field]})`);
    }
  }
  if (problems.length === 0) {
    const bad = times.findIndex((t, i) => t !== times[0] + i * stepMs);
    if (bad >= 0) {
      problems.push(`times must be a regular grid of stepMs; times[${bad}] is off (regularise the series first)`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`replay: ${problems.join('; ')}`);
  }
}

/** Bookkeeping for one policy run: asked-for replicas per tick and the figures. */
class Ledger {
  readonly target: number[] = [];
  readonly ready: number[] = [];
  readonly actions: ScaleAction[] = [];
  figures: ReplayFigures = {
    underProvisionedMinutes: 0,
    bootingMinutes: 0,
    withinToleranceMinutes: 0,
    replicaHours: 0,
    scaleEvents: 0,
    worstShortfall: 0,
    worstShortfallReplicas: 0,
    worstShortfallAtMs: null,
  };

  constructor(
    private readonly initial: number,
    private readonly leadTicks: number,
    private readonly keepActions: boolean,
    /** Target tracking's tolerance (0 for thresholds). */
    private readonly tolerance: number
  ) {}

  note(action: ScaleAction | null): void {
    if (action && action.action !== 'hold') {
      this.figures.scaleEvents++;
    }
    if (action && this.keepActions) {
      this.actions.push(action);
    }
  }

  /** Records tick k's asked-for count and returns the count serving during tick k. */
  book(k: number, target: number): number {
    this.target.push(target);
    let serving = k - this.leadTicks < 0 ? this.initial : Infinity;
    for (let j = Math.max(0, k - this.leadTicks); j <= k; j++) {
      serving = Math.min(serving, this.target[j]);
    }
    this.ready.push(serving);
    return serving;
  }

  account(atMs: number, load: number, serving: number, target: number, capacity: number, tickMs: number): void {
    this.figures.replicaHours += (target * tickMs) / 3_600_000;
    if (!Number.isFinite(load)) {
      return;
    }
    const shortfall = load - serving * capacity;
    if (shortfall > 0) {
      this.figures.underProvisionedMinutes += tickMs / 60_000;
      if (load <= target * capacity) {
        this.figures.bootingMinutes += tickMs / 60_000;
      }
      if (load <= serving * capacity * (1 + this.tolerance)) {
        this.figures.withinToleranceMinutes += tickMs / 60_000;
      }
      if (shortfall > this.figures.worstShortfall) {
        this.figures.worstShortfall = shortfall;
        this.figures.worstShortfallReplicas = Math.ceil(load / capacity) - serving;
        this.figures.worstShortfallAtMs = atMs;
      }
    }
  }
}

/** The replay's clock: ticks fine enough for the lead time and the evaluation interval, and the look-ahead. */
function replayClock(input: ReplayInput, endIndex: number) {
  const { stepMs, policy, startIndex } = input;
  const leadMs = Math.round(policy.leadTimeSec * 1000);
  const evalMs = Math.round(policy.evaluationIntervalSec * 1000);
  const tickMs = [leadMs, evalMs].filter((ms) => ms > 0).reduce(gcd, stepMs);
  const lookaheadMs = leadMs + evalMs;
  return {
    tickMs,
    leadTicks: leadMs / tickMs,
    evalTicks: evalMs / tickMs,
    lookaheadMs,
    horizon: Math.ceil(lookaheadMs / stepMs) + 2,
    ticks: ((endIndex - startIndex) * stepMs) / tickMs,
  };
}

/** Replicas at the start: as given, else what the last sample of history needed, within bounds. */
function initialReplicas(input: ReplayInput, capacity: number, lastHistory: number): number {
  const { policy } = input;
  return (
    input.initialReplicas ??
    Math.min(
      policy.maxReplicas,
      Math.max(policy.minReplicas, Number.isFinite(lastHistory) ? Math.ceil(Math.max(0, lastHistory) / capacity) : 0)
    )
  );
}

/** The forecaster, asked once per new last sample (evaluations between samples reuse its line). */
class ForecastLine {
  times: number[] = [];
  line: ReadonlyArray<number | null> = [];
  calls = 0;
  errors = 0;
  firstError?: string;
  private cachedFor = -1;

  constructor(
    private readonly input: ReplayInput,
    private readonly horizon: number
  ) {}

  async from(last: number): Promise<void> {
    if (last === this.cachedFor) {
      return;
    }
    this.cachedFor = last;
    const { times, values, stepMs, policy, historySteps } = this.input;
    const from = historySteps ? Math.max(0, last + 1 - historySteps) : 0;
    this.times = Array.from({ length: this.horizon }, (_, h) => times[last] + (h + 1) * stepMs);
    this.calls++;
    try {
      const band = await this.input.forecaster(
        { times: times.slice(from, last + 1), values: values.slice(from, last + 1) },
        this.horizon,
        stepMs
      );
      this.line = band[policy.headroom] ?? band.mean ?? [];
    } catch (e) {
      this.errors++;
      this.firstError ??= e instanceof Error ? e.message : String(e);
      this.line = [];
    }
  }
}

interface Timeline {
  times: number[];
  load: number[];
}

function finishRun(ledger: Ledger, timeline: Timeline | undefined): ReplayRun {
  return {
    ...ledger.figures,
    ...(timeline
      ? {
          timeline: {
            times: timeline.times,
            load: timeline.load,
            target: ledger.target,
            ready: ledger.ready,
            actions: ledger.actions,
          },
        }
      : {}),
  };
}

/**
 * Replays the series tick by tick: at each evaluation the reactive controller sees the last sample
 * and the predictive one the forecast's peak over the look-ahead; both ledgers book what was serving.
 */
export async function replay(input: ReplayInput): Promise<ReplayResult> {
  const endIndex = input.endIndex ?? input.times.length;
  checkInput(input, endIndex);
  const { times, values, stepMs, policy, startIndex } = input;
  const capacity = input.capacityPerReplica ?? policy.capacityPerReplica;
  const clock = replayClock(input, endIndex);
  const { tickMs } = clock;
  const t0 = times[0];
  const start = times[startIndex];
  const value = (i: number): number => {
    const v = values[i];
    return v !== null && v !== undefined && Number.isFinite(v) ? v : NaN;
  };
  const initial = initialReplicas(input, capacity, value(startIndex - 1));
  const words = { referenceMs: start };
  const tolerance = policy.kind === 'target' ? policy.tolerance : 0;
  const run = () => ({
    controller: new ScaleController(policy, initial, words),
    ledger: new Ledger(initial, clock.leadTicks, !!input.keepTimeline, tolerance),
  });
  const predictive = run();
  const reactive = run();
  const label = lineLabel(policy.headroom);
  const forecast = new ForecastLine(input, clock.horizon);

  let minutes = 0;
  let unservableMinutes = 0;
  const timeline: Timeline | undefined = input.keepTimeline ? { times: [], load: [] } : undefined;
  for (let k = 0; k < clock.ticks; k++) {
    const now = start + k * tickMs;
    if (k % clock.evalTicks === 0) {
      // Last sample whose interval [t_i, t_i + step) is over by `now`.
      const last = Math.floor((now - t0) / stepMs) - 1;
      const current = observedLoad(value(last), times[last]);
      reactive.ledger.note(reactive.controller.evaluate(now, current).action);
      await forecast.from(last);
      // Forecast samples overlapping the window count, including the one in progress.
      const peak = peakInWindow(forecast.times, forecast.line, now, now + clock.lookaheadMs, label, stepMs);
      const planned = policy.reactiveFloor ? higherLoad(peak, current) : peak;
      predictive.ledger.note(predictive.controller.evaluate(now, planned).action);
    }
    const load = value(Math.floor((now - t0) / stepMs));
    if (Number.isFinite(load)) {
      minutes += tickMs / 60_000;
      if (load > policy.maxReplicas * capacity) {
        unservableMinutes += tickMs / 60_000;
      }
    }
    for (const r of [predictive, reactive]) {
      const target = r.controller.target;
      r.ledger.account(now, load, r.ledger.book(k, target), target, capacity, tickMs);
    }
    timeline?.times.push(now);
    timeline?.load.push(load);
  }
  return {
    predictive: finishRun(predictive.ledger, timeline),
    reactive: finishRun(reactive.ledger, timeline),
    minutes,
    unservableMinutes,
    tickMs,
    forecastCalls: forecast.calls,
    forecastErrors: forecast.errors,
    firstForecastError: forecast.firstError,
  };
}
