/**
 * A Grafana-free client for Prometheus's `/api/v1/query_range`, used by the CLI, the data source
 * stand-in and the tests. Every failure becomes a specific `PrometheusError` subclass.
 */
import {
  classifyPrometheusError,
  NativeHistogramError,
  PrometheusError,
  PrometheusHttpError,
  PrometheusTimeoutError,
  PrometheusUnreachableError,
  QueryCancelledError,
} from './errors';
import { metricNameFromLabels } from './legend';
import { SampleCollector } from './samples';
import type { PromMatrixItem, PromSeries, RangeQuery } from './types';
import { MAX_TIMER_MS } from '../../common/duration';

export type FetchLike = (
  url: string,
  init?: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
    redirect?: 'manual' | 'follow' | 'error';
  }
) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  headers?: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface QueryRangeOptions {
  fetch?: FetchLike;
  signal?: AbortSignal;
  /** Client-side limit; Prometheus's own limit is `--query.timeout` (2 min by default). */
  timeoutMs?: number;
  /**
   * Prometheus's `warnings` and `infos` beside a successful result, each as its text. Why: they say
   * what the numbers do not (a partial answer from a remote store, rate() over a metric that is not a
   * counter), and dropping them hid that from the user.
   */
  onNotice?: (text: string) => void;
}

interface PromApiBody {
  status?: string;
  data?: { resultType?: string; result?: unknown };
  errorType?: string;
  error?: string;
  /** What Prometheus says alongside a result (a partial answer, a rate() over a non-counter, …). */
  warnings?: unknown;
  infos?: unknown;
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

/** Converts a matrix result to plain series (epoch ms; `NaN`, `+Inf`, `-Inf` become null, their times kept: `samples.ts`). */
export function matrixToSeries(result: PromMatrixItem[]): PromSeries[] {
  return result.map((item) => {
    const samples = new SampleCollector();
    for (const [t, v] of item.values) {
      samples.add(Math.round(t * 1000), v);
    }
    return samples.series({ ...item.metric });
  });
}

function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${err.message} (${cause.code})` : err.message;
  }
  return String(err);
}

/** Text with the user name and password of every URL in it replaced by "***", for messages. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}

type Answer = Awaited<ReturnType<FetchLike>>;

/**
 * Something answered that is not Prometheus's HTTP API (a web page, an empty body, other JSON):
 * said as that, with the URL asked and the usual fix, not as "Prometheus answered with an error".
 */
function notPrometheus(url: string, response: Answer, what: string): PrometheusHttpError {
  const line = statusLine(response.status, response.statusText);
  const err = new PrometheusHttpError(`HTTP ${line}, ${what}, from ${url}`, response.status);
  err.message =
    `${url} did not answer like the Prometheus HTTP API (HTTP ${line}, ${what}). ` +
    'Give the base URL Prometheus serves its web UI at (e.g. http://host:9090, or the path prefix it runs under), ' +
    'without /api/v1 or /graph.';
  return err;
}

/** A non-JSON body in a few words: "an empty body", "an HTML page titled "x"", or its first characters. */
function describeBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') {
    return 'an empty body';
  }
  if (trimmed.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return title ? `an HTML page titled "${title.slice(0, 80)}"` : 'an HTML page';
  }
  return `text that is not JSON: "${trimmed.slice(0, 80).replace(/\s+/g, ' ')}${trimmed.length > 80 ? '…' : ''}"`;
}

/**
 * A redirect, kept as one (`redirect: 'manual'`): fetch would follow a 301/302 as a GET without the
 * POST body, and Prometheus would then refuse the missing time range as if the query were wrong.
 */
function redirected(url: string, response: Answer): PrometheusHttpError {
  const location = response.headers?.get('location');
  const to = location ? ` to ${redactUrl(location)}` : '';
  const line = statusLine(response.status, response.statusText);
  const err = new PrometheusHttpError(`HTTP ${line} redirect from ${url}${to}`, response.status);
  err.message =
    `${url} redirects (HTTP ${line}${to}); ` +
    'give the address it redirects to as the Prometheus URL (without /api/v1/query_range).';
  return err;
}

/** Why a matrix result is not one, or undefined when every item has a label set and [time, value] pairs. */
function matrixProblem(result: unknown[]): string | undefined {
  for (const [i, item] of result.entries()) {
    const it = item as { metric?: unknown; values?: unknown; histograms?: unknown } | null;
    if (typeof it !== 'object' || it === null) {
      return `series ${i + 1} is not an object`;
    }
    if (it.metric !== undefined && (typeof it.metric !== 'object' || it.metric === null)) {
      return `series ${i + 1} has no label set`;
    }
    const values = it.values;
    const pair = (v: unknown) => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number';
    const histograms = it.histograms;
    if (histograms !== undefined && (!Array.isArray(histograms) || !histograms.every(pair))) {
      return `series ${i + 1}'s "histograms" is not a list of [time, histogram] pairs`;
    }
    // A series of native histograms alone has no "values".
    if (values === undefined && Array.isArray(histograms) && histograms.length > 0) {
      continue;
    }
    if (!Array.isArray(values) || !values.every(pair)) {
      return `series ${i + 1}'s "values" is not a list of [time, value] pairs`;
    }
  }
  return undefined;
}

