/**
 * The page's state in its URL (`?dashboard=…&from=…&to=…&theme=…&panel=…&refresh=…`), so a test
 * or a user can open any dashboard, range and theme directly, and a reload keeps them.
 */
import { dateTime, rangeUtil, type DateTime, type TimeRange } from '@grafana/data';

export interface UrlState {
  dashboard?: string;
  from?: string;
  to?: string;
  theme: 'dark' | 'light';
  panel?: number;
  refresh?: string;
}

export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const panel = Number(params.get('panel'));
  return {
    dashboard: params.get('dashboard') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    theme: params.get('theme') === 'light' ? 'light' : 'dark',
    panel: Number.isInteger(panel) && panel > 0 ? panel : undefined,
    refresh: params.get('refresh') ?? undefined,
  };
}

export function writeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  return `?${params.toString()}`;
}

/**
 * A `from`/`to` URL value as Grafana's time range code reads it: epoch milliseconds (what an
 * absolute range, a zoom or a move writes, as in Grafana's own URLs) become a date; relative
 * expressions (`now-6h`) and ISO dates stay text. Date math alone parses epoch text as an invalid
 * date, which wrote `from=NaN&to=NaN` after a zoom-out.
 */
export function urlTimeToRaw(value: string): string | DateTime {
  return /^\d{10,}$/.test(value) ? dateTime(Number(value)) : value;
}

/** The dashboard's time range from the URL's `from` and `to`. */
export function rangeFromUrl(from: string, to: string, timeZone: string): TimeRange {
  return rangeUtil.convertRawToRange({ from: urlTimeToRaw(from), to: urlTimeToRaw(to) }, timeZone);
}
