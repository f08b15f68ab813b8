/**
 * The advice half of a forecast, apart from how the forecast was made: replica plan, scale actions
 * and retire advice for one series, judged against the wall clock. Re-planning after a policy edit
 * calls only this, on the forecast kept in memory. Grafana-free, so every front door (data source,
 * CLI, headless runner) dates and withholds actions the same way.
 */
import { formatDuration } from '../common/duration';
import type { Forecast } from '../engine/api';
import { adviseRetire, planReplicas } from '../policy';
import type { ReplicaPlan, RetireAdvice, ScaleAction, ScalingPolicy } from '../policy/types';
import { counterShape, counterWarning } from './counter';
import { firstObservationMs } from './coverage';
import { repeatsWarning, sampleRepeats } from './repeats';
import { assessStaleness, type Staleness } from './staleness';

export interface SeriesData {
  times: number[];
  values: Array<number | null>;
}

export interface SeriesPlanInput {
  forecast: Forecast;
  /** The training series (its last sample is the forecast origin; its last day feeds the retire check). */
  series: SeriesData;
  policy: ScalingPolicy;
  currentReplicas: number;
  /** Unset: no retire check. */
  retireThreshold?: number;
  /**
   * The day before the clock, where `series` is not it (a server-read forecast: `series` is the
   * dashboard's range, which may be an hour, or last week): the retire rule, the counter check and
   * the reactive floor read this instead, so none judges by a range the user happens to look at.
   */
  recent?: SeriesData;
  /** Wall clock the advice is for. */
  clockMs: number;
  /** IANA zone for the times written in reasons. */
  timeZone: string;
  /** Unit of the values, for the words of the retire reason. */
  unit?: string;
  /** The series' labels and the query it came from, for the counter check (`counter.ts`). */
  labels?: Record<string, string>;
  expr?: string;
}

export interface SeriesPlan {
  /**
   * Absent when the data is stale (a plan from an old sample would date its actions in the past) or
   * a counter read without rate() (a plan from a running total climbs forever).
   */
  plan?: ReplicaPlan;
  retire?: RetireAdvice;
  /** Scale and retire actions, none dated before `clockMs`. */
  actions: ScaleAction[];
  staleness: Staleness;
  /** The visible sentence when the series looks like a counter read without rate(). */
  counter?: string;
  /** The visible sentence when each sample repeats (read at a finer step than it is sampled at). */
  repeats?: string;
  /** The visible sentence when a retire check was asked for and the data did not cover its day. */
  retireNote?: string;
}

const DAY_MS = 86_400_000;
/**
 * A series that starts less than a day before now, by more than this, is too little evidence for
 * the retire rule: a model busy six hours ago must not be retired on a one-hour view of it.
 */
const RETIRE_COVERAGE_SLACK_MS = 3_600_000;

/** What is wrong with the data itself, for the warning line (said before the model's own sentences). */
export function dataSentences(p: SeriesPlan): string[] {
  return [p.counter, p.repeats, p.retireNote].filter((s): s is string => s !== undefined);
}

/** The newest finite sample: the forecast origin, and the policy's reactive floor. */
export function lastObservation(series: SeriesData): { value: number; timeMs: number } | undefined {
  for (let i = series.values.length - 1; i >= 0; i--) {
    const v = series.values[i];
    if (v !== null && Number.isFinite(v)) {
      return { value: v, timeMs: series.times[i] };
    }
  }
  return undefined;
}

/**
 * Highest value over the 24 h ending at `nowMs` (nulls ignored), the last-24 h peak of the retire
 * rule. Undefined when the series has no sample in that day: no evidence either way.
 */
export function last24hPeak(series: SeriesData, nowMs: number): number | undefined {
  let peak: number | undefined;
  for (let i = series.times.length - 1; i >= 0; i--) {
    const t = series.times[i];
    if (t <= nowMs - DAY_MS) {
      break;
    }
    const v = series.values[i];
    if (t <= nowMs && v !== null && Number.isFinite(v)) {
      peak = peak === undefined ? v : Math.max(peak, v);
    }
  }
  return peak;
}

