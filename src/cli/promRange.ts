import type { RawSeries } from '../engine/api';
import { historyShortfall, shortfallSentence } from '../advisor/coverage';
import { formatDuration } from '../common/duration';
import {
  type FetchLike,
  PrometheusError,
  mergeSeries,
  metricNameFromLabels,
  planChunks,
  queryRange,
} from '../io/prometheus';

/** At most this many label sets are listed when a query returns several series. */
const LISTED_SERIES = 5;

/**
 * Fetches `expr` over the `windowMs` ending at `endMs`, at `stepMs`, through the shared Prometheus
 * client (src/io/prometheus) in chunks of at most 11,000 points, and returns the single resulting
 * series. A query returning several series is refused with their label sets: the engine forecasts
 * one series at a time, so the user should aggregate or pick one. No data is said with the range
 * searched, since the usual cause is a series that exists but lies outside it.
 */
export async function fetchRange(
  baseUrl: string,
  expr: string,
  endMs: number,
  windowMs: number,
  stepMs: number,
  fetchImpl?: FetchLike,
  /** Per-request limit; the error says "timed out after N s" when it fires. */
  timeoutMs?: number,
  /** Prometheus's own warnings and infos, each once however many chunks repeat it. */
  onNotice?: (text: string) => void
): Promise<RawSeries & { labels: Record<string, string> }> {
  const plan = planChunks({ endMs, windowMs, stepMs });
  const parts = [];
  const said = new Set<string>();
  const notice = (text: string) => {
    if (!said.has(text)) {
      said.add(text);
      onNotice?.(text);
    }
  };
  for (const [k, c] of plan.chunks.entries()) {
    try {
      parts.push(
        ...(await queryRange(
          baseUrl,
          { expr, startMs: c.startMs, endMs: c.endMs, stepMs },
          { fetch: fetchImpl, timeoutMs, onNotice: notice }
        ))
      );
    } catch (e) {
      // which of a chunked fetch's requests failed, and for what stretch (the others succeeded)
      if (e instanceof PrometheusError && plan.chunks.length > 1) {
        e.message += ` (request ${k + 1} of ${plan.chunks.length}, ${iso(c.startMs)} to ${iso(c.endMs)})`;
      }
      throw e;
    }
  }
  const merged = mergeSeries(parts);
  const range = `from ${iso(plan.startMs)} to ${iso(plan.endMs)} (the last ${formatDuration(windowMs)} at ${formatDuration(stepMs)} steps)`;
  if (merged.length === 0) {
    throw new Error(
      `Query returned no data ${range}: ${expr}. If the series exists but is older, its samples lie outside this range; ` +
        'check the query in Prometheus for that range, or widen --range.'
    );
  }
  if (merged.length > 1) {
    const names = merged.slice(0, LISTED_SERIES).map((s) => metricNameFromLabels(s.labels));
    const more = merged.length > LISTED_SERIES ? `, and ${merged.length - LISTED_SERIES} more` : '';
    throw new Error(
      `Query returned ${merged.length} series (${names.join('; ')}${more}); aggregate it to one ` +
        '(e.g. sum(...)) or select one with its labels to train a model.'
    );
  }
  const only = merged[0];
  return {
    times: only.times,
    values: only.values,
    labels: only.labels,
    ...(only.nonFiniteTimes && { nonFiniteTimes: only.nonFiniteTimes }),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(':00.000Z', 'Z');
}

/**
 * When the data starts well after the range asked for (Prometheus holds less history than that),
 * a sentence saying how much it holds (`advisor/coverage.ts`); undefined when it covers the range.
 */
export function coverageShortfall(
  series: RawSeries,
  endMs: number,
  windowMs: number,
  stepMs: number
): string | undefined {
  const s = historyShortfall(series, endMs, windowMs, stepMs);
  return s && shortfallSentence(s, { asked: 'asked for', wider: 'a wider --range' }, iso(s.firstMs));
}
