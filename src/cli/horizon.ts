/**
 * `--horizon` as a duration (`1h`, `30m`), turned into forecast steps once the step is known. A
 * bare number used to mean steps, which reads as minutes or hours to most people; it is refused
 * with the duration it stood for.
 */
import { formatDuration, parseDurationMs } from '../common/duration';
import { horizonProblem } from '../advisor/grid';
import { positiveDuration } from './promOptions';
import { UsageError } from './usage';

/** A duration as text that `parseDurationMs` reads back exactly ("1h", "2h30m"), else in seconds. */
export function durationText(ms: number): string {
  const compact = formatDuration(ms).replace(/ /g, '');
  try {
    if (parseDurationMs(compact) === ms) {
      return compact;
    }
  } catch {
    // fall through to seconds
  }
  return `${ms / 1000}s`;
}

/** Forecast steps for a `--horizon` value at `stepMs`. */
export function horizonSteps(text: string, stepMs: number): number {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const steps = Number(value);
    throw new UsageError(
      `--horizon takes a duration, not a step count: "${value}" would be ${steps} step(s) of ${durationText(stepMs)}; ` +
        `write --horizon ${durationText(Math.max(1, steps) * stepMs)}.`
    );
  }
  // "0s" and "-1h" are said as not above zero, as --range and --step say them, not as "not a duration".
  const ms = positiveDuration(value, '--horizon', '30m, 1h, 1d');
  const steps = ms / stepMs;
  if (steps < 1) {
    throw new UsageError(
      `--horizon ${value} is shorter than one step (${durationText(stepMs)}); use ${durationText(stepMs)} or more.`
    );
  }
  if (!Number.isInteger(steps)) {
    const down = Math.floor(steps) * stepMs;
    const up = Math.ceil(steps) * stepMs;
    throw new UsageError(
      `--horizon ${value} is not a whole number of ${durationText(stepMs)} steps; use ${durationText(down)} or ${durationText(up)}.`
    );
  }
  const tooFar = horizonProblem(value, ms, stepMs);
  if (tooFar) {
    throw new UsageError(tooFar);
  }
  return steps;
}
