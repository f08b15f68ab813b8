/**
 * The time grid a query is trained on: the training step (`auto` or a typed duration) and the
 * horizon in whole steps. Use-case arithmetic, not vocabulary: durations themselves are parsed in
 * `common/duration`.
 */
import { DurationError, formatDuration, parseDurationMs } from '../common/duration';
import { MAX_HORIZON } from '../engine/methods';
import { MAX_POINTS_PER_SERIES } from '../io/prometheus/types';

/** Steps Grafana users recognise; `auto` picks the smallest that keeps the window reasonable. */
const NICE_STEPS_MS = [
  15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000,
  86_400_000,
];

/**
 * `auto`: the smallest nice step giving at most `targetPoints` (default 11,000: one request per
 * series) over the window, and at least 60 s (scrapes are rarely finer and training cost grows with
 * the number of points).
 */
export function resolveTrainingStepMs(step: string, windowMs: number, targetPoints = MAX_POINTS_PER_SERIES): number {
  if ((step ?? '').trim() === '' || step.trim() === 'auto') {
    const wanted = Math.max(60_000, windowMs / targetPoints);
    return NICE_STEPS_MS.find((s) => s >= wanted) ?? NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
  }
  const ms = parseDurationMs(step, 'training step');
  if (ms < 1_000 || ms % 1_000 !== 0) {
    // Prometheus's range queries take whole seconds; said as such, not as "not a duration"
    throw new DurationError('training step', step, 'must be whole seconds, at least 1s (e.g. 15s, 1m, 5m)');
  }
  return ms;
}

/**
 * Why a horizon of `horizonMs` cannot be forecast at `stepMs`, in the user's words, or undefined when
 * it can: the engine forecasts at most `MAX_HORIZON` steps, and "5y" at 5m is 525,600 of them.
 */
export function horizonProblem(horizon: string, horizonMs: number, stepMs: number): string | undefined {
  const steps = horizonSteps(horizonMs, stepMs);
  if (steps <= MAX_HORIZON) {
    return undefined;
  }
  const step = formatDuration(stepMs);
  return (
    `The horizon ${horizon} is ${steps.toLocaleString('en-US')} steps of ${step}; Foresight forecasts at most ` +
    `${MAX_HORIZON.toLocaleString('en-US')} steps ahead (${formatDuration(MAX_HORIZON * stepMs)} at ${step}): ` +
    'shorten the horizon, or raise the training step.'
  );
}

/**
 * A training window shorter than one training step holds no point to learn from. Said in the units
 * typed (the fetch planner's own check spoke in milliseconds, after the query had started).
 */
export function windowProblem(window: string, windowMs: number, stepMs: number): string | undefined {
  if (windowMs >= stepMs) {
    return undefined;
  }
  return (
    `The training window ${window} is shorter than one training step (${formatDuration(stepMs)}), so it holds ` +
    'nothing to learn from: widen the training window (7d is the default; a daily pattern needs 2d or more), ' +
    'or set a finer step.'
  );
}

/** Horizon in whole steps (at least one). */
export function horizonSteps(horizonMs: number, stepMs: number): number {
  return Math.max(1, Math.round(horizonMs / stepMs));
}

/**
 * The sentence for a horizon that is not a whole number of training steps: the forecast covers the
 * rounded horizon, and the user who typed 73m or 1s must see what they got (a 75-minute forecast,
 * one step) instead of a chart that silently disagrees with the field.
 */
export function horizonRounding(horizon: string, stepMs: number): string | undefined {
  const horizonMs = parseDurationMs(horizon, 'horizon');
  const steps = horizonSteps(horizonMs, stepMs);
  if (Math.abs(steps * stepMs - horizonMs) < 1) {
    return undefined;
  }
  const step = formatDuration(stepMs);
  return horizonMs < stepMs
    ? `The horizon ${horizon} is shorter than one training step (${step}): the forecast is one step, ${step} ahead.`
    : `The horizon ${horizon} is not a whole number of ${step} training steps: the forecast covers ` +
        `${formatDuration(steps * stepMs)} (${steps} steps).`;
}
