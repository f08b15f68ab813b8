/**
 * Property: whatever a server sends and whatever a user types, a query ends in either specific
 * errors or finite forecasts whose bands are ordered — never a raw JavaScript error, never a hang.
 * Random series (gaps, NaN, ±Inf, duplicates, huge and tiny magnitudes, steps, constant runs) come
 * from a Prometheus stand-in; random option values go through the real data source and engine.
 */
import { dateTime, type DataFrame, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import fc from 'fast-check';
import { lastValueFrom } from 'rxjs';
import { PrometheusStandIn } from '../testing/promStandIn';
import { FORECAST_FIELDS, type ForesightFrameMeta } from '../contract/frames';
import { forecastSeries } from '../engine';
import type { FetchLike } from '../io/prometheus/httpClient';
import { MemoryModelCache } from '../advisor/memoryModelCache';
import type { ForecastRunner } from '../advisor/ports';
import { ForesightDataSource } from './datasource';
import type { ForesightOptions, ForesightQuery } from './types';

const NOW = Date.UTC(2026, 10, 21, 6, 0, 0);

/** One value as Prometheus writes it in JSON (strings, with NaN and ±Inf spelled out). */
const sampleText = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('NaN', '+Inf', '-Inf', '0', '1e300', '1e-300', '1.5e16', '-1e16') },
  { weight: 1, arbitrary: fc.double({ min: 1e12, max: 1e18, noNaN: true }).map(String) }
);

/** A shape of history: values repeated in runs (constant stretches, steps), with holes. */
const history = fc.record({
  values: fc.array(sampleText, { minLength: 1, maxLength: 40 }),
  runLength: fc.integer({ min: 1, max: 50 }),
  holeEvery: fc.integer({ min: 0, max: 7 }),
  duplicate: fc.boolean(),
});

function prometheusFrom(h: HistoryShape): FetchLike {
  return async (_url, init) => {
    const params = new URLSearchParams(init?.body ?? '');
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(params.get(k)));
    const values: Array<[number, string]> = [];
    let i = 0;
    for (let t = start; t <= end + 1e-9 && values.length < 12_000; t += step, i++) {
      if (h.holeEvery > 0 && i % (h.holeEvery * 13) === 0) {
        continue;
      }
      const v = h.values[Math.floor(i / h.runLength) % h.values.length];
      values.push([t, v]);
      if (h.duplicate && i % 17 === 0) {
        values.push([t, v]);
      }
    }
    const text = JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: values.length ? [{ metric: { job: 'x' }, values }] : [] },
    });
    return { ok: true, status: 200, statusText: '', text: async () => text };
  };
}

type HistoryShape = { values: string[]; runLength: number; holeEvery: number; duplicate: boolean };

/** Mostly sensible values (so most runs reach the engine), sometimes absurd ones. */
function mostly<T>(good: T[], bad: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) }
  );
}

const options = fc.record({
  trainingWindow: mostly(['6h', '1d', '3d', '3d', '3d'], ['0s', '-1d', 'abc', '1e9d', '90d']),
  trainingStep: mostly(['auto', '1m', '5m'], ['0s', '1s', 'x']),
  horizon: mostly(['5m', '1h', '6h'], ['0m', '-1h', '30d']),
  method: fc.constantFrom('naive', 'seasonal_naive', 'mstl'),
  capacityPerReplica: fc.oneof(
    { weight: 5, arbitrary: fc.double({ min: 0.001, max: 1e9, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -1, 0) }
  ),
  minReplicas: mostly([0, 1, 2], [-2]),
  maxReplicas: mostly([5, 20, 50], [-1, 0]),
  currentReplicas: fc.option(mostly([0, 1, 3, 20], [-1, 1.5])),
});

/** The real engine, in this thread: what the worker would run. */
const engineRunner: ForecastRunner = {
  mode: 'worker',
  dispose: () => undefined,
  run: async (req, opts = {}) => ({
    outcome: await forecastSeries({ ...req, onProgress: opts.onProgress, signal: opts.signal }),
    backend: 'cpu',
  }),
};

function dataSource(h: HistoryShape) {
  const prometheus = new PrometheusStandIn({ uid: 'prom', prometheusUrl: 'http://prom', fetch: prometheusFrom(h) });
  const settings = {
    id: 1,
    uid: 'fs',
    type: 'foresight-lstm-datasource',
    name: 'Foresight',
    jsonData: { prometheusUid: 'prom' },
    meta: {},
  } as unknown as DataSourceInstanceSettings<ForesightOptions>;
  return new ForesightDataSource(settings, {
    getDataSource: async () => prometheus,
    replace: (t) => t,
    createRunner: async () => engineRunner,
    modelCache: new MemoryModelCache(),
    now: () => NOW,
  });
}

function request(target: ForesightQuery): DataQueryRequest<ForesightQuery> {
  return {
    requestId: 'p',
    interval: '60s',
    intervalMs: 60_000,
    range: { from: dateTime(NOW - 3_600_000), to: dateTime(NOW), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    timezone: 'utc',
    app: 'dashboard',
    startTime: NOW,
    targets: [target],
  };
}

function numbers(frame: DataFrame, name: string): Array<number | null> {
  return (frame.fields.find((f) => f.name === name)?.values ?? []) as Array<number | null>;
}

describe('the query path under random series and random options', () => {
  it('ends in specific errors or finite, ordered forecasts', async () => {
    await fc.assert(
      fc.asyncProperty(history, options, async (h, o) => {
        const ds = dataSource(h);
        const res = await lastValueFrom(
          ds.query(
            request({
              refId: 'A',
              expr: 'x',
              trainingWindow: o.trainingWindow,
              trainingStep: o.trainingStep,
              horizon: o.horizon,
              method: o.method,
              modelMode: 'train',
              policy: {
                kind: 'target',
                capacityPerReplica: o.capacityPerReplica,
                minReplicas: o.minReplicas,
                maxReplicas: o.maxReplicas,
              },
              currentReplicas: o.currentReplicas ?? undefined,
            })
          )
        );
        for (const e of res.errors ?? []) {
          expect(typeof e.message).toBe('string');
          expect((e.message ?? '').length).toBeGreaterThan(10);
          // The catch-all wording of an error nobody anticipated, or a raw JS failure.
          expect(e.message).not.toMatch(/^Forecast failed:|TypeError|is not a function|Cannot read prop/);
        }
        for (const frame of res.data as DataFrame[]) {
          const meta = (frame.meta?.custom as ForesightFrameMeta | undefined)?.foresight;
          if (meta?.kind !== 'forecast') {
            continue;
          }
          const mean = numbers(frame, FORECAST_FIELDS.forecast);
          const l95 = numbers(frame, FORECAST_FIELDS.lower95);
          const l80 = numbers(frame, FORECAST_FIELDS.lower80);
          const u80 = numbers(frame, FORECAST_FIELDS.upper80);
          const u95 = numbers(frame, FORECAST_FIELDS.upper95);
          let steps = 0;
          mean.forEach((m, i) => {
            if (m === null) {
              return;
            }
            steps++;
            const row = [l95[i], l80[i], m, u80[i], u95[i]] as number[];
            row.forEach((v) => expect(Number.isFinite(v)).toBe(true));
            const tol = 1e-9 * Math.max(1, ...row.map(Math.abs));
            for (let k = 1; k < row.length; k++) {
              expect(row[k] + tol).toBeGreaterThanOrEqual(row[k - 1]);
            }
          });
          expect(steps).toBeGreaterThan(0);
        }
        expect((res.errors?.length ?? 0) + res.data.length).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: 20261202 }
    );
  }, 120_000);
});
