/**
 * @jest-environment jsdom
 *
 * One use case, two front doors: the Grafana data source and the headless runner, given the same
 * Prometheus answers, the same clock and the same runner, give the same forecasts, bands, replica
 * plans, actions and warnings. The answers are the recorded Twitter series (`matrix-twitter.json`)
 * replayed on whatever grid is asked. jsdom because @grafana/data needs a DOM to load.
 */
import { dateTime, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import { lastValueFrom } from 'rxjs';
import { MemoryModelCache } from '../advisor/memoryModelCache';
import { decodeFrames } from '../contract/decode';
import { encodeQueryResult } from '../contract/encode';
import type { ForecastSeries } from '../contract/types';
import { ForesightDataSource } from '../datasource/datasource';
import type { ForesightOptions, ForesightQuery } from '../datasource/types';
import type { FetchLike } from '../io/prometheus/httpClient';
import type { PromMatrixItem } from '../io/prometheus/types';
import { PrometheusStandIn } from '../testing/promStandIn';
import { readPrometheusFixture } from '../testing/prometheusFixtures';
import { adviseJob } from './advisorRun';
import type { JobConfig } from './config';
import { replicaLookup } from './currentReplicas';
import { createNodeRunner } from './nodeRunner';
import { HttpRangeSource } from './prometheusSource';

jest.setTimeout(120_000);

const STEP_S = 300;
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const recorded = (JSON.parse(readPrometheusFixture('matrix-twitter.json')) as { data: { result: PromMatrixItem[] } })
  .data.result;

/**
 * Prometheus answering any range query with the recorded values, repeated over the asked grid; at the
 * times (s) in `computed`, the value the query computed there instead ("NaN", "+Inf", "-Inf").
 */
const replayWith =
  (computed = new Map<number, string>()): FetchLike =>
  async (_url, init) => {
    const params = new URLSearchParams(init?.body ?? '');
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(params.get(k)));
    const result = recorded.map((item) => {
      const values: Array<[number, string]> = [];
      for (let t = Math.ceil(start / step) * step; t <= Math.min(end, NOW / 1000); t += step) {
        values.push([t, computed.get(t) ?? item.values[Math.round(t / STEP_S) % item.values.length][1]]);
      }
      return { metric: item.metric, values };
    });
    const text = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
    return { ok: true, status: 200, statusText: '', text: async () => text };
  };
const replay = replayWith();

const job: JobConfig = {
  name: 'twitter',
  query: 'twitter_mentions_per_5m',
  trainingWindow: '2d',
  trainingStep: '5m',
  horizon: '1h',
  method: 'seasonal_naive',
  modelMode: 'train',
  policy: { kind: 'target', capacityPerReplica: 10, minReplicas: 1, maxReplicas: 20 },
  interval: '1m',
  intervalMs: 60_000,
  horizonMs: 3_600_000,
  stepMs: STEP_S * 1000,
};

const runner = createNodeRunner('auto');

async function viaDataSource(fetch = replay): Promise<ForecastSeries[]> {
  const prometheus = new PrometheusStandIn({ uid: 'prom', prometheusUrl: 'http://prom', fetch });
  const ds = new ForesightDataSource(
    {
      uid: 'fs',
      jsonData: { prometheusUid: 'prom' },
      meta: {},
    } as unknown as DataSourceInstanceSettings<ForesightOptions>,
    {
      getDataSource: async () => prometheus,
      replace: (text) => text ?? '',
      createRunner: async () => runner,
      modelCache: new MemoryModelCache(),
      now: () => NOW,
    }
  );
  const request = {
    requestId: 'same',
    interval: '5m',
    intervalMs: STEP_S * 1000,
    range: { from: dateTime(NOW - 6 * 3_600_000), to: dateTime(NOW), raw: { from: 'now-6h', to: 'now' } },
    scopedVars: {},
    timezone: 'utc',
    app: 'dashboard',
    startTime: NOW,
    targets: [
      {
        refId: job.name,
        expr: job.query,
        trainingWindow: job.trainingWindow,
        trainingStep: job.trainingStep,
        horizon: job.horizon,
        method: job.method,
        modelMode: job.modelMode,
        policy: job.policy,
      },
    ],
  } as unknown as DataQueryRequest<ForesightQuery>;
  const response = await lastValueFrom(ds.query(request));
  expect(response.errors).toEqual([]);
  return decodeFrames(response.data).forecasts;
}

async function viaHeadless(fetch = replay): Promise<ForecastSeries[]> {
  const result = await adviseJob(
    {
      runner: async () => runner,
      modelCache: new MemoryModelCache(),
      clock: { now: () => NOW },
      backend: 'auto',
      maxSeries: 100,
    },
    { source: new HttpRangeSource('http://prom', 60_000, fetch), job, replicas: replicaLookup([]) }
  );
  expect(result.errors).toEqual([]);
  return decodeFrames(encodeQueryResult(result)).forecasts;
}

/** What both doors must agree on: everything but the displayed actuals and the timings. */
function answer(s: ForecastSeries) {
  const finite = (a: Array<number | null>) => a.filter((v): v is number => v !== null);
  return {
    key: s.key,
    forecast: finite(s.forecast),
    lower95: finite(s.lower95),
    upper95: finite(s.upper95),
    replicas: finite(s.replicas),
    lastSampleMs: s.lastSampleMs,
    warnings: s.warnings,
    method: s.report?.method,
    scores: s.report?.scores,
  };
}

describe('the data source and the headless runner', () => {
  afterAll(() => runner.dispose());

  it('give the same answer to the same question on the same data', async () => {
    const fromGrafana = (await viaDataSource()).map(answer);
    const fromServe = (await viaHeadless()).map(answer);
    expect(fromGrafana).toHaveLength(2);
    expect(fromGrafana[0].forecast).toHaveLength(12);
    expect(fromGrafana[0].replicas.length).toBeGreaterThan(0);
    expect(fromServe).toEqual(fromGrafana);
    expect(fromGrafana.flatMap((s) => s.warnings).filter((w) => /NaN/.test(w))).toEqual([]);
  });

  it("both say Prometheus's NaN and ±Inf samples in the warning line, though three gaps in a window are routine", async () => {
    // A ratio over zero and rates gone infinite, inside the 2-day training window.
    const lastS = NOW / 1000;
    const computed = new Map([
      [lastS - 20 * STEP_S, 'NaN'],
      [lastS - 100 * STEP_S, '+Inf'],
      [lastS - 300 * STEP_S, '-Inf'],
    ]);
    const fromGrafana = (await viaDataSource(replayWith(computed))).map(answer);
    const fromServe = (await viaHeadless(replayWith(computed))).map(answer);
    expect(fromGrafana).toHaveLength(2);
    for (const s of fromGrafana) {
      // The engine's report.warning, one item of the line, may hold other sentences beside it.
      expect(s.warnings.join(' ')).toContain('3 samples missing, NaN, infinite or stale: treated as gaps.');
    }
    expect(fromServe).toEqual(fromGrafana);
  });
});
