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
  const atNow = endsAtNow(range, clockMs);
  const extend = mode === 'always' || (mode === 'auto' && atNow);
  if (extend && horizonEndMs != null && Number.isFinite(horizonEndMs) && horizonEndMs > to) {
    return endingAt(range, horizonEndMs);
  }
  // A range that ends at now was resolved when the query was sent; the answer's clock is a second or
  // two later. Ending the axis there keeps the "now" line on the plot: on 30 minutes a pixel is under
  // 2 s, and the line fell just past the edge (a stale series' chart, whose forecast ends before now).
  return atNow && clockMs > to ? endingAt(range, clockMs) : range;
}

function endingAt(range: TimeRange, ms: number): TimeRange {
  const end = dateTime(ms);
  return { from: range.from, to: end, raw: { from: range.raw.from, to: end } };
}
