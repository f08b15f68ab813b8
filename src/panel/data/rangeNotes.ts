/**
 * What the chosen time range leaves out, in words: a chart that is empty, or shows actuals without
 * their forecast, must say why (a range in the past, in the future, or where the series has no
 * samples) instead of leaving the user to guess. Pure: the forecasts and the range in, sentences out.
 */
import type { TimeZone } from '@grafana/schema';
import type { ForecastSeries } from '../../contract/types';
import { formatTime } from './format';

/** Where a column's finite values lie: the earliest, the latest, and whether any is in [from, to]. */
interface Extent {
  first: number;
  last: number;
  inRange: boolean;
}

/**
 * One pass over every series' rows (no spread into Math.min: 100 series of thousands of rows would
 * pass more arguments than a call may take).
 */
function extentOf(series: ForecastSeries[], column: 'actual' | 'forecast', fromMs: number, toMs: number): Extent {
  const e: Extent = { first: Infinity, last: -Infinity, inRange: false };
  for (const s of series) {
    s.times.forEach((t, i) => {
      const v = s[column][i];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        e.first = Math.min(e.first, t);
        e.last = Math.max(e.last, t);
        e.inRange ||= t >= fromMs && t <= toMs;
      }
    });
  }
  return e;
}

export function rangeNotes(series: ForecastSeries[], fromMs: number, toMs: number, timeZone?: TimeZone): string[] {
  if (series.length === 0 || !(toMs > fromMs)) {
    return [];
  }
  const forecast = extentOf(series, 'forecast', fromMs, toMs);
  const notes: string[] = [];
  if (Number.isFinite(forecast.first) && !forecast.inRange) {
    notes.push(
      forecast.first > toMs
        ? `The forecast starts at ${formatTime(forecast.first, timeZone)}, after this time range ends; move the range to include now to see it.`
        : `The forecast ended at ${formatTime(forecast.last, timeZone)}, before this time range starts; move the range to include now to see it.`
    );
  }
  if (!extentOf(series, 'actual', fromMs, toMs).inRange) {
    const last = series.map((s) => s.lastSampleMs).filter((t): t is number => t !== undefined && Number.isFinite(t));
    const when = last.length ? ` (the last sample is at ${formatTime(Math.max(...last), timeZone)})` : '';
    notes.push(`No actual values in this time range${when}.`);
  }
  return notes;
}
