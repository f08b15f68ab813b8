import { dateTime, type TimeRange } from '@grafana/data';

/**
 * The chart's x range: the dashboard range, extended to the end of the forecast horizon when asked,
 * so the forecast is visible even when the dashboard ends at "now".
 */
export function chartTimeRange(range: TimeRange, horizonEndMs: number | undefined, extend: boolean): TimeRange {
  const to = range.to.valueOf();
  if (!extend || horizonEndMs == null || !Number.isFinite(horizonEndMs) || horizonEndMs <= to) {
    return range;
  }
  const end = dateTime(horizonEndMs);
  return { from: range.from, to: end, raw: { from: range.raw.from, to: end } };
}
