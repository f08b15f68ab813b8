/**
 * Both sides of the wire at once: what the data source's real frame builder (`encode`) writes, the
 * panel's real reader (`decode`) reads back field for field. A change to one side that the other does
 * not follow fails here.
 */
import fc from 'fast-check';
import { panelSeriesKey } from './separateQueries';
import { decodeFrames } from './decode';
import { encodeProgress, encodeQueryResult } from './encode';
import type { ForesightRunInfo } from './frames';
import { DEFAULT_ACTIONS, makeReport, sampleSeries, STEP, T0, THRESHOLD_POLICY } from './testing/samples';
import type { ActionKind, ActionRow, ForecastSeries, QueryResult, SeriesResult } from './types';

const nulls = (n: number) => new Array<null>(n).fill(null);

/** What the panel must read back for one series, written out from the `SeriesResult` alone. */
function expectedView(r: SeriesResult): Omit<ForecastSeries, 'stepMs' | 'decimals'> {
  const { forecast } = r;
  const horizon = forecast.mean.length;
  const kept = (r.actual?.times ?? []).filter((t) => t < forecast.startMs).length;
  const forecastTimes = Array.from({ length: horizon }, (_, i) => forecast.startMs + i * forecast.stepMs);
  const times = [...(r.actual?.times.slice(0, kept) ?? []), ...forecastTimes];
  const planned = new Map(r.plan?.times.map((t, i) => [t, r.plan!.replicas[i]]));
  const padded = (values: number[]) => [...nulls(kept), ...values];
  return {
    key: panelSeriesKey(r.refId, r.seriesKey),
    refId: r.refId,
    name: r.seriesName,
    labels: r.labels,
    times,
    actual: [...(r.actual?.values.slice(0, kept) ?? []), ...nulls(horizon)],
    forecast: padded(forecast.mean),
    lower80: padded(forecast.lower80),
    upper80: padded(forecast.upper80),
    lower95: padded(forecast.lower95),
    upper95: padded(forecast.upper95),
    replicas: r.plan ? times.map((t) => planned.get(t) ?? null) : nulls(times.length),
    has: { actual: true, forecast: true, band80: true, band95: true, replicas: Boolean(r.plan) },
    lastSampleMs: forecast.startMs - forecast.stepMs,
    clockMs: r.clockMs,
    stale: r.stale,
    warnings: r.warnings ?? [],
    horizonEndMs: horizon > 0 ? forecastTimes[horizon - 1] : times[times.length - 1],
    report: r.report,
    policy: r.policy,
    retire: r.retire,
    run: r.run,
    unit: r.unit,
  };
}

const inThread: ForesightRunInfo = {
  compute: 'in-thread',
  computeNote: 'This browser cannot start the forecast worker; the forecast ran on the page.',
  backend: 'cpu',
  model: 'trained',
  modelTrainedAtMs: T0 + 60_000,
  warmStart: true,
  fetchMs: 85,
  trainMs: 12_300,
  trainingPoints: 4032,
  chunks: 2,
};

describe('encode → decode round trip', () => {
  const busy = sampleSeries({
    name: 'busy',
    unit: 'reqps',
    report: makeReport({ warning: 'LSTM lost to seasonal naive (MASE 1.31 vs 1.09); showing seasonal naive.' }),
    run: inThread,
    retire: { retire: false, reason: 'peak 180 req/s in the last 24 h is above 5' },
    warnings: ['Gaps filled in 3 places.'],
  });
  const stale = sampleSeries({
    name: 'stale',
    history: 5,
    horizon: 3,
    replicas: false,
    policy: { ...THRESHOLD_POLICY, kind: 'target' },
    stale: { ageMs: 52 * 60_000, thresholdMs: 15 * 60_000 },
    clockMs: T0 + 52 * 60_000,
  });
  const actions: ActionRow[] = [...DEFAULT_ACTIONS]
    .reverse()
    .map((a, i) => ({ ...a, series: i % 2 ? 'busy' : 'stale' }));
  const result: QueryResult = { refId: 'A', series: [busy, stale], actions, errors: [] };
  const decoded = decodeFrames([...encodeQueryResult(result), encodeProgress('A', { phase: 'train', fraction: 0.5 })]);

  it('reads every series back field for field: values, bands, replicas, report, policy, retire, run, stale, warnings, clock and last sample', () => {
    expect(decoded.problems).toEqual([]);
    expect(decoded.plain).toEqual([]);
    expect(decoded.forecasts).toHaveLength(2);
    decoded.forecasts.forEach((view, i) => {
      const { stepMs, decimals, ...rest } = view;
      expect(rest).toEqual(expectedView(result.series[i]));
      expect(stepMs).toBe(STEP);
      expect(decimals).toBeUndefined();
    });
    expect(decoded.forecasts[0].lastSampleMs).toBe(T0);
    expect(decoded.forecasts[1].has.replicas).toBe(false);
  });

  it('reads the actions back sorted by time, with their series', () => {
    expect(decoded.actions).toEqual(
      [...actions].sort((a, b) => a.timeMs - b.timeMs).map((a) => ({ ...a, refId: 'A' }))
    );
  });

  it("turns the model's warning and the in-thread note into notices of the series", () => {
    expect(decoded.notices).toEqual([
      { text: busy.report.warning, source: 'busy', severity: 'warning', refId: 'A' },
      { text: inThread.computeNote, source: 'busy', severity: 'info', refId: 'A' },
    ]);
    expect(decoded.progress).toEqual({ phase: 'train', fraction: 0.5 });
  });
});

