/**
 * @jest-environment jsdom
 *
 * The Foresight data source against the project's real Prometheus (backfilled NAB history), through
 * the stand-in that answers like Grafana's Prometheus source. jsdom because @grafana/data and
 * @grafana/runtime need a DOM to load; Node's http carries the requests. No Web Worker here, so the
 * in-thread fallback runs the engine.
 */
import { dateTime, type DataFrame, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import { setDataSourceSrv, setTemplateSrv, type DataSourceSrv, type TemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { startStack, type StackHandle } from '../../scripts/prometheus/stack';
import { PrometheusStandIn } from '../../src/testing/promStandIn';
import { nodeHttpFetch } from '../../src/testing/promStandIn/nodeHttpFetch';
import { ACTION_FIELDS, FORECAST_FIELDS, type ForesightFrameMeta } from '../../src/contract/frames';
import { ForesightDataSource } from '../../src/datasource/datasource';
import { fetchTrainingWindow } from '../../src/advisor/fetchWindow';
import type { WrappedDataSource } from '../../src/datasource/fetch';
import { grafanaRangeSource } from '../../src/datasource/rangeSource';
import type { ForesightOptions, ForesightQuery } from '../../src/datasource/types';
import { forecastSeries } from '../../src/engine';
import { initEngineNode } from '../../src/engine/node';
import { planChunks } from '../../src/io/prometheus/chunks';
import { InThreadForecastRunner } from '../../src/worker/runner';
import { MemoryModelCache } from '../../src/advisor/memoryModelCache';

jest.setTimeout(600_000);

const MIN = 60_000;
const DAY = 86_400_000;
const AAPL = 'twitter_mentions_per_5m{job="twitter",instance="AAPL"}';

let stack: StackHandle;
let prometheus: PrometheusStandIn;
const sources = new Map<string, WrappedDataSource>();

// The stack waits for Prometheus with fetch, which jsdom hides: give it the Node http one.
(globalThis as { fetch?: unknown }).fetch ??= nodeHttpFetch;

function settings(jsonData: ForesightOptions): DataSourceInstanceSettings<ForesightOptions> {
  return {
    id: 2,
    uid: 'foresight',
    type: 'foresight-lstm-datasource',
    name: 'Foresight',
    access: 'proxy',
    readOnly: false,
    jsonData,
    meta: {},
  } as unknown as DataSourceInstanceSettings<ForesightOptions>;
}

const runner = new InThreadForecastRunner(
  async () => ({ forecastSeries, initEngine: () => initEngineNode() }),
  () => initEngineNode({ backend: 'auto' }),
  'Web Workers are unavailable in Node'
);

function foresight(jsonData: Partial<ForesightOptions> = {}) {
  return new ForesightDataSource(settings({ prometheusUid: 'prom', ...jsonData }), {
    createRunner: async () => runner,
    modelCache: new MemoryModelCache(),
  });
}

// NAB history ends up to a day before now, so the dashboard range spans two days to hold actuals.
function request(targets: Array<Partial<ForesightQuery>>, rangeMs = 2 * DAY): DataQueryRequest<ForesightQuery> {
  const now = Date.now();
  return {
    requestId: `it-${Math.random()}`,
    interval: '60s',
    intervalMs: MIN,
    range: { from: dateTime(now - rangeMs), to: dateTime(now), raw: { from: 'now-2d', to: 'now' } },
    scopedVars: {},
    timezone: 'utc',
    app: 'dashboard',
    startTime: now,
    targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), expr: AAPL, ...t })) as ForesightQuery[],
  };
}

