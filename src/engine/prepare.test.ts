import { isConstant, medianSpacing, prepareSeries } from './prepare';

const STEP = 60_000;
const t = (i: number) => 1_700_000_000_000 + i * STEP;

describe('prepareSeries', () => {
  it('puts irregular (odd-second) timestamps on a grid anchored at the last sample', () => {
    const p = prepareSeries({ times: [t(0) + 7000, t(1) - 3000, t(2) + 1000], values: [1, 2, 3] }, STEP);
    expect(Array.from(p.values)).toEqual([1, 2, 3]);
    expect(p.startMs).toBe(t(2) + 1000 - 2 * STEP);
  });

  it('treats null, NaN and ±Inf as gaps and interpolates short ones', () => {
    const p = prepareSeries(
      { times: [t(0), t(1), t(2), t(3), t(4), t(5)], values: [0, null, NaN, Infinity, -Infinity, 10] },
      STEP,
      { shortGapSteps: 5 }
    );
    expect(Array.from(p.values)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(Array.from(p.observed)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(p.notes).toEqual([
      '4 samples missing, NaN, infinite or stale: treated as gaps.',
      '4 missing points in gaps of up to 5m: interpolated linearly.',
    ]);
    // Here both are said in the warning line: 4 of 6 points were repaired.
    expect(p.warnings).toEqual(p.notes);
  });

  it('fills long gaps from one season earlier and masks them', () => {
    const times: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < 20; i++) {
      if (i >= 12 && i < 16) {
        continue; // a 4-step gap
      }
      times.push(t(i));
      values.push(i % 4);
    }
    const p = prepareSeries({ times, values }, STEP, { shortGapSteps: 2, seasonSteps: 4 });
    expect(Array.from(p.values.slice(12, 16))).toEqual([0, 1, 2, 3]);
    expect(Array.from(p.observed.slice(11, 17))).toEqual([1, 0, 0, 0, 0, 1]);
    const filled =
      '4 missing points in gaps longer than 2m: filled from the day before (or linearly) and left out of training and scoring.';
    expect(p.notes).toEqual([filled]);
    expect(p.warnings).toEqual([filled]);
  });

  it('says short repairs in the warning line only past 5 % of the grid (a missed scrape now and then is routine)', () => {
    const withHoles = (holes: number) => {
      const times: number[] = [];
      for (let i = 0; i < 100; i++) {
        if (!(i > 0 && i < 99 && i % Math.floor(98 / holes) === 0 && i / Math.floor(98 / holes) <= holes)) {
          times.push(t(i));
        }
      }
      return prepareSeries({ times, values: times.map((_, i) => i) }, STEP);
    };
    const few = withHoles(5);
    expect(few.notes).toEqual(['5 missing points in gaps of up to 1h: interpolated linearly.']);
    expect(few.warnings).toEqual([]);
    // Nulls are samples the source did not have (Grafana may fill a grid with them): routine too.
    const nulls = prepareSeries(
      {
        times: [t(0), t(1), t(2), t(3)].concat(Array.from({ length: 40 }, (_, i) => t(4 + i))),
        values: [1, null, 3, 4].concat(Array.from({ length: 40 }, () => 5)),
      },
      STEP
    );
    expect(nulls.notes[0]).toBe('1 sample missing, NaN, infinite or stale: treated as gaps.');
    expect(nulls.warnings).toEqual([]);
    const many = withHoles(8);
    expect(many.warnings).toEqual(['8 missing points in gaps of up to 1h: interpolated linearly.']);
    expect(prepareSeries({ times: [t(0), t(1)], values: [1, 2] }, STEP).warnings).toEqual([]);
  });

  it('counts a null the source said was NaN or ±Inf (nonFiniteTimes) as that NaN or ±Inf: said however few', () => {
    const times = Array.from({ length: 44 }, (_, i) => t(i));
    const values = times.map((_, i) => (i === 1 || i === 20 ? null : 5));
    // One of the two nulls was a NaN in Prometheus's answer, the other a missed scrape.
    const said = prepareSeries({ times, values, nonFiniteTimes: [t(20)] }, STEP);
    expect(said.warnings).toEqual(['2 samples missing, NaN, infinite or stale: treated as gaps.']);
    // The same nulls, none of them a NaN: 2 of 44 stays routine.
    expect(prepareSeries({ times, values }, STEP).warnings).toEqual([]);
    // A flagged time whose sample is a finite number is no gap, and not counted.
    expect(prepareSeries({ times, values: times.map(() => 5), nonFiniteTimes: [t(3)] }, STEP).notes).toEqual([]);
  });

  it('averages duplicates (daylight-saving repeats) and sorts', () => {
    const p = prepareSeries({ times: [t(1), t(0), t(1)], values: [4, 1, 6] }, STEP);
    expect(Array.from(p.values)).toEqual([1, 5]);
    expect(p.notes).toEqual(['1 sample sharing a time step with another (duplicates or a finer step): averaged.']);
  });

  it('trims leading and trailing missing values', () => {
    const p = prepareSeries({ times: [t(0), t(1), t(2), t(3)], values: [null, 2, 3, null] }, STEP);
    expect(Array.from(p.values)).toEqual([2, 3]);
  });

  it('keeps tiny and huge magnitudes exactly', () => {
    const p = prepareSeries({ times: [t(0), t(1)], values: [0.0123, 9.5e9] }, STEP);
    expect(Array.from(p.values)).toEqual([0.0123, 9.5e9]);
  });

  it('keeps every finite magnitude: 1e16 counters and ±1.7e308 extremes, averaged and interpolated without overflow', () => {
    const big = prepareSeries({ times: [t(0), t(1), t(2)], values: [1e16, 2e16, 3e16] }, STEP);
    expect(Array.from(big.values)).toEqual([1e16, 2e16, 3e16]);
    expect(big.notes).toEqual([]);
    const max = Number.MAX_VALUE;
    const p = prepareSeries(
      // duplicates at the top of the range, then a short gap between opposite extremes
      { times: [t(0), t(0), t(1), t(3)], values: [max, max, -max, max] },
      STEP,
      { shortGapSteps: 5 }
    );
    expect(Array.from(p.values).every(Number.isFinite)).toBe(true);
    expect(p.values[0]).toBe(max);
    expect(p.values[2]).toBe(0);
    expect(p.startMs).toBe(t(0));
  });

  it('counts what it drops, by cause', () => {
    const p = prepareSeries({ times: [t(0), NaN, t(2), t(3)], values: [1, 2, Infinity, 4] }, STEP);
    expect(p.warnings).toEqual([
      '1 sample missing, NaN, infinite or stale: treated as gaps.',
      '1 sample without a valid timestamp: dropped.',
      '2 missing points in gaps of up to 1h: interpolated linearly.',
    ]);
  });

  it('rejects bad input with specific messages', () => {
    expect(() => prepareSeries({ times: [1, 2], values: [1] }, STEP)).toThrow(/2 timestamps but 1 values/);
    const notList = { times: [1], values: [1], nonFiniteTimes: 3 } as unknown as Parameters<typeof prepareSeries>[0];
    expect(() => prepareSeries(notList, STEP)).toThrow(/`nonFiniteTimes` must be an array/);
    expect(() => prepareSeries({ times: [1], values: [null] }, STEP)).toThrow(/no finite values/);
    expect(() => prepareSeries({ times: [1], values: [1] }, 0)).toThrow(/Step must be a positive/);
    expect(() => prepareSeries({ times: [0, 1e12], values: [1, 2] }, 1)).toThrow(
      /at most 600,000 fit the memory budget\. Use a step of 30m or more, or a training window of 10m or less\./
    );
  });

  it('medianSpacing and isConstant', () => {
    expect(medianSpacing([0, 300, 600, 1000, 1300])).toBe(300);
    expect(() => medianSpacing([5])).toThrow(/two distinct/);
    expect(isConstant(new Float64Array([0, 0, 0]))).toBe(true);
    expect(isConstant(new Float64Array([0, 0, 1]))).toBe(false);
  });
});
