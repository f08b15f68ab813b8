import {
  dateTime,
  LoadingState,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
} from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { PrometheusStandIn } from '../testing/promStandIn';
import type { ForesightFrameMeta } from '../contract/frames';
import type { ForecastOutcome, SavedModelMeta } from '../engine/api';
import type { FetchLike } from '../io/prometheus/httpClient';
import { MemoryModelCache } from '../advisor/memoryModelCache';
import type { WorkerForecastRequest } from '../worker/protocol';
import type { ForecastRunner, RunOptions } from '../advisor/ports';
import { ForesightDataSource, type ForesightDeps } from './datasource';
import type { ForesightOptions, ForesightQuery } from './types';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 21, 6, 0, 0);

/**
 * Prometheus answering every range query on its grid with one or more series: a daily triangle that
 * rises from 1 at midnight to 721 at noon and falls back (a gauge, not a running total: `counter.ts`).
 */
function syntheticPrometheus(
  instances: string[],
  opts: { empty?: boolean; lastSampleMs?: number; scale?: Record<string, number>; warnings?: string[] } = {}
): FetchLike {
  return async (_url, init) => {
    const params = new URLSearchParams(init?.body ?? '');
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(params.get(k)));
    const result = opts.empty
      ? []
      : instances.map((instance) => {
          const values: Array<[number, string]> = [];
          const last = Math.min(end, (opts.lastSampleMs ?? Infinity) / 1000);
          for (let t = start; t <= last + 1e-9; t += step) {
            values.push([
              Math.round(t),
              String((721 - Math.abs(((t / 60) % 1440) - 720)) * (opts.scale?.[instance] ?? 1)),
            ]);
          }
          return { metric: { __name__: 'rps', instance }, values };
        });
    const text = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result }, warnings: opts.warnings });
    return { ok: true, status: 200, statusText: '', text: async () => text };
  };
}

