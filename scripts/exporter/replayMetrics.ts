/**
 * The demo exporter's `/replay/metrics`: each backfilled NAB series' newest sample after the
 * backfill (scripts/prometheus/liveReplay.ts), with its own timestamp. Scraped every 15 s, a 5-minute
 * series is exposed with the same sample until the next one is due, which Prometheus stores once:
 * the series continues on the recording's step, as if its source still reported. Served as
 * OpenMetrics (the backfill's own renderer), with the series' own `job` and `instance` labels, so
 * the scrape job honours labels and timestamps.
 */
import { type BackfilledSeries, familiesBetween, seriesFamilies } from '../prometheus/liveReplay';
import { renderOpenMetrics } from '../prometheus/openmetrics';

export const REPLAY_PATH = '/replay/metrics';
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

export interface ReplaySource {
  series: BackfilledSeries[];
  /** Where the backfill's samples of these series end: later ones are the exporter's to serve. */
  backfilledUntilMs: number;
}

/** Each series' newest sample in (backfilledUntilMs, nowMs], as OpenMetrics text. */
export function replayExposition(source: ReplaySource, nowMs: number): string {
  const families = source.series.flatMap((s) =>
    familiesBetween(seriesFamilies(s, nowMs), source.backfilledUntilMs, nowMs).map((f) => ({
      ...f,
      // Only the newest: an older one would reach Prometheus out of order after the first scrape.
      samples: f.samples.slice(-1),
    }))
  );
  return renderOpenMetrics(families);
}