/**
 * An action the forecast dates between the last sample and now can still be taken, but only now:
 * it is moved to the clock (its reason keeps the forecast's own times). A change moved later pushes
 * the next change along too, so no two changes are closer than the cooldown: the plan spaced them
 * from the forecast's own times, and a change moved to now followed by one dated a cooldown after
 * the forecast's first step would be a cooldown minus the data's age apart (seen: 286 s under a
 * 300 s cooldown with a 14 s old sample), which an autoscaler following the advice would break.
 */
export function notBefore(actions: ScaleAction[], clockMs: number, cooldownMs = 0): ScaleAction[] {
  let lastChange = -Infinity;
  return actions.map((a) => {
    const isChange = a.action === 'up' || a.action === 'down';
    const earliest = isChange ? Math.max(clockMs, lastChange + cooldownMs) : clockMs;
    const moved = a.timeMs < earliest ? { ...a, timeMs: earliest } : a;
    if (isChange) {
      lastChange = moved.timeMs;
    }
    return moved;
  });
}

export function planSeries(input: SeriesPlanInput): SeriesPlan {
  const { forecast, series, policy, clockMs } = input;
  const originMs = forecast.startMs - forecast.stepMs;
  const horizonEndMs = forecast.startMs + (forecast.mean.length - 1) * forecast.stepMs;
  const staleness = assessStaleness(originMs, clockMs, forecast.stepMs, horizonEndMs);
  const repeated = sampleRepeats(series.values);
  const repeats = repeated ? repeatsWarning(repeated, forecast.stepMs) : undefined;
  const recent = input.recent ?? series;
  const counter = counterShape({ values: recent.values, labels: input.labels, expr: input.expr });
  if (counter) {
    // Neither replicas nor retire advice mean anything on a running total.
    return { actions: [], staleness, counter: counterWarning(counter, forecast.stepMs), repeats };
  }

  const { retire, retireNote } = retireCheck(input);
  if (staleness.stale) {
    return { retire, actions: [], staleness, repeats, retireNote };
  }

  const plan = planReplicas(forecast, input.currentReplicas, policy, {
    timeZone: input.timeZone,
    lastObserved: lastObservation(recent),
  });
  const actions: ScaleAction[] = [];
  if (retire?.retire) {
    actions.push({
      timeMs: forecast.startMs,
      action: 'retire',
      from: input.currentReplicas,
      to: 0,
      reason: retire.reason,
    });
  }
  actions.push(...plan.actions);
  return {
    plan,
    retire,
    actions: notBefore(actions, clockMs, policy.cooldownSec * 1000),
    staleness,
    repeats,
    retireNote,
  };
}

/**
 * The retire rule on the last day before the clock; none when that day holds no sample. A day only
 * partly covered (a short training window or view) keeps the series, and says why in the warning line.
 */
function retireCheck(input: SeriesPlanInput): Pick<SeriesPlan, 'retire' | 'retireNote'> {
  const series = input.recent ?? input.series;
  const threshold = input.retireThreshold;
  const peak = threshold === undefined ? undefined : last24hPeak(series, input.clockMs);
  if (threshold === undefined || peak === undefined) {
    return {};
  }
  const first = firstObservationMs(series);
  if (first !== undefined && first > input.clockMs - DAY_MS + RETIRE_COVERAGE_SLACK_MS) {
    const span = formatDuration(input.clockMs - first);
    return {
      retire: {
        retire: false,
        reason: `keep: the data covers only the last ${span} of the 24 h the retire rule judges by`,
      },
      retireNote: `Retire check not made: the data covers only the last ${span} of the 24 hours the rule judges by (a training window under a day, or a series younger than that), so the series is kept.`,
    };
  }
  return {
    retire: adviseRetire({
      upper95: input.forecast.upper95,
      last24hHourlyPeak: peak,
      threshold,
      startMs: input.forecast.startMs,
      stepMs: input.forecast.stepMs,
      unit: input.unit,
      timeZone: input.timeZone,
    }),
  };
}
