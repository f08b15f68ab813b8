/**
 * Is data fetched from Prometheus fresh? The CLI says so on stderr with the rule every front door
 * shares (`assessStaleness`): a forecast from an old last sample starts in the past.
 */
import { assessStaleness, type Staleness } from '../advisor/staleness';
import type { RawSeries } from '../engine/api';

/** Staleness of the last finite sample, or undefined when the series has none. */
export function seriesStaleness(series: RawSeries, nowMs: number, stepMs: number): Staleness | undefined {
  let last = -Infinity;
  series.times.forEach((t, i) => {
    const v = series.values[i];
    if (v !== null && v !== undefined && Number.isFinite(v) && t > last) {
      last = t;
    }
  });
  return Number.isFinite(last) ? assessStaleness(last, nowMs, stepMs) : undefined;
}
