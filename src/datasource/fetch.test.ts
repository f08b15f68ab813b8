import fs from 'fs';
import path from 'path';
import { PrometheusStandIn } from '../testing/promStandIn';
import { PROMETHEUS_FIXTURES_DIR } from '../testing/prometheusFixtures';
import type { FetchLike } from '../io/prometheus/httpClient';
import { planChunks } from '../io/prometheus/chunks';
import { fetchTrainingWindow } from '../advisor/fetchWindow';
import { buildWrappedRequest, fetchRange, type WrappedDataSource } from './fetch';
import { grafanaRangeSource } from './rangeSource';

/** The data source's adapter over a wrapped source, as the use case sees it. */
const viaGrafana = (ds: WrappedDataSource) =>
  grafanaRangeSource(ds, { scopedVars: {}, base: {}, replace: (text) => text, timeoutMs: 60_000 });

const fixtures = PROMETHEUS_FIXTURES_DIR;
const body = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

function respond(status: number, text: string): FetchLike {
  return async () => ({ ok: status < 400, status, statusText: '', text: async () => text });
}

/** A Prometheus that answers every range query with the grid it was asked for (value = minute). */
const gridPrometheus: FetchLike = async (_url, init) => {
  const params = new URLSearchParams(init?.body ?? '');
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const step = Number(params.get('step'));
  const values: Array<[number, string]> = [];
  for (let t = start; t <= end + 1e-9; t += step) {
    values.push([Math.round(t), String(Math.round(t / 60))]);
  }
  const text = JSON.stringify({
    status: 'success',
    data: { resultType: 'matrix', result: [{ metric: { job: 'x' }, values }] },
  });
  return { ok: true, status: 200, statusText: '', text: async () => text };
};

