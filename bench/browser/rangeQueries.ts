/**
 * The Prometheus range queries a page sends (through the playground's data source proxy), with
 * their parameters and when their responses ended. The data source POSTs its queries as a form, so
 * start/end/step come from the request body, which only the browser driver sees (Resource Timing
 * has the URL alone). Times are wall-clock epoch ms as the browser reports them.
 */
import type { Page, Request } from 'playwright-core';

export interface RangeQuery {
  startedAtMs: number;
  /** When the response body had fully arrived. */
  endedAtMs: number;
  bytes: number;
  /** The queried range and step in seconds, from the body or the URL; NaN when absent. */
  rangeStartS: number;
  rangeEndS: number;
  stepS: number;
}

export const RANGE_QUERY_PATH = '/api/v1/query_range';

/** Prometheus takes a step as seconds (`300`, `300.5`) or a duration (`5m`). */
export function stepSeconds(raw: string | null): number {
  if (raw === null) {
    return Number.NaN;
  }
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!m) {
    return Number.NaN;
  }
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] ?? 's'] ?? 1;
  return Number(m[1]) * unit;
}

/** Prometheus takes a time as epoch seconds or RFC 3339. */
function timeSeconds(raw: string | null): number {
  if (raw === null) {
    return Number.NaN;
  }
  const n = Number(raw);
  return Number.isFinite(n) ? n : Date.parse(raw) / 1000;
}

export function rangeParams(url: string, body: string | null): Pick<RangeQuery, 'rangeStartS' | 'rangeEndS' | 'stepS'> {
  const params = new URLSearchParams(new URL(url).search);
  for (const [key, value] of new URLSearchParams(body ?? '')) {
    params.set(key, value);
  }
  return {
    rangeStartS: timeSeconds(params.get('start')),
    rangeEndS: timeSeconds(params.get('end')),
    stepS: stepSeconds(params.get('step')),
  };
}

async function describe(request: Request): Promise<RangeQuery | undefined> {
  const timing = request.timing();
  if (timing.responseEnd < 0) {
    return undefined;
  }
  const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
  return {
    startedAtMs: timing.startTime,
    endedAtMs: timing.startTime + timing.responseEnd,
    bytes: sizes.responseBodySize,
    ...rangeParams(request.url(), request.postData()),
  };
}

export interface RangeQueryLog {
  /** The queries finished since the last call, and forgets them. */
  take(): Promise<RangeQuery[]>;
}

export function watchRangeQueries(page: Page): RangeQueryLog {
  let pending: Array<Promise<RangeQuery | undefined>> = [];
  page.on('requestfinished', (request) => {
    if (request.url().includes(RANGE_QUERY_PATH)) {
      pending.push(describe(request));
    }
  });
  return {
    async take() {
      const done = await Promise.all(pending);
      pending = [];
      return done.filter((q): q is RangeQuery => q !== undefined);
    },
  };
}
