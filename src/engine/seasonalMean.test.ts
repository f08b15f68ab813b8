/** @jest-environment node */
import { forecastSeries } from './forecast';
import { SEASONAL_MEAN_DAYS, seasonalMeanModel, seasonalMeanPoint } from './seasonalMean';
import { FIVE_MIN, T0 } from './testSeries';

/** Days of `day` steps each, every step of day d equal to `perDay[d]`. */
function days(perDay: number[], day: number): Float64Array {
  return Float64Array.from({ length: perDay.length * day }, (_, i) => perDay[Math.floor(i / day)]);
}

describe('a seasonal mean: the same time over the last 7 days, highest and lowest dropped', () => {
  it('averages the last seven days at the same time without the highest and lowest day', () => {
    // nine days; the oldest two are outside the week, one day is an incident (1000), one an outage (0)
    const v = days([500, 500, 1, 2, 1000, 3, 0, 4, 5], 4);
    const [f] = seasonalMeanPoint(v, undefined, v.length, 1, 4);
    expect(f).toBeCloseTo((1 + 2 + 3 + 4 + 5) / 5, 12);
    expect(SEASONAL_MEAN_DAYS).toBe(7);
  });

  it('reads each step at its own time of day, never at or after the origin', () => {
    const day = 4;
    // every day the same shape 0, 10, 20, 30: the forecast is the shape, from any origin
    const v = Float64Array.from({ length: 10 * day }, (_, i) => 10 * (i % day));
    const origin = 9 * day + 1;
    const probe = Float64Array.from(v);
    probe.fill(NaN, origin); // what lies at or after the origin must not matter
    expect(Array.from(seasonalMeanPoint(probe, undefined, origin, 6, day))).toEqual([10, 20, 30, 0, 10, 20]);
  });

  it('skips masked (filled) and missing values, and keeps the last value with no history at all', () => {
    const v = days([1, 2, 3, 400, 5], 2);
    const observed = Uint8Array.from(v, (_, i) => (Math.floor(i / 2) === 3 ? 0 : 1));
    // with day 3 masked: 1, 2, 3, 5 → without the lowest and highest, (2 + 3) / 2
    expect(seasonalMeanPoint(v, observed, v.length, 1, 2)[0]).toBeCloseTo(2.5, 12);
    // two values are averaged untrimmed; none gives the last value
    expect(seasonalMeanPoint(Float64Array.from([4, 8, 6, 10]), undefined, 4, 1, 2)[0]).toBe(5);
    expect(seasonalMeanPoint(Float64Array.from([3, 8]), undefined, 2, 1, 4)[0]).toBe(8);
  });

  it('is level- and scale-free: ×1000 + 50 in gives ×1000 + 50 out', async () => {
    const day = 24;
    let s = 7;
    const v = Float64Array.from({ length: 10 * day }, (_, i) => {
      s = (s * 16807) % 2147483647;
      return 5 + Math.sin((2 * Math.PI * i) / day) + s / 2147483647;
    });
    const w = Float64Array.from(v, (x) => 1000 * x + 50);
    const model = seasonalMeanModel(undefined, day);
    const [fv] = await model.predict(v, [v.length], 30);
    const [fw] = await model.predict(w, [w.length], 30);
    fv.forEach((x, h) => expect(fw[h]).toBeCloseTo(1000 * x + 50, 6));
  });

  it('does not overflow near the largest finite numbers', () => {
    const v = days([1.7e308, 1.6e308, 1.5e308, 1.4e308], 1);
    const [f] = seasonalMeanPoint(v, undefined, 4, 1, 1);
    expect(f).toBeCloseTo(1.55e308, -300);
    expect(Number.isFinite(f)).toBe(true);
  });

  it('is a method of its own, and an auto candidate that is named when skipped for too little history', async () => {
    const day = 288;
    const n = 6 * day;
    const series = {
      times: Array.from({ length: n }, (_, i) => T0 + i * FIVE_MIN),
      values: Array.from({ length: n }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / day) + (i % 7)),
    };
    const r = await forecastSeries({ series, stepMs: FIVE_MIN, horizon: 12, method: 'seasonal_mean' });
    expect(r.report.method).toBe('seasonal_mean');
    expect(r.forecast.mean.every((x) => Number.isFinite(x))).toBe(true);
    const short = { times: series.times.slice(0, 2 * day), values: series.values.slice(0, 2 * day) };
    const a = await forecastSeries({ series: short, stepMs: FIVE_MIN, horizon: 12, method: 'auto' });
    expect(a.report.skipped?.find((x) => x.method === 'seasonal_mean')?.reason).toMatch(/widen the training window/);
  });
});