describe('fetching through the wrapped data source', () => {
  it('asks the wrapped source for the planned step and range (Grafana request shape)', () => {
    const req = buildWrappedRequest({ refId: 'A', expr: 'up', fromMs: 0, toMs: 600_000, stepMs: 60_000, points: 11 });
    expect(req.intervalMs).toBe(60_000);
    expect(req.maxDataPoints).toBe(11);
    expect(req.targets[0]).toMatchObject({ refId: 'A', expr: 'up', interval: '60s', range: true, instant: false });
    expect(req.range.from.valueOf()).toBe(0);
  });

  it('reads the recorded frames into series', async () => {
    const ds = new PrometheusStandIn({
      uid: 'p',
      prometheusUrl: 'http://p',
      fetch: respond(200, body('matrix-twitter.json')),
    });
    const series = await fetchRange(ds, {
      refId: 'A',
      expr: 'x',
      fromMs: 0,
      toMs: 3_600_000,
      stepMs: 300_000,
      points: 13,
    });
    expect(series.map((s) => s.labels.instance)).toEqual(['AAPL', 'AMZN']);
    const recorded: Array<[number, string]> = JSON.parse(body('matrix-twitter.json')).data.result[0].values;
    expect(series[0].values).toEqual(recorded.map(([, v]) => Number(v)));
  });

  it("passes on what Prometheus said beside its data (Grafana's frame notices), once each", async () => {
    const answer = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: ['a', 'b'].map((job) => ({ metric: { job }, values: [[60, '1']] })),
      },
      warnings: ['PromQL warning: encountered a mix of histograms and floats for metric name "x"'],
      infos: ['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "x"'],
    });
    const ds = new PrometheusStandIn({ uid: 'p', prometheusUrl: 'http://p', fetch: respond(200, answer) });
    const said: string[] = [];
    const request = { refId: 'A', expr: 'rate(x[5m])', fromMs: 0, toMs: 60_000, stepMs: 60_000, points: 2 };
    const series = await fetchRange(ds, { ...request, onNotice: (text) => said.push(text) });
    expect(series).toHaveLength(2);
    // On both frames, as Grafana puts them; said once.
    expect(said).toEqual([
      'PromQL warning: encountered a mix of histograms and floats for metric name "x"',
      'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "x"',
    ]);
  });

  it('turns the wrapped source’s errors into specific ones', async () => {
    const parse = new PrometheusStandIn({
      uid: 'p',
      prometheusUrl: 'http://p',
      fetch: respond(400, body('error-parse.json')),
    });
    await expect(
      fetchRange(parse, { refId: 'A', expr: 'x', fromMs: 0, toMs: 1, stepMs: 60_000, points: 1 })
    ).rejects.toMatchObject({
      kind: 'promql',
      message: 'PromQL error: 1:48: parse error: unclosed left parenthesis',
    });
  });

  it('fetches a window in sequential chunks and merges them without duplicates', async () => {
    const ds = new PrometheusStandIn({ uid: 'p', prometheusUrl: 'http://p', fetch: gridPrometheus });
    const plan = planChunks({ endMs: 100_000 * 60_000, windowMs: 25 * 60_000, stepMs: 60_000, maxPointsPerChunk: 10 });
    const progress: number[] = [];
    const result = await fetchTrainingWindow(
      viaGrafana(ds),
      plan,
      { refId: 'A', expr: 'x' },
      { onChunk: (done) => progress.push(done) }
    );
    expect(result.chunks).toBe(3);
    expect(progress).toEqual([1, 2, 3]);
    expect(ds.sent.map((s) => [s.startMs / 60_000, s.endMs / 60_000])).toEqual([
      [99_976, 99_985],
      [99_986, 99_995],
      [99_996, 100_000],
    ]);
    expect(result.series).toHaveLength(1);
    expect(result.series[0].times).toHaveLength(25);
    expect(new Set(result.series[0].times).size).toBe(25);
  });

  it('stops between chunks when cancelled', async () => {
    const ds = new PrometheusStandIn({ uid: 'p', prometheusUrl: 'http://p', fetch: gridPrometheus });
    const controller = new AbortController();
    const plan = planChunks({ endMs: 100_000 * 60_000, windowMs: 25 * 60_000, stepMs: 60_000, maxPointsPerChunk: 10 });
    const p = fetchTrainingWindow(
      viaGrafana(ds),
      plan,
      { refId: 'A', expr: 'x' },
      { signal: controller.signal, onChunk: () => controller.abort() }
    );
    await expect(p).rejects.toMatchObject({ kind: 'cancelled' });
    expect(ds.sent).toHaveLength(1);
  });
});

describe('native histograms', () => {
  it('are refused with the series and the PromQL that fixes it, instead of forecasting bucket bounds', async () => {
    // The stand-in hands the recorded answer on as Grafana does: a heatmap-cells frame per series.
    const ds = new PrometheusStandIn({
      uid: 'p',
      prometheusUrl: 'http://p',
      fetch: respond(200, body('matrix-native-histograms.json')),
    });
    const fetch = { refId: 'A', expr: 'latency', fromMs: 0, toMs: 60_000, stepMs: 60_000, points: 2 };
    await expect(fetchRange(ds, fetch)).rejects.toMatchObject({
      kind: 'promql',
      message: expect.stringMatching(
        /^The query returns native histograms \(demo_request_duration_seconds\{job="demo"\}\).*histogram_count/
      ),
    });
  });
});

describe('request timeout', () => {
  it('gives up on a wrapped source that never answers, says "timed out after N s", and unsubscribes', async () => {
    let unsubscribed = false;
    const { Observable } = await import('rxjs');
    const stalled = {
      name: 'prom',
      type: 'prometheus',
      query: () =>
        new Observable<never>(() => () => {
          unsubscribed = true;
        }),
    };
    const fetch = { refId: 'A', expr: 'up', fromMs: 0, toMs: 60_000, stepMs: 60_000, points: 2, timeoutMs: 30 };
    await expect(fetchRange(stalled, fetch)).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/timed out after 0 s/),
    });
    expect(unsubscribed).toBe(true);
  });
});
