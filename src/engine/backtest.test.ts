/** @jest-environment node */
import { backtestSeries } from './backtest';
import { dailyWave } from './testSeries';
import { testRegionTooShort } from './backtestRegion';

const HOUR = 3_600_000;

describe('backtestSeries (protocol)', () => {
  // hourly data, 10 days: 240 points; test region = min(20 % = 48, 7 days = 168) = 48 points
  const s = dailyWave(240, { stepMs: HOUR, noise: 10, seed: 5 });
  const y = s.values as number[];

  it('naive and seasonal naive match an independent computation', async () => {
    const H = 5;
    const r = await backtestSeries({ name: 'wave', series: s, horizon: H, method: 'naive' });
    const first = 240 - 48;
    const origins: number[] = [];
    for (let o = first; o + H <= 240; o += H) {
      origins.push(o);
    }
    let abs = 0;
    let sq = 0;
    let n = 0;
    for (const o of origins) {
      for (let h = 0; h < H; h++) {
        const e = y[o + h] - y[o - 1];
        abs += Math.abs(e);
        sq += e * e;
        n++;
      }
    }
    let scale = 0;
    for (let t = 24; t < first; t++) {
      scale += Math.abs(y[t] - y[t - 24]);
    }
    scale /= first - 24;
    expect(r.points).toBe(240);
    expect(r.stepSeconds).toBe(3600);
    expect(r.origins).toBe(origins.length);
    expect(r.methods.naive!.mae).toBeCloseTo(abs / n, 10);
    expect(r.methods.naive!.rmse).toBeCloseTo(Math.sqrt(sq / n), 10);
    expect(r.methods.naive!.mase).toBeCloseTo(abs / n / scale, 10);

    const sn = await backtestSeries({ name: 'wave', series: s, horizon: H, method: 'seasonal_naive' });
    let snAbs = 0;
    for (const o of origins) {
      for (let h = 0; h < H; h++) {
        snAbs += Math.abs(y[o + h] - y[o + h - 24]);
      }
    }
    expect(sn.methods.seasonal_naive!.mae).toBeCloseTo(snAbs / n, 10);
  });

  it('auto reports its choice, made before the first origin', async () => {
    const r = await backtestSeries({
      name: 'wave',
      series: s,
      horizon: 3,
      method: 'all',
      lstm: { units: 4, maxTrainMs: 300, samplesPerEpoch: 128 },
    });
    const auto = r.methods.auto!;
    expect(auto.chosen).toBeDefined();
    // `chosen` is the method shown at most origins; with no switch, auto's errors are exactly its
    const counts = Object.values(auto.choices ?? {}) as number[];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(r.origins);
    expect(auto.choices?.[auto.chosen]).toBe(Math.max(...counts));
    if (auto.switches === 0) {
      expect(auto.mae).toBe(r.methods[auto.chosen]!.mae);
    }
    for (const m of Object.values(r.methods)) {
      expect(m!.coverage95).toBeGreaterThanOrEqual(0);
      expect(m!.coverage95).toBeLessThanOrEqual(1);
    }
  });

  it('scores auto and both baselines at every origin phase, phase 0 being the protocol', async () => {
    const H = 3;
    const r = await backtestSeries({
      name: 'wave',
      series: s,
      horizon: H,
      method: 'all',
      phases: true,
      lstm: { units: 4, maxTrainMs: 300, samplesPerEpoch: 128 },
    });
    const phases = r.methods.auto!.phases!;
    expect(phases.map((p) => p.offset)).toEqual([0, 1, 2]);
    expect(phases[0].origins).toBe(r.origins);
    expect(phases[0].auto).toBe(r.methods.auto!.mae);
    expect(phases[0].coverage95).toBe(r.methods.auto!.coverage95);
    expect(phases[0].naive).toBeCloseTo(r.methods.naive!.mae, 10);
    expect(phases[0].seasonalNaive).toBeCloseTo(r.methods.seasonal_naive!.mae, 10);
    // phase 2: origins first + 2, first + 5, … up to the protocol's last origin, naive from y[o − 1]
    const first = 240 - 48;
    const last = first + H * (r.origins - 1);
    let abs = 0;
    let n = 0;
    let count = 0;
    for (let o = first + 2; o <= last; o += H, count++) {
      for (let h = 0; h < H; h++) {
        abs += Math.abs(y[o + h] - y[o - 1]);
        n++;
      }
    }
    expect(phases[2].origins).toBe(count);
    expect(phases[2].naive).toBeCloseTo(abs / n, 10);
    for (const p of phases) {
      expect(Number.isFinite(p.auto)).toBe(true);
      expect(p.coverage95).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses a test region shorter than the horizon', async () => {
    await expect(
      backtestSeries({ name: 'short', series: dailyWave(30, { stepMs: HOUR }), horizon: 12, method: 'naive' })
    ).rejects.toThrow(
      'Too little history for a backtest at a horizon of 12h (12 step(s)): the test region (the last 20 % of the series, at most 7 days) is 6 point(s) (6h), shorter than one horizon — use a horizon of 6h or less, or a series of 3d or more.'
    );
  });

  it('offers no "horizon of 0s" for a series with no test region, nor a series length that cannot hold the horizon', () => {
    expect(testRegionTooShort(0, 12, HOUR)).toMatch(
      /is 0 point\(s\) \(0s\), shorter than one horizon — use a series of 3d or more\.$/
    );
    expect(testRegionTooShort(4, 240, HOUR)).toMatch(
      /— use a horizon of 4h or less, or a horizon of 7d or less with a longer series\.$/
    );
  });

  it('says a short file in file lengths, and what putting the series on its grid did', async () => {
    // 3 days at 5 minutes: the 692 points before the test region are short of seasonal mean's 720
    const wave = dailyWave(864, { noise: 5, seed: 2 });
    const times = wave.times.filter((_, i) => i !== 400 && i !== 401);
    const values = wave.values.filter((_, i) => i !== 400 && i !== 401);
    const r = await backtestSeries({
      name: 'three days',
      series: { ...wave, times, values },
      horizon: 12,
      method: 'all',
    });
    const reason = r.skipped.find((s) => s.method === 'seasonal_mean')?.reason;
    expect(reason).toBe(
      'the backtest fits on the 692 points (2d 9h) before its test region, and it needs 720 there — a series of 4d or more scores it, or a shorter horizon'
    );
    expect(r.notes.join(' ')).toMatch(/2 missing points in gaps of up to 1h: interpolated linearly/);
  });
});
