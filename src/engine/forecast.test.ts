/** @jest-environment node */
import { forecastSeries } from './forecast';
import { tf } from './tf';
import { FIVE_MIN, T0, dailyWave } from './testSeries';

describe('forecastSeries (baselines)', () => {
  it('naive: carries the last value, intervals widen with the horizon, report filled', async () => {
    const s = dailyWave(600);
    const out = await forecastSeries({ series: s, stepMs: FIVE_MIN, horizon: 6, method: 'naive' });
    const last = s.values[s.values.length - 1] as number;
    expect(out.forecast.mean).toEqual(new Array(6).fill(last));
    expect(out.forecast.startMs).toBe(s.times[s.times.length - 1] + FIVE_MIN);
    const w = out.forecast.upper95.map((u, h) => u - out.forecast.lower95[h]);
    for (let h = 1; h < 6; h++) {
      expect(w[h]).toBeGreaterThanOrEqual(w[h - 1]);
    }
    expect(out.report.method).toBe('naive');
    expect(out.report.origins).toBeGreaterThan(20);
    expect(out.report.scores.naive?.mae).toBeGreaterThan(0);
    expect(out.model).toBeUndefined();
  });

  it('reports the coverage of the drawn band, replayed at up to 48 validation origins, and says on how many', async () => {
    // 6 days: a validation region of about a day, long enough to replay (bandReplay.ts)
    const long = await forecastSeries({ series: dailyWave(288 * 6), stepMs: FIVE_MIN, horizon: 12, method: 'naive' });
    expect(long.report.coverageOrigins).toBeGreaterThan(0);
    expect(long.report.coverageOrigins).toBeLessThanOrEqual(48);
    expect(long.report.scores.naive?.coverage95).toBe(long.report.coverage95);
    // 600 points: too short to replay, so the cross-fitted figure and every origin
    const short = await forecastSeries({ series: dailyWave(600), stepMs: FIVE_MIN, horizon: 6, method: 'naive' });
    expect(short.report.coverageOrigins).toBeUndefined();
    expect(short.report.coverage95).toBeGreaterThan(0);
  });

  it('draws a narrower band into a calm quarter of the (clock) day than into a busy one', async () => {
    // From the first sample (midnight UTC) calm for 12 hours, then jumpy for 12; 6 days at 5-minute steps.
    const day = 288;
    const series = (n: number, startMs: number) => {
      let seed = 7;
      const times: number[] = [];
      const values: number[] = [];
      for (let t = 0; t < n; t++) {
        seed = (seed * 16807) % 2147483647;
        const busy = t % day >= day / 2;
        times.push(startMs + t * FIVE_MIN);
        values.push((values[t - 1] ?? 100) + (busy ? 10 : 0.5) * (seed / 2147483647 - 0.5));
      }
      return { times, values };
    };
    const width95 = async (n: number, startMs: number) => {
      const out = await forecastSeries({ series: series(n, startMs), stepMs: FIVE_MIN, horizon: 6, method: 'naive' });
      return out.forecast.upper95[5] - out.forecast.lower95[5];
    };
    const midnight = Date.UTC(2026, 0, 5);
    const calm = await width95(5 * day + 120, midnight); // history ends at 10:00: forecasting a calm morning
    const busy = await width95(5 * day + 264, midnight); // ends at 22:00: a jumpy evening
    expect(calm).toBeLessThan(busy / 5);
    // The same values labelled 12 hours later: the quarters follow the clock, so the band is the same.
    const shifted = await width95(5 * day + 120, midnight + 12 * 3_600_000); // ends at 22:00, calm since noon
    expect(shifted).toBeCloseTo(calm, 9);
    // Labelled 3 hours later, the quarter of the forecast (12:00–18:00) holds calm and jumpy hours alike.
    const straddling = await width95(5 * day + 120, midnight + 3 * 3_600_000);
    expect(straddling).toBeGreaterThan(2 * calm);
  });

  it('seasonal naive repeats yesterday on a clean daily wave and beats naive', async () => {
    const s = dailyWave(288 * 3, { noise: 0 });
    const out = await forecastSeries({ series: s, stepMs: FIVE_MIN, horizon: 12, method: 'seasonal_naive' });
    const n = s.values.length;
    expect(out.forecast.mean[0]).toBeCloseTo(s.values[n - 288] as number, 9);
    expect(out.report.scores.seasonal_naive!.mae).toBeLessThan(out.report.scores.naive!.mae);
  });

  it('auto picks the method with the lowest validation error among those available', async () => {
    const s = dailyWave(288 * 3, { noise: 0 });
    const out = await forecastSeries({
      series: s,
      stepMs: FIVE_MIN,
      horizon: 12,
      method: 'auto',
      lstm: { maxTrainMs: 300, units: 4 },
    });
    const maes = Object.values(out.report.scores).map((x) => x!.mae);
    expect(out.report.scores[out.report.method]!.mae).toBe(Math.min(...maes));
    expect(tf.memory().numTensors).toBe(0);
  });

  it('constant and all-zero series give the constant with zero-width intervals', async () => {
    for (const v of [0, 7]) {
      const times = Array.from({ length: 50 }, (_, i) => T0 + i * FIVE_MIN);
      const out = await forecastSeries({
        series: { times, values: times.map(() => v) },
        stepMs: FIVE_MIN,
        horizon: 3,
        method: 'auto',
      });
      expect(out.forecast.mean).toEqual([v, v, v]);
      expect(out.forecast.upper95).toEqual([v, v, v]);
      expect(out.report.notes?.join(' ')).toMatch(/constant/);
      // nothing was compared or measured, and the visible line says the forecast is the constant
      expect(out.report.scores).toEqual({});
      expect(out.report.coverage95).toBeNaN();
      // and says so structurally, so front doors do not call it a trained model
      expect(out.report.constantValue).toBe(v);
      expect(out.report.warning).toBe(
        `The series is constant (${v}) over the training window: the forecast is that constant, with no band, and no method was compared.`
      );
    }
  });

  it('a window that is mostly gaps says so, instead of asking for a longer window', async () => {
    // A value every 2.5 h for a week (a comparison filter in the query leaves such series), then 33 h whole.
    const full = dailyWave(288 * 7);
    const keep = (i: number) => i % 30 === 0 || i > 288 * 7 - 400;
    const s = { times: full.times.filter((_, i) => keep(i)), values: full.values.filter((_, i) => keep(i)) };
    const out = await forecastSeries({ series: s, stepMs: FIVE_MIN, horizon: 12, method: 'auto' });
    const linear = out.report.skipped?.find((k) => k.method === 'linear');
    expect(linear?.reason).toMatch(/— only 22 % of the 7d window has values, the rest is gaps \(a comparison filter/);
    expect(linear?.reason).not.toMatch(/widen the training window beyond/);
  });

  it('too-short history says how much is needed, in points and time', async () => {
    const s = dailyWave(20);
    await expect(forecastSeries({ series: s, stepMs: FIVE_MIN, horizon: 12, method: 'naive' })).rejects.toThrow(
      /Too little history: 20 point\(s\) \(1h 40m at 5m steps\).*needs at least 32 points \(2h 40m\)/
    );
    await expect(
      forecastSeries({ series: dailyWave(300), stepMs: FIVE_MIN, horizon: 12, method: 'seasonal_naive' })
    ).rejects.toThrow(/seasonal naive .* needs at least \d+ points \(1d/);
  });

  it('rejects bad requests clearly', async () => {
    const s = dailyWave(100);
    await expect(forecastSeries({ series: s, stepMs: FIVE_MIN, horizon: 0, method: 'naive' })).rejects.toThrow(
      /Horizon must be/
    );
    await expect(forecastSeries({ series: s, stepMs: FIVE_MIN, horizon: 3, method: 'magic' as never })).rejects.toThrow(
      /Unknown method/
    );
  });

  it('handles 1e9 and 1e-2 magnitudes identically up to scale', async () => {
    const base = dailyWave(700, { level: 1, amplitude: 0.5, noise: 0.1 });
    const big = { times: base.times, values: base.values.map((v) => (v as number) * 1e9) };
    const small = { times: base.times, values: base.values.map((v) => (v as number) * 1e-2) };
    const a = await forecastSeries({ series: big, stepMs: FIVE_MIN, horizon: 3, method: 'naive' });
    const b = await forecastSeries({ series: small, stepMs: FIVE_MIN, horizon: 3, method: 'naive' });
    expect(a.report.mase).toBeCloseTo(b.report.mase, 6);
    expect(a.forecast.upper95[2] / 1e9).toBeCloseTo(b.forecast.upper95[2] / 1e-2, 6);
  });

  it('reports gaps it filled', async () => {
    const s = dailyWave(300);
    s.values[100] = null;
    s.values[101] = NaN;
    const out = await forecastSeries({ series: s, stepMs: FIVE_MIN, horizon: 3, method: 'naive' });
    expect(out.report.notes?.join(' ')).toMatch(/2 missing points in gaps of up to 1h: interpolated linearly/);
    // Values the server sent that are not numbers reach the visible line; two interpolated points of 300 do not.
    expect(out.report.warning).toContain('2 samples missing, NaN, infinite or stale: treated as gaps.');
    expect(out.report.warning).not.toContain('interpolated');
  });
});
