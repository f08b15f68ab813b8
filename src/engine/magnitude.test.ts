/** @jest-environment node */
import type { ForecastOutcome, MethodChoice, RawSeries } from './api';
import { forecastSeries } from './forecast';
import { unitScale } from './magnitude';
import { initEngineNode } from './node';
import { tf } from './tf';
import { FIVE_MIN, dailyWave } from './testSeries';

const HALF_HOUR = 1_800_000;
const tiny = { units: 4, window: 8, epochs: 2, samplesPerEpoch: 128, batchSize: 64 };

function scaled(s: RawSeries, k: number, offset = 0): RawSeries {
  return { times: s.times, values: s.values.map((v) => offset + (v as number) * k) };
}

function expectSane(out: ForecastOutcome, lastTime: number, stepMs: number): void {
  const f = out.forecast;
  expect(f.startMs).toBe(lastTime + stepMs); // origin = last sample, not days back
  for (let h = 0; h < f.mean.length; h++) {
    for (const x of [f.lower95[h], f.lower80[h], f.mean[h], f.upper80[h], f.upper95[h]]) {
      expect(Number.isFinite(x)).toBe(true);
    }
    expect(f.lower95[h]).toBeLessThanOrEqual(f.lower80[h]);
    expect(f.lower80[h]).toBeLessThanOrEqual(f.mean[h]);
    expect(f.mean[h]).toBeLessThanOrEqual(f.upper80[h]);
    expect(f.upper80[h]).toBeLessThanOrEqual(f.upper95[h]);
  }
}

describe('huge magnitudes (1e16 counters, 1e300 waves)', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
  });

  it('ordinary series are worked on in their own units (unit 1)', () => {
    expect(unitScale([0.01, 9.5e9, 1e16])).toBe(1);
    expect(unitScale([1e300])).toBe(2 ** 996);
    expect(unitScale([Number.MAX_VALUE])).toBe(2 ** 1023);
  });

  it('a 1e16-level byte counter: kept, finite bands, origin at the last sample', async () => {
    const base = dailyWave(700, { level: 1, amplitude: 0.5, noise: 0.1 });
    // a running total past 1e15 (a fleet-wide byte counter), increasing by ~1e12 a step
    let total = 3e16;
    const counter = { times: base.times, values: base.values.map((v) => (total += (v as number) * 1e12)) };
    for (const method of ['naive', 'seasonal_naive'] as MethodChoice[]) {
      const out = await forecastSeries({ series: counter, stepMs: FIVE_MIN, horizon: 6, method });
      expectSane(out, counter.times[counter.times.length - 1], FIVE_MIN);
      expect(out.forecast.mean[0]).toBeGreaterThan(3e16);
      expect(out.report.notes?.join(' ') ?? '').not.toMatch(/missing/);
    }
  });

  it('1e300 waves forecast like the same wave at 1 (scale-free), LSTM included', async () => {
    const base = dailyWave(48 * 9, { stepMs: HALF_HOUR, noise: 4, seed: 3 });
    const last = base.times[base.times.length - 1];
    for (const method of ['naive', 'seasonal_naive', 'lstm'] as MethodChoice[]) {
      const before = tf.memory().numTensors;
      const small = await forecastSeries({ series: base, stepMs: HALF_HOUR, horizon: 4, method, lstm: tiny });
      const huge = await forecastSeries({
        series: scaled(base, 1e298),
        stepMs: HALF_HOUR,
        horizon: 4,
        method,
        lstm: tiny,
      });
      expectSane(huge, last, HALF_HOUR);
      expect(huge.forecast.method).toBe(small.forecast.method);
      expect(huge.report.mase).toBeCloseTo(small.report.mase, 4);
      expect(huge.forecast.upper95[3] / 1e298).toBeCloseTo(small.forecast.upper95[3], 2);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('near ±1.7e308 (sums would overflow) still gives finite, ordered bands', async () => {
    const base = dailyWave(700, { level: 0, amplitude: 1, noise: 0.2 });
    const out = await forecastSeries({ series: scaled(base, 1.5e308), stepMs: FIVE_MIN, horizon: 3, method: 'auto' });
    expectSane(out, base.times[base.times.length - 1], FIVE_MIN);
  });

  it('all-1e300 data is a constant, not "no finite values"', async () => {
    const times = Array.from({ length: 50 }, (_, i) => Date.UTC(2024, 0, 1) + i * FIVE_MIN);
    const out = await forecastSeries({
      series: { times, values: times.map(() => 1e300) },
      stepMs: FIVE_MIN,
      horizon: 3,
      method: 'auto',
    });
    expect(out.forecast.mean).toEqual([1e300, 1e300, 1e300]);
    expect(out.forecast.startMs).toBe(times[49] + FIVE_MIN);
  });
});
