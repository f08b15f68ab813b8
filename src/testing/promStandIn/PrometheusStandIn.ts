/**
 * A stand-in for Grafana's Prometheus data source, for places without Grafana (the browser
 * playground, Node integration tests). It calls Prometheus's `/api/v1/query_range` directly and
 * returns the frames and errors Grafana's source would, so the Foresight data source is exercised
 * through the same `DataSourceApi.query()` contract it uses inside Grafana.
 */
import {
  DataSourceApi,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type DataSourceJsonData,
  type TestDataSourceResponse,
} from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { Observable } from 'rxjs';
import { PrometheusError } from '../../io/prometheus/errors';
import { queryRangeRaw, type FetchLike } from '../../io/prometheus/httpClient';
import { matrixToDataFrames, resolveRange } from './transform';

/** Metadata paths `getResource` passes on: label names, one label's values, series, metric metadata. */
const METADATA_PATH = /^api\/v1\/(labels|label\/[a-zA-Z_][a-zA-Z0-9_]*\/values|series|metadata)$/;

/** The part of Grafana's PromQuery this stand-in understands. */
export interface PromStandInQuery extends DataQuery {
  expr: string;
  legendFormat?: string;
  /** Min step, e.g. `60s` (Grafana's "Min step" field). */
  interval?: string;
  range?: boolean;
  instant?: boolean;
}

export interface PromStandInOptions {
  uid: string;
  name?: string;
  prometheusUrl: string;
  fetch?: FetchLike;
}

export function standInSettings(options: PromStandInOptions): DataSourceInstanceSettings<DataSourceJsonData> {
  return {
    // Deprecated in Grafana 12 but still part of DataSourceInstanceSettings, which this must satisfy.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    id: 1,
    uid: options.uid,
    type: 'prometheus',
    name: options.name ?? 'Prometheus (stand-in)',
    access: 'proxy',
    url: options.prometheusUrl,
    jsonData: {},
    readOnly: true,
    meta: {
      id: 'prometheus',
      name: 'Prometheus',
      type: 'datasource',
      info: {
        author: { name: 'Foresight' },
        description: 'Stand-in for Grafana Prometheus',
        links: [],
        logos: { small: '', large: '' },
        screenshots: [],
        updated: '',
        version: '',
      },
      module: '',
      baseUrl: '',
    },
  } as DataSourceInstanceSettings<DataSourceJsonData>;
}

/**
 * Grafana's backend reports a Prometheus failure per query as `errorType: Prometheus's message`
 * (e.g. `bad_data: 1:48: parse error: unclosed left parenthesis`), and a network failure as the Go
 * error text (`Post "…": dial tcp …: connection refused`).
 */
export function grafanaStyleError(err: unknown): { message: string; status?: number } {
  if (err instanceof PrometheusError) {
    if (err.kind === 'promql' || err.kind === 'resolution') {
      return { message: `bad_data: ${err.detail}`, status: err.status ?? 400 };
    }
    if (err.kind === 'timeout') {
      return { message: `timeout: ${err.detail}`, status: err.status ?? 503 };
    }
    if (err.kind === 'unreachable') {
      // Grafana says the Go error (`Post "<url>": dial tcp …: connection refused`); the stand-in has
      // its client's words for the same failure, which already name the address
      return { message: err.detail, status: 502 };
    }
    return { message: err.detail, status: err.status ?? 500 };
  }
  return { message: err instanceof Error ? err.message : String(err), status: 500 };
}

export class PrometheusStandIn extends DataSourceApi<PromStandInQuery, DataSourceJsonData> {
  private readonly prometheusUrl: string;
  private readonly fetchFn?: FetchLike;
  /** Every range query sent, for tests that check chunking. */
  readonly sent: Array<{ expr: string; startMs: number; endMs: number; stepMs: number }> = [];

  constructor(options: PromStandInOptions) {
    super(standInSettings(options));
    this.prometheusUrl = options.prometheusUrl;
    this.fetchFn = options.fetch;
  }

  /** Like Grafana's source: an Observable whose unsubscription cancels the HTTP request in flight. */
  query(request: DataQueryRequest<PromStandInQuery>): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      this.run(request, controller.signal).then(
        (response) => {
          subscriber.next(response);
          subscriber.complete();
        },
        (err) => subscriber.error(err)
      );
      return () => controller.abort();
    });
  }

  private async run(request: DataQueryRequest<PromStandInQuery>, signal: AbortSignal): Promise<DataQueryResponse> {
    const data: DataQueryResponse['data'] = [];
    const errors: DataQueryError[] = [];
    const fromMs = request.range.from.valueOf();
    const toMs = request.range.to.valueOf();
    for (const target of request.targets) {
      if (target.hide || !target.expr) {
        continue;
      }
      const { stepMs, startMs, endMs } = resolveRange(fromMs, toMs, request.intervalMs, target.interval);
      this.sent.push({ expr: target.expr, startMs, endMs, stepMs });
      try {
        const notices: string[] = [];
        const result = await queryRangeRaw(
          this.prometheusUrl,
          { expr: target.expr, startMs, endMs, stepMs },
          { fetch: this.fetchFn, signal, onNotice: (text) => notices.push(text) }
        );
        const frames = matrixToDataFrames(result, {
          refId: target.refId,
          expr: target.expr,
          legendFormat: target.legendFormat,
          stepMs,
        });
        // As Grafana's converter does: Prometheus's warnings and infos on every frame of the answer.
        if (notices.length > 0) {
          for (const frame of frames) {
            frame.meta = { ...frame.meta, notices: notices.map((text) => ({ severity: 'warning' as const, text })) };
          }
        }
        data.push(...frames);
      } catch (err) {
        errors.push({ refId: target.refId, ...grafanaStyleError(err) });
      }
    }
    return errors.length > 0 ? { data, errors, error: errors[0] } : { data };
  }

  /**
   * Like Grafana's `DataSourceWithBackend.getResource` for Prometheus: the metadata API the query
   * editor's completion uses, answered by the real Prometheus as its raw JSON (`{status, data}`).
   * Only the read-only metadata paths are passed on.
   */
  async getResource(path: string, params: Record<string, string> = {}): Promise<unknown> {
    if (!METADATA_PATH.test(path)) {
      throw new Error(`The Prometheus stand-in does not serve the resource "${path}".`);
    }
    const fetchFn: FetchLike = this.fetchFn ?? (globalThis.fetch as unknown as FetchLike);
    const query = new URLSearchParams(params).toString();
    const url = `${this.prometheusUrl.replace(/\/+$/, '')}/${path}${query ? `?${query}` : ''}`;
    const response = await fetchFn(url, { method: 'GET' });
    const body = await response.text();
    if (!response.ok) {
      throw new Error(`${response.status} ${response.statusText}: ${body.slice(0, 200)}`);
    }
    return JSON.parse(body) as unknown;
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    return { status: 'success', message: 'Stand-in for Prometheus' } as TestDataSourceResponse;
  }
}
