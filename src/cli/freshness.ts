/**
 * Is data fetched from Prometheus fresh? The CLI says so on stderr with the rule every front door
 * shares (`assessStaleness`): a forecast from an old last sample starts in the past.
 */
import { assessStaleness, type Staleness } from '../advisor/staleness';
import { formatDuration } from '../common/duration';
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

/**
 * The CLI's stale-data sentence: the shared rule's facts, without the panel's clause about scale
 * actions (the CLI gives none) and with the age said once.
 */
export function cliStaleWarning(s: Staleness): string {
  const at = new Date(s.lastSampleMs).toISOString();
  return (
    `Data is stale: the last sample is ${formatDuration(s.ageMs)} old (${at}; more than ${formatDuration(s.thresholdMs)}). ` +
    'The forecast starts at that sample, so its first steps lie in the past.'
  );
}
