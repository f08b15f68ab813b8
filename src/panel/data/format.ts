import { dateTimeFormat, formattedValueToString, getValueFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { formatDuration as formatCommonDuration } from '../../common/duration';

export type ValueFormatter = (value: number | null | undefined) => string;

/** Exponent notation in a formatted number: Grafana's formats fall back to it past their largest prefix. */
const EXPONENT_RE = /\d[eE][+-]?\d/;

/**
 * Unit-aware number formatter (Grafana's value formats); '–' for missing values. Past a unit's
 * largest prefix Grafana writes every digit and keeps the prefix ("2.4031386044469506e+289T req/s"
 * for 2.4e301 req/s); such a value is written with three significant digits and the unit's own
 * prefix and suffix instead ("2.40e+301 req/s"), as they read for 1.
 */
export function valueFormatter(unit: string | undefined, decimals?: number): ValueFormatter {
  const format = getValueFormat(unit || 'short');
  const one = format(1, 0);
  return (value) => {
    if (value == null || !Number.isFinite(value)) {
      return '–';
    }
    const shown = format(value, decimals ?? null);
    if (EXPONENT_RE.test(shown.text)) {
      return `${one.prefix ?? ''}${value.toExponential(2)}${one.suffix ?? ''}`;
    }
    return formattedValueToString(shown);
  };
}

export function formatTime(ms: number | undefined, timeZone?: TimeZone): string {
  if (ms == null || !Number.isFinite(ms)) {
    return '–';
  }
  return dateTimeFormat(ms, { timeZone, format: 'YYYY-MM-DD HH:mm' });
}

/** The time of day alone ("15:55", "15:55:30" off the minute), where the date is already said. */
export function formatClock(ms: number, timeZone?: TimeZone): string {
  return dateTimeFormat(ms, { timeZone, format: ms % 60_000 === 0 ? 'HH:mm' : 'HH:mm:ss' });
}

/** A span in the one duration style of `common/duration` ("12s", "1m 40s"); '–' when it is missing. */
export function formatDuration(ms: number | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) {
    return '–';
  }
  return formatCommonDuration(ms);
}

export function formatPercent(fraction: number | undefined): string {
  return fraction == null || !Number.isFinite(fraction) ? '–' : `${Math.round(fraction * 100)} %`;
}

export function formatRatio(value: number | undefined, digits = 2): string {
  return value == null || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}