/** A runner with a predictable forecast (last value, ±10 % / ±20 % bands). */
class FakeRunner implements ForecastRunner {
  readonly mode = 'worker' as const;
  readonly calls: WorkerForecastRequest[] = [];
  /** Quick first answers (`quick: true`), kept apart so `calls` counts each series' own runs. */
  readonly quickCalls: WorkerForecastRequest[] = [];
  failFor = new Set<number>();
  hang = false;
  lastSignal?: AbortSignal;
  private markStarted: () => void = () => undefined;
  /** Resolves when the first run begins: tests wait on it rather than polling a timer. */
  readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));
  async run(req: WorkerForecastRequest, options: RunOptions = {}) {
    (req.quick ? this.quickCalls : this.calls).push(req);
    this.lastSignal = options.signal;
    this.markStarted();
    options.onProgress?.({ phase: 'train', fraction: 0.5, epoch: 1, epochs: 2 });
    if (this.hang) {
      await new Promise((_r, reject) => options.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    if (this.failFor.has(this.calls.length)) {
      throw Object.assign(new Error('Only 5 points of history; needs 600.'), {
        name: 'EngineError',
        code: 'too_short',
      });
    }
    const last = req.series.values[req.series.values.length - 1] ?? 0;
    const lastT = req.series.times[req.series.times.length - 1];
    const mean = new Array(req.horizon).fill(last);
    const outcome = {
      forecast: {
        startMs: lastT + req.stepMs,
        stepMs: req.stepMs,
        method: 'lstm',
        mean,
        lower80: mean.map((v) => v * 0.9),
        upper80: mean.map((v) => v * 1.1),
        lower95: mean.map((v) => v * 0.8),
        upper95: mean.map((v) => v * 1.2),
      },
      report: { requested: req.method, method: 'lstm', relMaeVsSeasonalNaive: 0.8, mase: 0.7 },
      model: {
        meta: { stepMs: req.stepMs, method: 'lstm', trainedAtMs: NOW, fingerprint: req.fingerprint } as SavedModelMeta,
        artifacts: { w: 1 },
      },
    } as unknown as ForecastOutcome;
    return { outcome, backend: 'wasm' };
  }
  dispose() {}
}

function setup(
  opts: {
    instances?: string[];
    json?: Partial<ForesightOptions>;
    empty?: boolean;
    lastSampleMs?: number;
    scale?: Record<string, number>;
    warnings?: string[];
    deps?: Partial<ForesightDeps>;
  } = {}
) {
  const prometheus = new PrometheusStandIn({
    uid: 'prom',
    prometheusUrl: 'http://prom',
    fetch: syntheticPrometheus(opts.instances ?? ['a'], {
      empty: opts.empty,
      lastSampleMs: opts.lastSampleMs,
      scale: opts.scale,
      warnings: opts.warnings,
    }),
  });
  const runner = new FakeRunner();
  const cache = opts.deps?.modelCache ?? new MemoryModelCache();
  const settings = {
    id: 1,
    uid: 'fs',
    type: 'foresight-lstm-datasource',
    name: 'Foresight',
    jsonData: { prometheusUid: 'prom', ...opts.json },
    meta: {},
  } as unknown as DataSourceInstanceSettings<ForesightOptions>;
  const ds = new ForesightDataSource(settings, {
    getDataSource: async (uid) => {
      if (uid !== 'prom') {
        throw new Error('not found');
      }
      return prometheus;
    },
    replace: (t, vars = {}) =>
      t.replace(/\$(\w+)/g, (m, n: string) => (vars[n] ? String(vars[n].value) : n === 'instance' ? 'a' : m)),
    createRunner: async () => runner,
    modelCache: cache,
    now: () => NOW,
    ...opts.deps,
  });
  return { ds, prometheus, runner, cache };
}

function request(target: Partial<ForesightQuery>): DataQueryRequest<ForesightQuery> {
  return {
    requestId: 'q1',
    interval: '60s',
    intervalMs: MIN,
    range: { from: dateTime(NOW - 3_600_000), to: dateTime(NOW), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    timezone: 'utc',
    app: 'dashboard',
    startTime: NOW,
    targets: [
      {
        refId: 'A',
        expr: 'rps{instance="$instance"}',
        trainingWindow: '1d',
        trainingStep: '5m',
        horizon: '1h',
        method: 'auto',
        modelMode: 'train',
        ...target,
      } as ForesightQuery,
    ],
  };
}

const kind = (f: DataFrame) => (f.meta?.custom as ForesightFrameMeta | undefined)?.foresight.kind;

describe('ForesightDataSource.query', () => {
  it('streams progress, then returns one forecast frame per series and an actions frame', async () => {
    const { ds, prometheus, runner } = setup();
    const all: DataQueryResponse[] = await lastValueFrom(ds.query(request({})).pipe(toArray()));
    const streaming = all.filter((r) => r.state === LoadingState.Streaming);
    expect(streaming.length).toBeGreaterThan(1);
    expect(streaming.every((r) => r.data.some((f: DataFrame) => kind(f) === 'progress'))).toBe(true);
    const final = all[all.length - 1];
    expect(final.state).toBe(LoadingState.Done);
    expect(final.data.map(kind)).toEqual(['forecast', 'actions']);
    // Interpolated expression, training at 5 m over 1 d (288 points), actuals at the dashboard interval.
    // the two are read side by side (a slow Prometheus answers both in the time of one)
    const training = prometheus.sent.find((r) => r.stepMs === 300_000);
    expect(training).toMatchObject({ expr: 'rps{instance="a"}' });
    expect(training && (training.endMs - training.startMs) / 300_000 + 1).toBe(288);
    expect(prometheus.sent.find((r) => r.stepMs === MIN)).toMatchObject({ startMs: NOW - 3_600_000, endMs: NOW });
    expect(prometheus.sent).toHaveLength(2);
    expect(runner.calls[0]).toMatchObject({ stepMs: 300_000, horizon: 12, method: 'auto' });
    const frame = final.data[0] as DataFrame;
    expect(frame.name).toBe('rps{instance="a"}');
    const meta = (frame.meta?.custom as ForesightFrameMeta).foresight;
    expect(meta.run).toMatchObject({
      compute: 'worker',
      backend: 'wasm',
      model: 'trained',
      chunks: 1,
      trainingPoints: 288,
    });
  });

  it('answers progressively: quick forecasts of every series first, then own models, largest series first', async () => {
    const { ds, runner, cache } = setup({ instances: ['a', 'b', 'c'], scale: { b: 100 } });
    const query = request({ expr: 'rps', legendFormat: '{{instance}}' });
    const all: DataQueryResponse[] = await lastValueFrom(ds.query(query).pipe(toArray()));
    expect(runner.quickCalls).toHaveLength(3);
    // b carries 100× the load of a and c: its own model is trained first.
    const first = (c: WorkerForecastRequest) => c.series.values[0];
    const [qa, qb, qc] = runner.quickCalls.map(first);
    expect(runner.calls.map(first)).toEqual([qb, qa, qc]);
    const forecasts = (r: DataQueryResponse) =>
      r.data
        .filter((f: DataFrame) => kind(f) === 'forecast')
        .map((f: DataFrame) => (f.meta?.custom as ForesightFrameMeta).foresight);
    // The first quick forecast goes out at once; all three by the end of the quick pass.
    const streamed = all.filter((r) => r.state === LoadingState.Streaming).map(forecasts);
    expect(streamed.find((f) => f.length > 0)?.map((m) => m.run?.model)).toEqual(['base']);
    const interim = streamed.find((f) => f.length === 3)!;
    expect(interim.map((m) => m.run?.model)).toEqual(['base', 'base', 'base']);
    expect(interim[0].warnings?.join(' ')).toMatch(/Quick forecast \(nothing trained yet\)/);
    const final = all[all.length - 1];
    expect(final.state).toBe(LoadingState.Done);
    expect(forecasts(final).map((m) => m.run?.model)).toEqual(['trained', 'trained', 'trained']);
    expect(
      forecasts(final)
        .flatMap((m) => m.warnings ?? [])
        .join(' ')
    ).not.toMatch(/Quick forecast/);

    // A returning user (a new page, the same model store): young cached models answer, nothing quick.
    const again = setup({ instances: ['a', 'b', 'c'], scale: { b: 100 }, deps: { modelCache: cache } });
    const res = await lastValueFrom(again.ds.query(query));
    expect(again.runner.quickCalls).toHaveLength(0);
    expect(forecasts(res).map((m) => m.run?.model)).toEqual(['cache', 'cache', 'cache']);
  });

  it('with more cached series than one round of runs, shows quick forecasts first, then the cached models', async () => {
    const instances = ['a', 'b', 'c', 'd', 'e', 'f'];
    const first = setup({ instances });
    const query = request({ expr: 'rps', legendFormat: '{{instance}}' });
    await lastValueFrom(first.ds.query(query));
    const again = setup({ instances, deps: { modelCache: first.cache } });
    const all: DataQueryResponse[] = await lastValueFrom(again.ds.query(query).pipe(toArray()));
    expect(again.runner.quickCalls).toHaveLength(6);
    const models = (r: DataQueryResponse) =>
      r.data
        .filter((f: DataFrame) => kind(f) === 'forecast')
        .map((f: DataFrame) => (f.meta?.custom as ForesightFrameMeta).foresight.run?.model);
    expect(all.some((r) => models(r).length === 6 && models(r).every((m) => m === 'base'))).toBe(true);
    expect(models(all[all.length - 1])).toEqual(instances.map(() => 'cache'));
  });

  it("runs a panel's queries side by side: the second query's quick forecast does not wait for the first's training", async () => {
    const { ds, runner } = setup({ instances: ['a'] });
    const both = request({ expr: 'rps' });
    both.targets.push({ ...both.targets[0], refId: 'B', expr: 'rps * 2' });
    const all: DataQueryResponse[] = await lastValueFrom(ds.query(both).pipe(toArray()));
    const models = (r: DataQueryResponse) =>
      r.data
        .filter((f: DataFrame) => kind(f) === 'forecast')
        .map((f: DataFrame) => `${f.refId}:${(f.meta?.custom as ForesightFrameMeta).foresight.run?.model}`);
    // Both quick forecasts are on screen before either query's own model.
    expect(all.some((r) => models(r).join() === 'A:base,B:base')).toBe(true);
    expect(runner.quickCalls).toHaveLength(2);
    const final = all[all.length - 1];
    expect(final.state).toBe(LoadingState.Done);
    // In the order of the queries, each with its actions frame.
    expect(models(final)).toEqual(['A:trained', 'B:trained']);
    expect(final.data.map((f: DataFrame) => `${f.refId}:${kind(f)}`)).toEqual([
      'A:forecast',
      'A:actions',
      'B:forecast',
      'B:actions',
    ]);
  });

  it('passes on what Prometheus said beside its data, once per query, in the answer the panel reads', async () => {
    const { ds } = setup({ warnings: ['partial response: store B is down'] });
    const res = await lastValueFrom(ds.query(request({})));
    const actions = res.data.find((f: DataFrame) => kind(f) === 'actions') as DataFrame;
    // Said on every range request of the run (training chunks, actuals), written once.
    expect(actions.meta?.notices).toEqual([
      { severity: 'warning', text: 'Prometheus: partial response: store B is down' },
    ]);
    expect(res.errors ?? []).toEqual([]);
  });

  it('cuts multi-series results at the cap with a clear message, keeping the others', async () => {
    const { ds, runner } = setup({ instances: ['a', 'b', 'c'], json: { maxSeries: 2 } });
    const res = await lastValueFrom(ds.query(request({ expr: 'rps', legendFormat: '{{instance}}' })));
    expect(res.data.filter((f: DataFrame) => kind(f) === 'forecast').map((f: DataFrame) => f.name)).toEqual(['a', 'b']);
    // a partial answer: said on the warning line beside the series drawn, not as an error
    expect(res.errors).toEqual([]);
    const said = res.data.flatMap((f: DataFrame) => f.meta?.notices ?? []).map((n) => n.text);
    expect(said.join('\n')).toMatch(/returned 3 series; Foresight trains one model per series and forecasts at most 2/);
    expect(runner.calls).toHaveLength(2);
  });

  it('keeps partial results when one series fails', async () => {
    const { ds, runner } = setup({ instances: ['a', 'b'] });
    runner.failFor.add(1);
    const res = await lastValueFrom(ds.query(request({ expr: 'rps', legendFormat: '{{instance}}' })));
    expect(res.state).toBe(LoadingState.Done);
    expect(res.data.filter((f: DataFrame) => kind(f) === 'forecast').map((f: DataFrame) => f.name)).toEqual(['b']);
    expect(res.errors).toEqual([]);
    const said = res.data.flatMap((f: DataFrame) => f.meta?.notices ?? []);
    expect(said).toContainEqual({ severity: 'warning', text: 'a: Only 5 points of history; needs 600.' });
  });

  it('is an error when no series could be forecast', async () => {
    const { ds, runner } = setup({ instances: ['a'] });
    runner.failFor.add(1); // the first own run (counted after it is recorded)
    const res = await lastValueFrom(ds.query(request({ expr: 'rps', legendFormat: '{{instance}}' })));
    expect(res.data.filter((f: DataFrame) => kind(f) === 'forecast')).toEqual([]);
    expect(res.errors).toEqual([{ refId: 'A', message: 'Only 5 points of history; needs 600.' }]);
  });

  it('reuses the cached model in auto-retrain mode (a refresh does not retrain)', async () => {
    let now = NOW;
    const { ds, runner } = setup({ deps: { now: () => now } });
    await lastValueFrom(ds.query(request({ modelMode: 'auto-retrain' })));
    now += 5 * MIN; // a new sample
    const res = await lastValueFrom(ds.query(request({ modelMode: 'auto-retrain' })));
    expect(runner.calls[0].savedModel).toBeUndefined();
    expect(runner.calls[1].savedModel?.meta.fingerprint).toBe(runner.calls[0].fingerprint);
    expect(((res.data[0] as DataFrame).meta?.custom as ForesightFrameMeta).foresight.run?.model).toBe('cache');
  });

  it('reuses the young cached model as is on a refresh in train mode, and says when it was trained', async () => {
    let now = NOW;
    const { ds, runner } = setup({ deps: { now: () => now } });
    await lastValueFrom(ds.query(request({})));
    now += 5 * MIN; // a new sample
    const res = await lastValueFrom(ds.query(request({})));
    expect(runner.calls[1].savedModel).toBeDefined();
    expect(runner.calls[1].fineTune).toBeUndefined();
    expect(((res.data[0] as DataFrame).meta?.custom as ForesightFrameMeta).foresight.run).toMatchObject({
      model: 'cache',
      modelTrainedAtMs: NOW,
    });
  });

  it('a refresh that fetched the same data keeps its answer from the same cached model: no model run', async () => {
    let now = NOW;
    const { ds, runner } = setup({ deps: { now: () => now } });
    const first = await lastValueFrom(ds.query(request({})));
    now += MIN; // a 1-minute refresh on a 5-minute grid: no new sample
    const res = await lastValueFrom(ds.query(request({})));
    expect(runner.calls).toHaveLength(1);
    expect(((res.data[0] as DataFrame).meta?.custom as ForesightFrameMeta).foresight.run).toMatchObject({
      model: 'cache',
      modelTrainedAtMs: NOW,
    });
    const forecast = (r: typeof res) => (r.data[0] as DataFrame).fields.find((f) => f.name === 'forecast')?.values;
    expect(forecast(res)).toEqual(forecast(first));
    expect(forecast(res)?.length).toBeGreaterThan(0);
  });

  it('fine-tunes a cached model older than the maximum model age', async () => {
    let now = NOW;
    const { ds, runner } = setup({ deps: { now: () => now } });
    await lastValueFrom(ds.query(request({ maxModelAge: '1h' })));
    now += 2 * 3_600_000;
    const res = await lastValueFrom(ds.query(request({ maxModelAge: '1h' })));
    expect(runner.calls[1]).toMatchObject({ fineTune: true });
    expect(((res.data[0] as DataFrame).meta?.custom as ForesightFrameMeta).foresight.run).toMatchObject({
      model: 'trained',
      warmStart: true,
    });
  });

  it('re-plans a policy edit on the kept forecast: no training fetch, no model run', async () => {
    let now = NOW;
    const { ds, runner, prometheus } = setup({ deps: { now: () => now } });
    await lastValueFrom(ds.query(request({ policy: { kind: 'target', capacityPerReplica: 100 } })));
    const fetchesBefore = prometheus.sent.length;
    const res = await lastValueFrom(ds.query(request({ policy: { kind: 'target', capacityPerReplica: 10 } })));
    expect(runner.calls).toHaveLength(1);
    // Only the dashboard's actuals are fetched again.
    expect(prometheus.sent.length - fetchesBefore).toBe(1);
    const meta = ((res.data[0] as DataFrame).meta?.custom as ForesightFrameMeta).foresight;
    expect(meta.run?.replanned).toBe(true);
    expect(meta.policy?.capacityPerReplica).toBe(10);
    // Running the edited query again unchanged, after a new sample, is a refresh: it goes through the model cache.
    now += 5 * MIN;
    await lastValueFrom(ds.query(request({ policy: { kind: 'target', capacityPerReplica: 10 } })));
    expect(runner.calls).toHaveLength(2);
  });

  it('fits again when a fit field changes', async () => {
    const { ds, runner } = setup();
    await lastValueFrom(ds.query(request({})));
    await lastValueFrom(ds.query(request({ horizon: '2h' })));
    expect(runner.calls).toHaveLength(2);
    expect(runner.calls[1].horizon).toBe(24);
  });

  it('dates no action in the past, and gives none for stale data with a visible warning', async () => {
    const { ds } = setup({ lastSampleMs: NOW - 3_600_000 });
    const res = await lastValueFrom(ds.query(request({})));
    const forecast = res.data.find((f: DataFrame) => kind(f) === 'forecast') as DataFrame;
    const meta = (forecast.meta?.custom as ForesightFrameMeta).foresight;
    expect(meta.clockMs).toBe(NOW);
    expect(meta.lastSampleMs).toBe(NOW - 3_600_000);
    expect(meta.stale).toBeDefined();
    expect(meta.warnings?.[0]).toMatch(/^Data is stale: the last sample is/);
    const actions = res.data.find((f: DataFrame) => kind(f) === 'actions') as DataFrame;
    expect(actions.length).toBe(0);
  });

  it('moves an action the forecast dates between the last sample and now to now', async () => {
    const { ds } = setup({ lastSampleMs: NOW - 8 * MIN });
    const res = await lastValueFrom(ds.query(request({ policy: { kind: 'target', capacityPerReplica: 10 } })));
    const actions = res.data.find((f: DataFrame) => kind(f) === 'actions') as DataFrame;
    expect(actions.length).toBeGreaterThan(0);
    expect(Math.min(...(actions.fields[0].values as number[]))).toBeGreaterThanOrEqual(NOW);
  });

  it('refuses a grid beyond the memory budget, or absurd LSTM options, before fetching anything', async () => {
    const { ds, prometheus, runner } = setup();
    const big = await lastValueFrom(ds.query(request({ trainingWindow: '30d', trainingStep: '1s' })));
    expect(big.errors?.[0].message).toMatch(/at most 600,000 fit the memory budget\. Use a step of/);
    const units = await lastValueFrom(ds.query(request({ lstm: { units: 1.5 } })));
    expect(units.errors?.[0].message).toMatch(/LSTM units must be a whole number/);
    expect(prometheus.sent).toHaveLength(0);
    expect(runner.calls).toHaveLength(0);
  });

  it('shows every skipped candidate in the visible warnings', async () => {
    const { ds, runner } = setup();
    const run = runner.run.bind(runner);
    runner.run = async (req, options) => {
      const out = await run(req, options);
      out.outcome.report.skipped = [{ method: 'lstm', reason: 'this window gives 461 points, it needs 535' }];
      return out;
    };
    const res = await lastValueFrom(ds.query(request({})));
    const meta = ((res.data[0] as DataFrame).meta?.custom as ForesightFrameMeta).foresight;
    expect(meta.warnings).toContain('LSTM skipped: this window gives 461 points, it needs 535.');
  });

  it('saves a trained model under its name and loads it back in load mode', async () => {
    const { ds, runner } = setup();
    await lastValueFrom(ds.query(request({ modelRef: 'checkout' })));
    const res = await lastValueFrom(ds.query(request({ modelMode: 'load', modelRef: 'checkout' })));
    expect(res.errors ?? []).toEqual([]);
    expect(runner.calls[1].savedModel).toBeDefined();
    const missing = await lastValueFrom(ds.query(request({ modelMode: 'load', modelRef: 'other' })));
    expect(missing.errors?.[0].message).toMatch(/No model is saved in this browser under the name "other"/);
  });

  it('says what is wrong with the configuration or the query', async () => {
    const noProm = setup({ json: { prometheusUid: undefined } });
    expect((await lastValueFrom(noProm.ds.query(request({})))).errors?.[0].message).toMatch(
      /No Prometheus data source is selected/
    );
    const gone = setup({ json: { prometheusUid: 'deleted' } });
    expect((await lastValueFrom(gone.ds.query(request({})))).errors?.[0].message).toMatch(
      /"deleted" that Foresight wraps was not found/
    );
    const { ds } = setup();
    expect((await lastValueFrom(ds.query(request({ trainingWindow: 'a week' })))).errors?.[0].message).toMatch(
      /^training window: "a week" is not a duration/
    );
    expect(
      (await lastValueFrom(ds.query(request({ policy: { minReplicas: 9, maxReplicas: 3 } })))).errors?.[0].message
    ).toMatch(/Invalid scaling policy/);
    const empty = setup({ empty: true });
    const res = await lastValueFrom(empty.ds.query(request({})));
    expect(res.state).toBe(LoadingState.Error);
    expect(res.errors?.[0].message).toMatch(/returned no data over the training window \(last 1d\)/);
  });

  it('cancels training when the query is superseded (unsubscribed)', async () => {
    const { ds, runner } = setup();
    runner.hang = true;
    const sub = ds.query(request({})).subscribe();
    await runner.started;
    expect(runner.lastSignal?.aborted).toBe(false);
    sub.unsubscribe();
    expect(runner.lastSignal?.aborted).toBe(true);
  });

  it('skips hidden and empty queries', async () => {
    const { ds, prometheus } = setup();
    const res = await lastValueFrom(ds.query(request({ hide: true })));
    expect(res.data).toEqual([]);
    expect(prometheus.sent).toHaveLength(0);
  });
});

describe('ForesightDataSource.testDatasource', () => {
  it('succeeds when the wrapped source answers vector(1)', async () => {
    const vector1: FetchLike = async () => ({
      ok: true,
      status: 200,
      statusText: '',
      text: async () =>
        JSON.stringify({
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: {}, values: [[NOW / 1000, '1']] }] },
        }),
    });
    const prom = new PrometheusStandIn({ uid: 'prom', prometheusUrl: 'http://p', fetch: vector1 });
    const { ds } = setup({ deps: { getDataSource: async () => prom } });
    await expect(ds.testDatasource()).resolves.toEqual({
      status: 'success',
      message: 'Foresight is ready: "Prometheus (stand-in)" answers PromQL.',
    });
    // A provisioned timeout past the limit is used as the limit, and said.
    const long = setup({ json: { requestTimeoutSec: 7200 }, deps: { getDataSource: async () => prom } }).ds;
    await expect(long.testDatasource()).resolves.toMatchObject({
      status: 'success',
      message: expect.stringMatching(/answers PromQL\. The request timeout 7200 s is not used as set: 3600 s is\.$/),
    });
    await expect(setup({ json: { prometheusUid: undefined } }).ds.testDatasource()).resolves.toMatchObject({
      status: 'error',
      message: expect.stringMatching(/No Prometheus/),
    });
  });

  it('says a setting the editor could not accept is not in use, instead of "ready"', async () => {
    const problem = 'Series per query must be a whole number from 1 to 100 (got 0)';
    const { ds } = setup({ json: { settingProblems: [problem] } });
    await expect(ds.testDatasource()).resolves.toEqual({
      status: 'error',
      message: `A setting was not saved as typed, so the saved or default value is in use: ${problem}. Fix it and save again.`,
    });
  });

  it('rejects a wrapped source that is not Prometheus', async () => {
    const notProm = Object.assign(new PrometheusStandIn({ uid: 'x', prometheusUrl: 'http://p' }), {
      type: 'loki',
      name: 'Logs',
    });
    const { ds } = setup({ deps: { getDataSource: async () => notProm } });
    await expect(ds.testDatasource()).resolves.toMatchObject({
      status: 'error',
      message: expect.stringMatching(/"Logs" is of type "loki", not Prometheus/),
    });
  });
});
