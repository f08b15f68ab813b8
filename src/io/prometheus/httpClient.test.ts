import fs from 'fs';
import path from 'path';
import {
  classifyPrometheusError,
  NativeHistogramError,
  PromQLError,
  PrometheusHttpError,
  PrometheusTimeoutError,
  PrometheusUnreachableError,
  QueryCancelledError,
  ResolutionLimitError,
} from './errors';
import { PROMETHEUS_FIXTURES_DIR } from '../../testing/prometheusFixtures';
import { buildQueryRangeBody, queryRange, type FetchLike } from './httpClient';
import type { PromMatrixItem } from './types';
import { engineSeries } from '../../advisor/seriesRuns';
import { prepareSeries } from '../../engine/prepare';

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

  it("reads Prometheus's NaN, +Inf and -Inf as gaps it keeps the times of, and the engine's warning line says them", async () => {
    const recorded = JSON.parse(fixture('matrix-twitter.json')) as { data: { result: PromMatrixItem[] } };
    const item = recorded.data.result[0];
    // A ratio over zero gives NaN, a rate() over a reset or a division of a non-zero by zero ±Inf.
    const bad = new Map([
      [3, 'NaN'],
      [7, '+Inf'],
      [11, '-Inf'],
    ]);
    const answer = JSON.stringify({
      ...recorded,
      data: { ...recorded.data, result: [{ ...item, values: item.values.map(([t, v], i) => [t, bad.get(i) ?? v]) }] },
    });
    const [series] = await queryRange('http://p', q, { fetch: fakeFetch(200, answer) });
    expect([3, 7, 11].map((i) => series.values[i])).toEqual([null, null, null]);
    expect(series.nonFiniteTimes).toEqual([3, 7, 11].map((i) => series.times[i]));
    const step = series.times[1] - series.times[0];
    expect(prepareSeries(engineSeries(series), step).warnings).toContain(
      '3 samples missing, NaN, infinite or stale: treated as gaps.'
    );
    // The recorded answer as it is has none: no such sentence.
    const [clean] = await queryRange('http://p', q, { fetch: fakeFetch(200, fixture('matrix-twitter.json')) });
    expect(clean).not.toHaveProperty('nonFiniteTimes');
    expect(prepareSeries(engineSeries(clean), step).warnings.join(' ')).not.toMatch(/NaN/);
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

  it('says an answer that is not the Prometheus API as that, with the URL and the fix', async () => {
    const page = '<!DOCTYPE html><html><head><title>Grafana</title></head><body>…</body></html>';
    const html = queryRange('http://p/graph', q, { fetch: fakeFetch(200, page) });
    await expect(html).rejects.toThrow(
      'http://p/graph/api/v1/query_range did not answer like the Prometheus HTTP API (HTTP 200 x, an HTML page titled "Grafana"). Give the base URL Prometheus serves its web UI at'
    );
    await expect(queryRange('http://p', q, { fetch: fakeFetch(200, '') })).rejects.toThrow(
      /\(HTTP 200 x, an empty body\)/
    );
    await expect(queryRange('http://p', q, { fetch: fakeFetch(200, 'null') })).rejects.toThrow(
      /\(HTTP 200 x, JSON null without Prometheus's "status" field\)/
    );
    await expect(queryRange('http://p', q, { fetch: fakeFetch(200, '[1,2,3]') })).rejects.toThrow(
      /JSON a list without/
    );
    await expect(queryRange('http://p', q, { fetch: fakeFetch(200, '{"status":"succ') })).rejects.toThrow(
      /text that is not JSON: "\{"status":"succ"/
    );
  });

  it('refuses a malformed matrix in words instead of a JavaScript error', async () => {
    const body = (result: unknown) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
    await expect(queryRange('http://p', q, { fetch: fakeFetch(200, body(null)) })).rejects.toThrow(
      'expected a matrix result (a list of series) from http://p/api/v1/query_range, got no list of series'
    );
    await expect(
      queryRange('http://p', q, { fetch: fakeFetch(200, body([{ metric: {}, values: null }])) })
    ).rejects.toThrow(
      `a malformed matrix from http://p/api/v1/query_range: series 1's "values" is not a list of [time, value] pairs`
    );
    await expect(
      queryRange('http://p', q, { fetch: fakeFetch(200, body([{ metric: {}, histograms: [[1]] }])) })
    ).rejects.toThrow(`series 1's "histograms" is not a list of [time, histogram] pairs`);
    const noMetric = await queryRange('http://p', q, { fetch: fakeFetch(200, body([{ values: [[1, '2']] }])) });
    expect(noMetric[0]).toEqual({ labels: {}, times: [1000], values: [2] });
  });

  it('refuses native histograms (recorded from Prometheus 2.42) with the series and the PromQL that fixes it', async () => {
    const p = queryRange('http://p', q, { fetch: fakeFetch(200, fixture('matrix-native-histograms.json')) });
    await expect(p).rejects.toBeInstanceOf(NativeHistogramError);
    await expect(p).rejects.toMatchObject({
      kind: 'promql',
      detail: 'native histogram samples in demo_request_duration_seconds{job="demo"}',
      message: expect.stringContaining('histogram_quantile(0.95, sum(rate(metric[5m])))'),
    });
  });

  it('names three histogram series and counts the rest; with numbers beside them, says leaving them out also works', async () => {
    const result = [1, 2, 3, 4, 5].map((i) => ({ metric: { __name__: 'h', i: String(i) }, histograms: [[1, {}]] }));
    const body = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
    const refused = queryRange('http://p', q, { fetch: fakeFetch(200, body) });
    await expect(refused).rejects.toThrow(
      'The query returns native histograms (h{i="1"}, h{i="2"}, h{i="3"} and 2 more)'
    );
    await expect(refused).rejects.not.toThrow(/leave them out/);
    // A selector that matched numbers too: leaving the histograms out is the other fix.
    const mixed = [...result, { metric: { __name__: 'up' }, values: [[1, '1']] }];
    const both = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: mixed } });
    await expect(queryRange('http://p', q, { fetch: fakeFetch(200, both) })).rejects.toThrow(
      'Or leave them out of the selection (the 1 other series it matched holds plain numbers).'
    );
  });

  it('keeps a redirect as one and names where it points, instead of losing the POST body', async () => {
    let init: Parameters<FetchLike>[1];
    const moved: FetchLike = async (_url, i) => {
      init = i;
      return {
        ok: false,
        status: 301,
        statusText: 'Moved Permanently',
        headers: { get: (name: string) => (name === 'location' ? 'https://prom.example/api/v1/query_range' : null) },
        text: async () => '',
      };
    };
    await expect(queryRange('http://prom.example', q, { fetch: moved })).rejects.toThrow(
      'http://prom.example/api/v1/query_range redirects (HTTP 301 Moved Permanently to https://prom.example/api/v1/query_range); give the address it redirects to'
    );
    expect(init?.redirect).toBe('manual');
  });

  it('a timeout longer than Node can time does not fire at once', async () => {
    const slow: FetchLike = async () => {
      await new Promise((r) => setTimeout(r, 50));
      return fakeFetch(200, fixture('matrix-twitter.json'))('');
    };
    await expect(queryRange('http://p', q, { fetch: slow, timeoutMs: 30 * 86_400_000 })).resolves.toHaveLength(2);
  });

  it("passes on Prometheus's warnings and infos beside a result", async () => {
    const body = JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [] },
      warnings: ['partial response: store B down'],
      infos: ['PromQL info: metric might not be a counter, name does not end in _total: "x"', ''],
    });
    const said: string[] = [];
    await queryRange('http://p', q, { fetch: fakeFetch(200, body), onNotice: (t) => said.push(t) });
    expect(said).toEqual([
      'partial response: store B down',
      'PromQL info: metric might not be a counter, name does not end in _total: "x"',
    ]);
  });

  it('never prints a password from the URL', async () => {
    const refused: FetchLike = async (url) => {
      throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${url}`);
    };
    const p = queryRange('http://admin:secret@p', q, { fetch: refused });
    await expect(p).rejects.toThrow('http://***@p/api/v1/query_range');
    await expect(queryRange('http://admin:secret@p', q, { fetch: refused })).rejects.not.toThrow(/secret/);
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
  it('does not blame the PromQL when the time range never reached Prometheus', () => {
    const e = classifyPrometheusError(
      'invalid parameter "start": cannot parse "" to a valid timestamp',
      'bad_data',
      400
    );
    expect(e).toBeInstanceOf(PrometheusHttpError);
    expect(e.message).toMatch(
      /without its time range; a proxy or redirect in front of it may have dropped the POST body/
    );
  });

  it('blames the time range, not a proxy, when Prometheus refused a range it did receive', () => {
    const e = classifyPrometheusError(
      'invalid parameter "end": end timestamp must not be before start time',
      'bad_data',
      400
    );
    expect(e).toBeInstanceOf(PrometheusHttpError);
    expect(e.message).toMatch(/refused the request's time range or step; check the dashboard's time range/);
    expect(e.message).not.toMatch(/proxy/);
  });

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
