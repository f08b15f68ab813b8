/**
 * A Grafana-free client for Prometheus's `/api/v1/query_range`, used by the CLI, the data source
 * stand-in and the tests. Every failure becomes a specific `PrometheusError` subclass.
 */
import {
  classifyPrometheusError,
  PrometheusError,
  PrometheusHttpError,
  PrometheusTimeoutError,
  PrometheusUnreachableError,
  QueryCancelledError,
} from './errors';
import type { PromMatrixItem, PromSeries, RangeQuery } from './types';

export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }
) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  text(): Promise<string>;
}>;

export interface QueryRangeOptions {
  fetch?: FetchLike;
  signal?: AbortSignal;
  /** Client-side limit; Prometheus's own limit is `--query.timeout` (2 min by default). */
  timeoutMs?: number;
}

interface PromApiBody {
  status?: string;
  data?: { resultType?: string; result?: unknown };
  errorType?: string;
  error?: string;
}

/** Reason phrases for the statuses a proxy or a starting Prometheus answers with (fetch may leave statusText empty). */
const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusLine(status: number, statusText: string): string {
  return `${status} ${statusText || REASONS[status] || ''}`.trim();
}

/** Seconds for a message: "30 s", "0.5 s". */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * The client-side timeout fired. Same class as Prometheus's own timeout, but the advice differs:
 * nothing answered at all, so the server (or the limit) is the thing to check, not the query.
 */
function clientTimeout(url: string, timeoutMs: number): PrometheusTimeoutError {
  const err = new PrometheusTimeoutError(`no answer from ${url}: timed out after ${seconds(timeoutMs)}`);
  err.message =
    `Prometheus timed out after ${seconds(timeoutMs)}: no answer from ${url}. ` +
    'Check that Prometheus is healthy, or raise the timeout if the query is known to be slow.';
  return err;
}

/**
 * Prometheus (or a proxy in front of it) answered 502/503 with no API body: it was reached, so
 * "connection refused" would send the user looking in the wrong place.
 */
function unavailable(url: string, status: number, statusText: string): PrometheusUnreachableError {
  const line = statusLine(status, statusText);
  const err = new PrometheusUnreachableError(`HTTP ${line} from ${url}`, status);
  err.message =
    `Prometheus answered ${line} (${url}): it is up but not serving queries now ` +
    '(starting, overloaded, or a proxy in front of it lost it). Try again shortly.';
  return err;
}

/** Prometheus accepts float seconds; whole milliseconds keep the grid exact. */
function toPromTime(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export function buildQueryRangeBody(query: RangeQuery): string {
  const params = new URLSearchParams({
    query: query.expr,
    start: toPromTime(query.startMs),
    end: toPromTime(query.endMs),
    step: `${query.stepMs / 1000}`,
  });
  return params.toString();
}

/** Converts a matrix result to plain series (epoch ms; `NaN`, `+Inf`, `-Inf` become null). */
export function matrixToSeries(result: PromMatrixItem[]): PromSeries[] {
  return result.map((item) => {
    const times: number[] = [];
    const values: Array<number | null> = [];
    for (const [t, v] of item.values) {
      times.push(Math.round(t * 1000));
      const n = Number(v);
      values.push(Number.isFinite(n) ? n : null);
    }
    return { labels: { ...item.metric }, times, values };
  });
}

function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${err.message} (${cause.code})` : err.message;
  }
  return String(err);
}

/** Prometheus's answer to a range query: its matrix, or the specific error it (or a proxy) gave. */
function readMatrix(url: string, response: { status: number; statusText: string }, text: string): PromMatrixItem[] {
  let body: PromApiBody;
  try {
    body = JSON.parse(text) as PromApiBody;
  } catch {
    const snippet = text.slice(0, 200);
    if (response.status === 502 || response.status === 503) {
      throw unavailable(url, response.status, response.statusText);
    }
    throw new PrometheusHttpError(
      `HTTP ${response.status} ${response.statusText}, not a Prometheus API answer: ${snippet}`,
      response.status
    );
  }
  if (body.status !== 'success') {
    throw classifyPrometheusError(
      body.error ?? `HTTP ${response.status} ${response.statusText}`,
      body.errorType,
      response.status
    );
  }
  if (body.data?.resultType !== 'matrix' || !Array.isArray(body.data.result)) {
    throw new PrometheusHttpError(
      `expected a matrix result, got ${body.data?.resultType ?? 'nothing'}`,
      response.status
    );
  }
  return body.data.result as PromMatrixItem[];
}

/**
 * POSTs a range query (POST keeps long expressions out of URL limits, as Grafana does) and returns
 * Prometheus's matrix result.
 */
export async function queryRangeRaw(
  baseUrl: string,
  query: RangeQuery,
  options: QueryRangeOptions = {}
): Promise<PromMatrixItem[]> {
  const fetchFn: FetchLike = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  if (!fetchFn) {
    throw new PrometheusUnreachableError('no fetch implementation is available in this environment');
  }
  if (options.signal?.aborted) {
    throw new QueryCancelledError();
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  let timedOut = false;
  const timer =
    options.timeoutMs !== undefined
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, options.timeoutMs)
      : undefined;
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/query_range`;
  try {
    let response: Awaited<ReturnType<FetchLike>>;
    let text: string;
    try {
      response = await fetchFn(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: buildQueryRangeBody(query),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (err) {
      if (timedOut) {
        throw clientTimeout(url, options.timeoutMs ?? 0);
      }
      if (options.signal?.aborted) {
        throw new QueryCancelledError();
      }
      throw new PrometheusUnreachableError(`${url}: ${describeNetworkError(err)}`);
    }
    return readMatrix(url, response, text);
  } catch (err) {
    if (err instanceof PrometheusError) {
      throw err;
    }
    throw new PrometheusHttpError(describeNetworkError(err));
  } finally {
    if (timer !== undefined) {
      clearTimeout(timer);
    }
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** `queryRangeRaw` converted to plain series. */
export async function queryRange(
  baseUrl: string,
  query: RangeQuery,
  options: QueryRangeOptions = {}
): Promise<PromSeries[]> {
  return matrixToSeries(await queryRangeRaw(baseUrl, query, options));
}