function field(frame: DataFrame, name: string): Array<number | null> {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no field ${name}`);
  }
  return f.values as Array<number | null>;
}

function foresightMeta(frame: DataFrame): ForesightFrameMeta['foresight'] {
  return (frame.meta?.custom as ForesightFrameMeta).foresight;
}

beforeAll(async () => {
  stack = await startStack({ exporter: true });
  prometheus = new PrometheusStandIn({ uid: 'prom', prometheusUrl: stack.prometheusUrl, fetch: nodeHttpFetch });
  sources.set('prom', prometheus);
  const dsSrv = {
    get: async (uid?: string) => {
      const ds = uid ? sources.get(uid) : undefined;
      if (!ds) {
        throw new Error(`Data source ${uid} was not found`);
      }
      return ds;
    },
    getList: () => [],
    getInstanceSettings: () => undefined,
    reload: async () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as unknown as DataSourceSrv;
  setDataSourceSrv(dsSrv);
  const vars: Record<string, string> = { instance: 'AAPL' };
  const templateSrv = {
    getVariables: () => [],
    replace: (target = '', scopedVars: Record<string, { value: unknown }> = {}) =>
      target.replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a: string, b: string) => {
        const name = a ?? b;
        const scoped = scopedVars[name];
        return scoped ? String(scoped.value) : (vars[name] ?? m);
      }),
    containsTemplate: () => false,
    updateTimeRange: () => undefined,
  } as unknown as TemplateSrv;
  setTemplateSrv(templateSrv);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('chunked training fetch through the stand-in', () => {
  it('fetches 30 days at 60 s in chunks of <= 11,000 points and returns every sample exactly once', async () => {
    const before = prometheus.sent.length;
    const plan = planChunks({ endMs: Date.now(), windowMs: 30 * DAY, stepMs: MIN });
    const started = Date.now();
    const { series, chunks } = await fetchTrainingWindow(
      grafanaRangeSource(prometheus, { scopedVars: {}, base: {}, replace: (text) => text, timeoutMs: 60_000 }),
      plan,
      { refId: 'A', expr: AAPL }
    );
    const fetchMs = Date.now() - started;
    const sent = prometheus.sent.slice(before);
    expect(chunks).toBe(4);
    expect(sent.map((s) => (s.endMs - s.startMs) / s.stepMs + 1)).toEqual([11_000, 11_000, 11_000, 10_200]);
    expect(series).toHaveLength(1);
    const { times, values } = series[0];
    expect(new Set(times).size).toBe(times.length);
    for (let i = 1; i < times.length; i++) {
      expect((times[i] - times[i - 1]) % MIN).toBe(0);
      expect(times[i]).toBeGreaterThan(times[i - 1]);
    }
    expect(times[0]).toBeGreaterThanOrEqual(plan.startMs);
    expect(times[times.length - 1]).toBeLessThanOrEqual(plan.endMs);

    // Every raw CSV sample inside the window is visible at the first grid point at or after it.
    const csv = stack.series.find((s) => s.metric === 'twitter_mentions_per_5m' && s.labels.instance === 'AAPL');
    expect(csv).toBeDefined();
    const byTime = new Map(times.map((t, i) => [t, values[i]]));
    const inWindow = csv!.samples.filter((s) => s.t > plan.startMs && s.t <= plan.endMs - 5 * MIN);
    expect(inWindow.length).toBeGreaterThan(8_000);
    let seen = 0;
    for (const sample of inWindow) {
      const grid = Math.ceil(sample.t / MIN) * MIN;
      if (byTime.get(grid) === sample.v) {
        seen++;
      }
    }
    expect(seen).toBe(inWindow.length);
    console.log(
      `30d@60s fetch: ${chunks} chunks, ${times.length} points, ${inWindow.length} raw samples, ${fetchMs} ms`
    );
  });
});

describe('ForesightDataSource.query() against real Prometheus', () => {
  it('forecasts 30 days of history at 60 s: frame shape, step, band order, policy limits', async () => {
    const ds = foresight();
    const policy = {
      kind: 'target' as const,
      capacityPerReplica: 10,
      minReplicas: 2,
      maxReplicas: 8,
      cooldownSec: 300,
    };
    const started = Date.now();
    const response = await lastValueFrom(
      ds.query(
        request([
          {
            expr: 'twitter_mentions_per_5m{job="twitter",instance="$instance"}',
            legendFormat: '{{instance}}',
            trainingWindow: '30d',
            trainingStep: '60s',
            horizon: '1h',
            method: 'auto',
            // A small LSTM keeps CI quick; FORESIGHT_IT_ENGINE_DEFAULTS=1 measures the engine's defaults.
            lstm: process.env.FORESIGHT_IT_ENGINE_DEFAULTS ? undefined : { epochs: 2, window: 24, units: 16 },
            policy,
          },
        ])
      )
    );
    const totalMs = Date.now() - started;
    expect(response.errors ?? []).toEqual([]);
    const forecastFrame = response.data.find((f: DataFrame) => foresightMeta(f).kind === 'forecast') as DataFrame;
    const actionsFrame = response.data.find((f: DataFrame) => foresightMeta(f).kind === 'actions') as DataFrame;
    expect(forecastFrame).toBeDefined();
    expect(actionsFrame).toBeDefined();
    expect(forecastFrame.name).toBe('AAPL');
    expect(forecastFrame.fields.map((f) => f.name)).toEqual(Object.values(FORECAST_FIELDS));
    expect(actionsFrame.fields.map((f) => f.name)).toEqual(Object.values(ACTION_FIELDS));

    const meta = foresightMeta(forecastFrame);
    // 5-minute samples read at 60 s come back five times each: the warning line says so first
    expect((meta.warnings ?? [])[0]).toMatch(
      /^Each sample repeats about 5 times: the series changes only every ~5m but is read at 1m steps .* Set the training step to 5m or more\.$/
    );
    const time = field(forecastFrame, 'time') as number[];
    const mean = field(forecastFrame, 'forecast');
    const firstForecast = mean.findIndex((v) => v !== null);
    const horizon = time.length - firstForecast;
    expect(horizon).toBe(60);
    for (let i = firstForecast + 1; i < time.length; i++) {
      expect(time[i] - time[i - 1]).toBe(MIN);
    }
    expect(time[firstForecast]).toBe(meta.lastSampleMs! + MIN);
    // Actuals over the dashboard range come first, then the forecast; no overlap.
    expect(
      field(forecastFrame, 'actual')
        .slice(firstForecast)
        .every((v) => v === null)
    ).toBe(true);
    expect(
      field(forecastFrame, 'actual')
        .slice(0, firstForecast)
        .filter((v) => v !== null).length
    ).toBeGreaterThan(100);
    const l95 = field(forecastFrame, 'lower_95');
    const l80 = field(forecastFrame, 'lower_80');
    const u80 = field(forecastFrame, 'upper_80');
    const u95 = field(forecastFrame, 'upper_95');
    for (let i = firstForecast; i < time.length; i++) {
      expect(l95[i]!).toBeLessThanOrEqual(l80[i]! + 1e-9);
      expect(l80[i]!).toBeLessThanOrEqual(mean[i]! + 1e-9);
      expect(mean[i]!).toBeLessThanOrEqual(u80[i]! + 1e-9);
      expect(u80[i]!).toBeLessThanOrEqual(u95[i]! + 1e-9);
    }
    const replicas = field(forecastFrame, 'recommended_replicas').filter((v): v is number => v !== null);
    expect(replicas.length).toBeGreaterThan(0);
    expect(replicas.every((r) => r >= policy.minReplicas && r <= policy.maxReplicas)).toBe(true);

    const actionTimes = field(actionsFrame, 'time') as number[];
    const kinds = actionsFrame.fields.find((f) => f.name === 'action')!.values as string[];
    const to = field(actionsFrame, 'to') as number[];
    const changes = actionTimes.filter((_, i) => kinds[i] === 'up' || kinds[i] === 'down');
    for (let i = 1; i < changes.length; i++) {
      expect(changes[i] - changes[i - 1]).toBeGreaterThanOrEqual(policy.cooldownSec * 1000);
    }
    expect(to.every((r) => r >= policy.minReplicas && r <= policy.maxReplicas)).toBe(true);

    expect(meta.report?.trainedToMs).toBe(meta.lastSampleMs);
    expect(meta.run?.chunks).toBe(4);
    expect(meta.run?.compute).toBe('in-thread');
    console.log(
      `30d@60s query: total ${totalMs} ms, fetch ${meta.run?.fetchMs} ms, engine ${meta.run?.trainMs} ms, method ${meta.report?.method}, ` +
        `backend ${meta.run?.backend}, points ${meta.run?.trainingPoints}\n` +
        `frames: ${response.data.map((f: DataFrame) => `${f.name}[${f.length}] {${f.fields.map((x) => `${x.name}:${x.values.length}`).join(', ')}}`).join(' | ')}\n` +
        `report: ${JSON.stringify({ ...meta.report, scores: undefined })}`
    );
  });

  it('forecasts one model per series, cut at the configured cap with a clear message', async () => {
    const ds = foresight({ maxSeries: 3 });
    const response = await lastValueFrom(
      ds.query(
        request([
          {
            expr: 'twitter_mentions_per_5m',
            legendFormat: '{{instance}}',
            trainingWindow: '3d',
            trainingStep: '5m',
            horizon: '1h',
            method: 'seasonal_naive',
          },
        ])
      )
    );
    const forecasts = response.data.filter((f: DataFrame) => foresightMeta(f).kind === 'forecast');
    expect(forecasts.map((f: DataFrame) => f.name)).toEqual(['AAPL', 'AMZN', 'CRM']);
    // a partial answer: on the warning line beside the series drawn, not a query error
    expect(response.errors ?? []).toEqual([]);
    const said = response.data.flatMap((f: DataFrame) => f.meta?.notices ?? []).map((n) => n.text);
    expect(said.join('\n')).toMatch(/returned 5 series; .* at most 3/);
    expect(forecasts.every((f: DataFrame) => field(f, 'forecast').filter((v) => v !== null).length === 12)).toBe(true);
  });

  it('marks a model version whose traffic died out as retire', async () => {
    const ds = foresight();
    const response = await lastValueFrom(
      ds.query(
        request([
          {
            expr: 'sum by (model_name, model_version) (rate(model_call_count{model_name="fraud-detector"}[1h]))',
            legendFormat: '{{model_name}} {{model_version}}',
            trainingWindow: '6d',
            trainingStep: '15m',
            horizon: '2h',
            method: 'seasonal_naive',
            retireThreshold: 0.05,
          },
        ])
      )
    );
    const actions = response.data.find((f: DataFrame) => foresightMeta(f).kind === 'actions') as DataFrame;
    const kinds = actions.fields.find((f) => f.name === 'action')!.values as string[];
    const series = actions.fields.find((f) => f.name === 'series')!.values as string[];
    const retired = series.filter((_, i) => kinds[i] === 'retire');
    expect(retired).toEqual(['fraud-detector v1']);
  });

  it('says a counter read without rate() is one, plans nothing from it, and plans from its rate', async () => {
    const ds = foresight();
    const policy = {
      kind: 'target' as const,
      capacityPerReplica: 1,
      minReplicas: 1,
      maxReplicas: 20,
      cooldownSec: 300,
    };
    const ask = (expr: string) =>
      lastValueFrom(
        ds.query(
          request([{ expr, trainingWindow: '2d', trainingStep: '5m', horizon: '1h', method: 'seasonal_naive', policy }])
        )
      );
    const frames = (response: Awaited<ReturnType<typeof ask>>) => ({
      forecast: response.data.find((f: DataFrame) => foresightMeta(f).kind === 'forecast') as DataFrame,
      actions: response.data.find((f: DataFrame) => foresightMeta(f).kind === 'actions') as DataFrame,
    });
    // The exporter's running total, as a user types it without rate(): backfilled days plus live scrapes.
    const raw = frames(await ask('http_requests_total{service="checkout",code="200"}'));
    const warnings = foresightMeta(raw.forecast).warnings ?? [];
    expect(warnings[0]).toMatch(/^This series never falls: it looks like a counter read without rate\(\)/);
    expect(warnings[0]).toContain('rate(http_requests_total[5m])');
    expect(field(raw.forecast, 'forecast').some((v) => v !== null)).toBe(true);
    // No plan: the replicas field is left out, as for stale data.
    expect(raw.forecast.fields.find((f) => f.name === 'recommended_replicas')).toBeUndefined();
    expect(raw.actions.length).toBe(0);

    const rate = frames(await ask('sum(rate(http_requests_total{service="checkout",code="200"}[5m]))'));
    expect((foresightMeta(rate.forecast).warnings ?? []).join(' ')).not.toMatch(/counter|repeats/);
    expect(field(rate.forecast, 'recommended_replicas').some((v) => v !== null)).toBe(true);
  });

  it('gives specific errors: PromQL, empty result, too little history, unreachable Prometheus', async () => {
    const ds = foresight();
    const parse = await lastValueFrom(
      ds.query(request([{ expr: 'sum(rate(twitter_mentions_total[5m])', trainingWindow: '1d', trainingStep: '5m' }]))
    );
    expect(parse.errors?.[0].message).toMatch(/^PromQL error: .*parse error: unclosed left parenthesis/);

    const empty = await lastValueFrom(
      ds.query(request([{ expr: 'no_such_metric_total', trainingWindow: '1d', trainingStep: '5m' }]))
    );
    expect(empty.errors?.[0].message).toMatch(/returned no data over the training window/);

    const short = await lastValueFrom(
      ds.query(
        request([
          {
            expr: `last_over_time(${AAPL}[2d])`,
            trainingWindow: '3h',
            trainingStep: '5m',
            horizon: '1h',
            method: 'seasonal_naive',
          },
        ])
      )
    );
    expect(short.errors?.[0].message).toMatch(/history|points|short/i);

    sources.set(
      'down',
      new PrometheusStandIn({ uid: 'down', prometheusUrl: 'http://127.0.0.1:9', fetch: nodeHttpFetch })
    );
    const down = await lastValueFrom(
      foresight({ prometheusUid: 'down' }).query(request([{ expr: AAPL, trainingWindow: '1d' }]))
    );
    expect(down.errors?.[0].message).toMatch(/^Prometheus is unreachable/);
  });

  it('testDatasource checks the wrapped source answers vector(1)', async () => {
    await expect(foresight().testDatasource()).resolves.toMatchObject({ status: 'success' });
    await expect(foresight({ prometheusUid: 'nope' }).testDatasource()).resolves.toMatchObject({
      status: 'error',
      message: expect.stringMatching(/was not found/),
    });
  });
});