/** Prometheus's answer to a range query: its matrix, or the specific error it (or a proxy) gave. */
function readMatrix(url: string, response: Answer, text: string, onNotice?: (text: string) => void): PromMatrixItem[] {
  if (response.status === 0 || (response.status >= 300 && response.status < 400)) {
    throw redirected(url, response);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (response.status === 502 || response.status === 503) {
      throw unavailable(url, response.status, response.statusText);
    }
    throw notPrometheus(url, response, describeBody(text));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('status' in parsed)) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : typeof parsed;
    throw notPrometheus(url, response, `JSON ${kind} without Prometheus's "status" field`);
  }
  const body = parsed as PromApiBody;
  if (body.status !== 'success') {
    throw classifyPrometheusError(
      body.error ?? `HTTP ${statusLine(response.status, response.statusText)}`,
      body.errorType,
      response.status
    );
  }
  for (const list of [body.warnings, body.infos]) {
    for (const notice of Array.isArray(list) ? list : []) {
      if (typeof notice === 'string' && notice.trim() !== '') {
        onNotice?.(notice.trim());
      }
    }
  }
  const result = body.data?.result;
  if (body.data?.resultType !== 'matrix' || !Array.isArray(result)) {
    const got = Array.isArray(result) ? `resultType ${body.data?.resultType ?? 'none'}` : 'no list of series';
    throw new PrometheusHttpError(
      `expected a matrix result (a list of series) from ${url}, got ${got}`,
      response.status
    );
  }
  const problem = matrixProblem(result);
  if (problem) {
    throw new PrometheusHttpError(`a malformed matrix from ${url}: ${problem}`, response.status);
  }
  return (result as Array<Partial<PromMatrixItem>>).map((r) => ({
    metric: r.metric ?? {},
    values: r.values ?? [],
    ...(r.histograms && r.histograms.length > 0 ? { histograms: r.histograms } : {}),
  }));
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
      ? setTimeout(
          () => {
            timedOut = true;
            controller.abort();
          },
          // a longer wait would fire at once
          Math.min(options.timeoutMs, MAX_TIMER_MS)
        )
      : undefined;
  const target = `${baseUrl.replace(/\/+$/, '')}/api/v1/query_range`;
  // Messages name the URL without any password in it (a base URL may carry one).
  const url = redactUrl(target);
  try {
    let response: Awaited<ReturnType<FetchLike>>;
    let text: string;
    try {
      response = await fetchFn(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: buildQueryRangeBody(query),
        signal: controller.signal,
        redirect: 'manual',
      });
      text = await response.text();
    } catch (err) {
      if (timedOut) {
        throw clientTimeout(url, options.timeoutMs ?? 0);
      }
      if (options.signal?.aborted) {
        throw new QueryCancelledError();
      }
      throw new PrometheusUnreachableError(`${url}: ${redactUrl(describeNetworkError(err))}`);
    }
    return readMatrix(url, response, text, options.onNotice);
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

/**
 * `queryRangeRaw` converted to plain series. Native histograms are refused (`NativeHistogramError`):
 * a sample that is a whole distribution has no value to forecast. (`queryRangeRaw` keeps them, so
 * the playground's stand-in can hand them on as Grafana's Prometheus source does.)
 */
export async function queryRange(
  baseUrl: string,
  query: RangeQuery,
  options: QueryRangeOptions = {}
): Promise<PromSeries[]> {
  const items = await queryRangeRaw(baseUrl, query, options);
  const histograms = items.filter((item) => item.histograms).map((item) => metricNameFromLabels(item.metric));
  if (histograms.length > 0) {
    throw new NativeHistogramError(histograms, items.length - histograms.length);
  }
  return matrixToSeries(items);
}
