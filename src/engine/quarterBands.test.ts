import type { Calibration } from './conformal';
import { dayQuarters, MIN_QUARTER_RESIDUALS, quarterOf, withinQuarterEvidence } from './quarterBands';
import { errorTable, recentCalibration, recentOptions } from './recent';

const FIVE_MIN = 300_000;
const DAY = 288;

const pooled = (q80: number[], q95: number[]): Calibration => ({ q80, q95, counts: q80.map(() => 288) });
const repeat = (n: number, x: number) => new Array<number>(n).fill(x);

describe('quarters of the day', () => {
  it('counts quarters on the clock, from the time of grid index 0', () => {
    const q = dayQuarters(FIVE_MIN, Date.UTC(2026, 0, 1, 18, 0)); // the grid starts at 18:00 UTC
    expect(quarterOf(0, q)).toBe(3);
    expect(quarterOf(71, q)).toBe(3); // 23:55
    expect(quarterOf(72, q)).toBe(0); // midnight
    expect(quarterOf(72 + 3 * 72, q)).toBe(3);
    expect(quarterOf(-1, q)).toBe(2); // before the grid: 17:55
    expect(quarterOf(5, dayQuarters(86_400_000))).toBe(-1); // daily steps: no daily season
  });
});

describe('withinQuarterEvidence', () => {
  it('narrows the band in a quarter whose residuals are all calm, and widens it in one whose are all large', () => {
    const calm = withinQuarterEvidence(pooled([1], [2]), [repeat(72, 0.1)]);
    expect(calm.q80[0]).toBeCloseTo(0.1);
    expect(calm.q95[0]).toBeCloseTo(0.1);
    const busy = withinQuarterEvidence(pooled([1], [2]), [repeat(72, 5)]);
    expect(busy.q80[0]).toBeCloseTo(5);
    expect(busy.q95[0]).toBeCloseTo(5);
  });

  it('keeps the pooled band where a few spikes in the quarter are what its count allows', () => {
    // 4 spikes in 72 residuals: the quarter's 95 % quantile could be anywhere from 0.5 to 10.
    const withSpikes = [...repeat(68, 0.5), ...repeat(4, 10)];
    const out = withinQuarterEvidence(pooled([0.8], [1]), [withSpikes]);
    expect(out.q95[0]).toBe(1);
    expect(out.q80[0]).toBe(0.8);
  });

  it('keeps the pooled band with fewer residuals in the quarter than it takes to be sure', () => {
    const few = repeat(MIN_QUARTER_RESIDUALS - 1, 100);
    expect(withinQuarterEvidence(pooled([1], [2]), [few])).toEqual(pooled([1], [2]));
  });

  it('keeps widths non-decreasing in the horizon, and the 95 % band at least the 80 %', () => {
    const out = withinQuarterEvidence(pooled([1, 1], [2, 2]), [repeat(72, 5), repeat(72, 0.1)]);
    expect(out.q80).toEqual([5, 5]);
    expect(out.q95).toEqual([5, 5]);
  });
});

describe('recentCalibration by quarter of the day', () => {
  /** A naive forecast's errors on a series that is calm from midnight to noon and jumpy after. */
  function table(scale: number) {
    const n = 4 * DAY;
    const values = new Float64Array(n);
    for (let t = 1; t < n; t++) {
      const busy = t % DAY >= DAY / 2;
      values[t] = values[t - 1] + scale * (busy ? (t % 2 ? 1 : -1) : t % 2 ? 0.05 : -0.05);
    }
    const origins = Array.from({ length: 2 * DAY }, (_, i) => 2 * DAY + i - 2);
    const preds = origins.map((o) => Float64Array.from([values[o - 1]]));
    return errorTable(values, new Uint8Array(n).fill(1), origins, preds, 1);
  }
  const opts = recentOptions(FIVE_MIN, 1, Date.UTC(2026, 0, 1)); // grid index 0 at midnight UTC

  it('gives a calm morning a narrower band than a jumpy afternoon, from the same day of residuals', () => {
    const t = table(1);
    const morning = recentCalibration(t, 4 * DAY - DAY / 2 - 20, 1, opts); // forecasting about 10:20
    const afternoon = recentCalibration(t, 4 * DAY - 20, 1, opts); // forecasting about 22:20
    expect(morning.q95[0]).toBeLessThan(0.2);
    expect(afternoon.q95[0]).toBeGreaterThan(0.9);
    // Without quarters (no daily season known) both would be the pooled band.
    const pooledOnly = recentCalibration(t, 4 * DAY - 20, 1, { ...opts, quarters: { day: 0, offset: 0 } });
    expect(pooledOnly.q95[0]).toBeGreaterThan(0.9);
    expect(recentCalibration(t, 4 * DAY - DAY / 2 - 20, 1, { ...opts, quarters: { day: 0, offset: 0 } }).q95[0]).toBe(
      pooledOnly.q95[0]
    );
  });

  it('is scale-free: the series ×1000 gives bands ×1000', () => {
    const before = 4 * DAY - DAY / 2 - 20;
    const small = recentCalibration(table(1), before, 1, opts);
    const large = recentCalibration(table(1000), before, 1, opts);
    expect(large.q80[0]).toBeCloseTo(1000 * small.q80[0], 6);
    expect(large.q95[0]).toBeCloseTo(1000 * small.q95[0], 6);
  });
});
