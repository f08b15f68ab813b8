import { dateTimeFormat, formattedValueToString, getValueFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { formatDuration as formatCommonDuration } from '../../common/duration';

export type ValueFormatter = (value: number | null | undefined) => string;

/** Unit-aware number formatter (Grafana's value formats); '–' for missing values. */
export function valueFormatter(unit: string | undefined, decimals?: number): ValueFormatter {
  const format = getValueFormat(unit || 'short');
  return (value) => {
    if (value == null || !Number.isFinite(value)) {
      return '–';
    }
    return formattedValueToString(format(value, decimals ?? null));
  };
}

export function formatTime(ms: number | undefined, timeZone?: TimeZone): string {
  if (ms == null || !Number.isFinite(ms)) {
    return '–';
  }
  return dateTimeFormat(ms, { timeZone, format: 'YYYY-MM-DD HH:mm' });
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