const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/);
const value = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
const actionRow: fc.Arbitrary<ActionRow> = fc.record({
  timeMs: fc.integer({ min: 0, max: 2e12 }),
  action: fc.constantFrom<ActionKind>('up', 'down', 'hold', 'retire'),
  from: fc.integer({ min: 0, max: 100 }),
  to: fc.integer({ min: 0, max: 100 }),
  reason: fc.string(),
  series: fc.string(),
});

/** A random series: any lengths (no actuals at all included), nulls among the actuals, any labels. */
const seriesResult: fc.Arbitrary<SeriesResult> = fc
  .record({
    history: fc.integer({ min: 0, max: 40 }),
    horizon: fc.integer({ min: 1, max: 30 }),
    stepMs: fc.integer({ min: 1_000, max: 3_600_000 }),
    startMs: fc.integer({ min: 1e12, max: 2e12 }),
    labels: fc.dictionary(labelName, fc.string(), { maxKeys: 5 }),
    name: fc.string(),
    key: fc.string(),
    withPlan: fc.boolean(),
    seed: fc.array(fc.option(value, { nil: null }), { minLength: 40, maxLength: 40 }),
    forecastSeed: fc.array(value, { minLength: 30, maxLength: 30 }),
    unit: fc.option(fc.constantFrom('reqps', 'percent', 'bytes'), { nil: undefined }),
  })
  .map((g) => {
    const mean = g.forecastSeed.slice(0, g.horizon);
    const forecastTimes = mean.map((_, i) => g.startMs + i * g.stepMs);
    const actualTimes = Array.from({ length: g.history }, (_, i) => g.startMs - (g.history - i) * g.stepMs);
    return {
      ...sampleSeries({ name: g.name, key: g.key, unit: g.unit, replicas: g.withPlan }),
      labels: g.labels,
      actual: { times: actualTimes, values: g.seed.slice(0, g.history) },
      forecast: {
        startMs: g.startMs,
        stepMs: g.stepMs,
        method: 'lstm' as const,
        mean,
        lower80: mean.map((m) => m - 1),
        upper80: mean.map((m) => m + 1),
        lower95: mean.map((m) => m - 2),
        upper95: mean.map((m) => m + 2),
      },
      plan: g.withPlan ? { times: forecastTimes, replicas: mean.map((_, i) => i % 7), actions: [] } : undefined,
    };
  });

describe('encode → decode round trip, property', () => {
  it('holds for random series lengths, nulls, label sets and actions', () => {
    fc.assert(
      fc.property(
        fc.array(seriesResult, { minLength: 1, maxLength: 3 }),
        fc.array(actionRow, { maxLength: 8 }),
        (series, actions) => {
          const decoded = decodeFrames(encodeQueryResult({ refId: 'A', series, actions, errors: [] }));
          expect(decoded.problems).toEqual([]);
          expect(decoded.forecasts.map(({ stepMs, decimals, ...rest }) => rest)).toEqual(series.map(expectedView));
          // Same-time rows keep their order: both sides sort stably by time.
          expect(decoded.actions).toEqual(
            [...actions].sort((a, b) => a.timeMs - b.timeMs).map((a) => ({ ...a, refId: 'A' }))
          );
        }
      ),
      { numRuns: 150 }
    );
  });
});
