import { higherLoad, observedLoad, peakInWindow } from './window';

const MIN = 60_000;

describe('peakInWindow', () => {
  const times = [0, 30 * MIN, 60 * MIN];
  const values = [5, 9, 7];

  it('counts points that start inside [from, to) when samples have no length', () => {
    expect(peakInWindow(times, values, 0, 60 * MIN, 'forecast')?.value).toBe(9);
    expect(peakInWindow(times, values, 40 * MIN, 60 * MIN, 'forecast')).toBeNull();
  });

  it('counts the sample in progress when samples are longer than the window start offset', () => {
    // 30-min samples, window [40, 60) min: the sample starting at 30 min is the load until 60 min.
    const p = peakInWindow(times, values, 40 * MIN, 60 * MIN, 'forecast', 30 * MIN);
    expect(p).toEqual({ value: 9, timeMs: 30 * MIN, label: 'forecast' });
  });

  it('does not count a sample that ends exactly where the window starts, nor one starting at its end', () => {
    expect(peakInWindow(times, values, 30 * MIN, 60 * MIN, 'forecast', 30 * MIN)?.value).toBe(9);
    expect(peakInWindow([0, 60 * MIN], [100, 100], 30 * MIN, 60 * MIN, 'f', 30 * MIN)).toBeNull();
  });

  it('skips NaN, counts negatives as 0, and returns null without usable points', () => {
    expect(peakInWindow([0, MIN], [NaN, -3], 0, 2 * MIN, 'f', MIN)?.value).toBe(0);
    expect(peakInWindow([0], [null], 0, MIN, 'f', MIN)).toBeNull();
    expect(peakInWindow([], [], 0, MIN, 'f', MIN)).toBeNull();
  });
});

describe('higherLoad / observedLoad', () => {
  it('keeps the higher point and treats missing values as absent', () => {
    const a = { value: 3, timeMs: 0, label: 'forecast' };
    expect(higherLoad(a, observedLoad(5, 1))?.value).toBe(5);
    expect(higherLoad(a, observedLoad(NaN, 1))).toBe(a);
    expect(higherLoad(null, observedLoad(null, 1))).toBeNull();
  });
});
