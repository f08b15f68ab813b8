/** Inputs of the retire check that come from the data (the decision itself is the policy's). */
import type { PromSeries } from '../io/prometheus/types';

const DAY_MS = 86_400_000;

/**
 * Highest value over the 24 h ending at `nowMs` (nulls ignored), the last-24 h peak of the retire
 * rule. Returns undefined when the series has no sample in that day: no evidence either way.
 */
export function last24hPeak(series: PromSeries, nowMs: number): number | undefined {
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
