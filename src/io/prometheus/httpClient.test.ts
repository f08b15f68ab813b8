import fs from 'fs';
import path from 'path';
import {
  classifyPrometheusError,
  PromQLError,
  PrometheusHttpError,
  PrometheusTimeoutError,
  PrometheusUnreachableError,
  QueryCancelledError,
  ResolutionLimitError,
} from './errors';
import { PROMETHEUS_FIXTURES_DIR } from '../../testing/prometheusFixtures';
import { buildQueryRangeBody, queryRange, type FetchLike } from './httpClient';

const fixtures = PROMETHEUS_FIXTURES_DIR;
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

function fakeFetch(status: number, body: string): FetchLike {
  return async () => ({ ok: status < 400, status, statusText: 'x', text: async () => body });
}

const q = { expr: 'up', startMs: 1_000, endMs: 61_000, stepMs: 60_000 };

describe('queryRange', () => {
  it('reads a recorded matrix into series with ms timestamps', async () => {
    const series = await queryRange('http://p', q, { fetch: fakeFetch(200, fixture('matrix-twitter.json')) });
    expect(series).toHaveLength(2);
    expect(series[0].labels).toEqual({ __name__: 'twitter_mentions_per_5m', instance: 'AAPL', job: 'twitter' });
    expect(series[0].times[1] - series[0].times[0]).toBe(300_000);
    expect(series[0].values[0]).toBe(Number(JSON.parse(fixture('matrix-twitter.json')).data.result[0].values[0][1]));
  });

  it('maps a recorded PromQL parse error with Prometheus own message', async () => {
    const p = queryRange('http://p', q, { fetch: fakeFetch(400, fixture('error-parse.json')) });
    await expect(p).rejects.toBeInstanceOf(PromQLError);
    await expect(p).rejects.toThrow('PromQL error: 1:48: parse error: unclosed left parenthesis');
  });

  it('maps the recorded 11,000-point refusal', async () => {
    const p = queryRange('http://p', q, { fetch: fakeFetch(400, fixture('error-resolution.json')) });
    await expect(p).rejects.toBeInstanceOf(ResolutionLimitError);
    await expect(p).rejects.toThrow(/exceeded maximum resolution of 11,000 points/);
  });

  it('maps an unreachable server (connection refused, as Node fetch reports it)', async () => {
    const refused: FetchLike = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    const p = queryRange('http://127.0.0.1:9', q, { fetch: refused });
    await expect(p).rejects.toBeInstanceOf(PrometheusUnreachableError);
    await expect(p).rejects.toThrow(
      'Prometheus is unreachable: http://127.0.0.1:9/api/v1/query_range: fetch failed (ECONNREFUSED)'
    );
  });

  it('maps a client-side timeout and a cancellation', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    await expect(queryRange('http://p', q, { fetch: hanging, timeoutMs: 20 })).rejects.toBeInstanceOf(
      PrometheusTimeoutError
    );
    const controller = new AbortController();
    const p = queryRange('http://p', q, { fetch: hanging, signal: controller.signal });
    controller.abort();
    await expect(p).rejects.toBeInstanceOf(QueryCancelledError);
  });

  it('maps non-JSON answers (a proxy page) to an HTTP error', async () => {
    await expect(queryRange('http://p', q, { fetch: fakeFetch(404, '<html>nope</html>') })).rejects.toBeInstanceOf(
      PrometheusHttpError
    );
    await expect(queryRange('http://p', q, { fetch: fakeFetch(502, 'bad gateway') })).rejects.toBeInstanceOf(
      PrometheusUnreachableError
    );
  });

  it('says how long it waited when the client-side timeout fires', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    await expect(queryRange('http://p', q, { fetch: hanging, timeoutMs: 1500 })).rejects.toThrow(
      /^Prometheus timed out after 1\.5 s: no answer from http:\/\/p\/api\/v1\/query_range/
    );
  });

  it('reports 503 as an answer from Prometheus, not as a refused connection', async () => {
    const busy: FetchLike = async () => ({
      ok: false,
      status: 503,
      statusText: '',
      text: async () => 'Service Unavailable',
    });
    const p = queryRange('http://p', q, { fetch: busy });
    await expect(p).rejects.toBeInstanceOf(PrometheusUnreachableError);
    await expect(p).rejects.toThrow(
      /^Prometheus answered 503 Service Unavailable \(http:\/\/p\/api\/v1\/query_range\)/
    );
    await expect(p).rejects.not.toThrow(/refused|unreachable/i);
  });

  it('encodes the query with second timestamps', () => {
    expect(buildQueryRangeBody(q)).toBe('query=up&start=1.000&end=61.000&step=60');
  });
});

describe('classifyPrometheusError', () => {
  it('understands messages that went through Grafana', () => {
    expect(classifyPrometheusError('bad_data: 1:5: parse error: unexpected end of input')).toBeInstanceOf(PromQLError);
    expect(classifyPrometheusError('bad_data: 1:5: parse error: x').message).toBe('PromQL error: 1:5: parse error: x');
    expect(
      classifyPrometheusError(
        'Post "http://p/api/v1/query_range": dial tcp 127.0.0.1:9090: connect: connection refused'
      )
    ).toBeInstanceOf(PrometheusUnreachableError);
    expect(classifyPrometheusError('timeout: query timed out in expression evaluation')).toBeInstanceOf(
      PrometheusTimeoutError
    );
    expect(classifyPrometheusError('something else', undefined, 500)).toBeInstanceOf(PrometheusHttpError);
  });
});
