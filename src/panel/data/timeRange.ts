import { dateTime, type TimeRange } from '@grafana/data';
import type { ExtendToHorizon } from '../types';

/** A range whose end is within this of the clock counts as ending at now (absolute "now" ranges). */
const AT_NOW_SLACK_MS = 60_000;

/** Does the dashboard range end at now ("now", or an absolute end within a minute of the clock)? */
export function endsAtNow(range: TimeRange, clockMs: number): boolean {
  const rawTo = range.raw?.to;
  if (typeof rawTo === 'string' && rawTo.trim() === 'now') {
    return true;
  }
  return Math.abs(range.to.valueOf() - clockMs) <= AT_NOW_SLACK_MS;
}

/**
 * The chart's x range: the dashboard range, extended to the end of the forecast horizon when the
 * option says so (`auto`: only when the range ends at now; a past range keeps its exact axis, so
 * panels of one dashboard line up).
 */
export function chartTimeRange(
  range: TimeRange,
  horizonEndMs: number | undefined,
  mode: ExtendToHorizon,
  /** The answer's clock; defaults to the time of the call (callers without one, e.g. the bench). */
  clockMs: number = Date.now()
): TimeRange {
  const to = range.to.valueOf();
  const extend = mode === 'always' || (mode === 'auto' && endsAtNow(range, clockMs));
  if (!extend || horizonEndMs == null || !Number.isFinite(horizonEndMs) || horizonEndMs <= to) {
    return range;
  }
  const end = dateTime(horizonEndMs);
  return { from: range.from, to: end, raw: { from: range.raw.from, to: end } };
}
