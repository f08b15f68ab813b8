/**
 * Fetching through the wrapped Prometheus data source, the way Grafana routes it (its `query()`, so
 * auth, proxying and headers are Grafana's): one range query for the dashboard's actuals, and the
 * training window's chunks (planned and merged by the use case, `src/advisor/fetchWindow.ts`).
 */
import type { DataQuery } from '@grafana/schema';
import {
  dateTime,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type ScopedVars,
} from '@grafana/data';
import { from, isObservable, type Observable } from 'rxjs';
import { NativeHistogramError, QueryCancelledError } from '../io/prometheus/errors';
import { framesToSeries, histogramSeriesNames } from './promFrames';
import type { PromSeries } from '../io/prometheus/types';
import { ForesightError } from '../advisor/errors';
import type { RangeRequest } from '../advisor/ports';
import { fromDataSourceError } from './errors';

/** Grafana's PromQuery fields the wrapped source needs for a range query. */
export interface WrappedPromQuery extends DataQuery {
  expr: string;
  legendFormat?: string;
  /** Min step; Grafana's Prometheus source never goes below it. */
  interval?: string;
  range: boolean;
  instant: boolean;
  format: 'time_series';
}

/** The use case's range request, with what Grafana's query path needs beside it. */
export interface RangeFetch extends RangeRequest {
  scopedVars?: ScopedVars;
  /** The outer request, for app/dashboard/panel ids Grafana attaches to logs and caching. */
  base?: Partial<DataQueryRequest>;
  /** Give up on this request after so long (the data source's request timeout); unset: wait. */
  timeoutMs?: number;
  /**
   * What the wrapped source said beside its data (Grafana puts Prometheus's `warnings` and `infos`
   * on the frames as `meta.notices`: a partial answer, rate() over a metric that is not a counter).
   * A Grafana panel shows them in its header; Foresight's frames are its own, so it passes them on.
   */
  onNotice?: (text: string) => void;
}

/** Said when a request through the wrapped source outlives the data source's request timeout. */
export function timeoutError(dsName: string, timeoutMs: number): ForesightError {
  const s = Math.round(timeoutMs / 1000);
  return new ForesightError(
    'timeout',
    `Prometheus "${dsName}" timed out after ${s} s (the Foresight data source's request timeout): it may be ` +
      'down, overloaded or stuck. If it answers other queries quickly, this one is slow: narrow the query or ' +
      'the training window, or raise the timeout in the data source settings.'
  );
}

/**
 * What Foresight needs of the wrapped source: Grafana's Prometheus `DataSourceApi` satisfies it, and
 * so does the playground's stand-in (whose query type is narrower than `DataQuery`).
 */
export interface WrappedDataSource {
  readonly name: string;
  readonly type: string;
  query(request: DataQueryRequest<WrappedPromQuery>): Observable<DataQueryResponse> | Promise<DataQueryResponse>;
}

let requestCounter = 0;

export function buildWrappedRequest(fetch: RangeFetch): DataQueryRequest<WrappedPromQuery> {
  const from = dateTime(fetch.fromMs);
  const to = dateTime(fetch.toMs);
  const stepSec = Math.round(fetch.stepMs / 1000);
  return {
    app: fetch.base?.app ?? 'foresight',
    requestId: `foresight-${fetch.refId}-${++requestCounter}`,
    timezone: 'utc',
    dashboardUID: fetch.base?.dashboardUID,
    panelId: fetch.base?.panelId,
    startTime: Date.now(),
    interval: `${stepSec}s`,
    intervalMs: fetch.stepMs,
    maxDataPoints: Math.max(1, fetch.points),
    range: { from, to, raw: { from, to } },
    scopedVars: fetch.scopedVars ?? {},
    targets: [
      {
        refId: fetch.refId,
        expr: fetch.expr,
        legendFormat: fetch.legendFormat,
        interval: `${stepSec}s`,
        range: true,
        instant: false,
        format: 'time_series',
      },
    ],
  };
}

/**
 * Runs one request through a data source and resolves with its final response. Unsubscribes (which
 * cancels Grafana's HTTP request) when `signal` aborts.
 */
export function runDataSourceQuery(
  ds: WrappedDataSource,
  request: DataQueryRequest<WrappedPromQuery>,
  signal?: AbortSignal,
  timeoutMs?: number
): Promise<DataQueryResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new QueryCancelledError());
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      signal?.removeEventListener('abort', onAbort);
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    };
    let last: DataQueryResponse | undefined;
    let result: Observable<DataQueryResponse>;
    try {
      const out = ds.query(request);
      result = isObservable(out) ? out : from(out);
    } catch (err) {
      reject(fromDataSourceError(err));
      return;
    }
    function onAbort() {
      settle();
      subscription.unsubscribe();
      reject(new QueryCancelledError());
    }
    const subscription = result.subscribe({
      next: (response) => {
        last = response;
      },
      error: (err) => {
        settle();
        reject(fromDataSourceError(err));
      },
      complete: () => {
        settle();
        resolve(last ?? { data: [] });
      },
    });
    signal?.addEventListener('abort', onAbort);
    if (timeoutMs !== undefined && timeoutMs > 0 && !subscription.closed) {
      // Unsubscribing cancels Grafana's HTTP request, so a stalled Prometheus is not left hanging.
      timer = setTimeout(() => {
        settle();
        subscription.unsubscribe();
        reject(timeoutError(ds.name, timeoutMs));
      }, timeoutMs);
    }
  });
}

/** One range query through the wrapped source, read into plain series; its errors become specific. */
export async function fetchRange(
  ds: WrappedDataSource,
  fetch: RangeFetch,
  signal?: AbortSignal
): Promise<PromSeries[]> {
  const response = await runDataSourceQuery(ds, buildWrappedRequest(fetch), signal, fetch.timeoutMs);
  // Older sources still set only the single `error`.
  const legacy = (response as { error?: DataQueryError }).error;
  const errors = response.errors?.length ? response.errors : legacy ? [legacy] : [];
  if (errors.length > 0) {
    throw fromDataSourceError(errors[0]);
  }
  const frames = response.data as Parameters<typeof framesToSeries>[0];
  for (const text of new Set(frameNoticeTexts(frames))) {
    fetch.onNotice?.(text);
  }
  const series = framesToSeries(frames);
  const histograms = histogramSeriesNames(frames);
  if (histograms.length > 0) {
    throw new NativeHistogramError(histograms, series.length);
  }
  return series;
}

/** The texts of every frame's `meta.notices` (Grafana repeats a response's notices on each of its frames). */
function frameNoticeTexts(frames: Array<{ meta?: { notices?: Array<{ text?: unknown }> } }>): string[] {
  return frames
    .flatMap((f) => (f.meta?.notices ?? []).map((n) => n?.text))
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .map((t) => t.trim());
}
