/**
 * What the chosen time range leaves out, in words: a chart that is empty, or shows actuals without
 * their forecast, must say why (a range in the past, in the future, or where the series has no
 * samples) instead of leaving the user to guess. Pure: the forecasts and the range in, sentences out.
 */
import type { TimeZone } from '@grafana/schema';
import type { ForecastSeries } from '../../contract/types';
import { formatTime } from './format';

/** Times of one column's finite values. */
function timesOf(s: ForecastSeries, column: 'actual' | 'forecast'): number[] {
  return s.times.filter((_, i) => {
    const v = s[column][i];
    return v !== null && v !== undefined && Number.isFinite(v);
  });
}

export function rangeNotes(series: ForecastSeries[], fromMs: number, toMs: number, timeZone?: TimeZone): string[] {
  const forecastTimes = series.flatMap((s) => timesOf(s, 'forecast'));
  const actualTimes = series.flatMap((s) => timesOf(s, 'actual'));
  if (series.length === 0 || !(toMs > fromMs)) {
    return [];
  }
  const notes: string[] = [];
  const inRange = (t: number) => t >= fromMs && t <= toMs;
  if (forecastTimes.length > 0 && !forecastTimes.some(inRange)) {
    const first = Math.min(...forecastTimes);
    const last = Math.max(...forecastTimes);
    notes.push(
      first > toMs
        ? `The forecast starts at ${formatTime(first, timeZone)}, after this time range ends; move the range to include now to see it.`
        : `The forecast ended at ${formatTime(last, timeZone)}, before this time range starts; move the range to include now to see it.`
    );
  }
  if (!actualTimes.some(inRange)) {
    const last = series.map((s) => s.lastSampleMs).filter((t): t is number => t !== undefined && Number.isFinite(t));
    const when = last.length ? ` (the last sample is at ${formatTime(Math.max(...last), timeZone)})` : '';
    notes.push(`No actual values in this time range${when}.`);
  }
  return notes;
}
