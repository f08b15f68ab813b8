import { breakActualGaps } from './gapBreaks';

const MIN = 60_000;

describe('breakActualGaps', () => {
  it('leaves a series without holes as it is', () => {
    const times = [0, 1, 2, 3].map((i) => i * 5 * MIN);
    const actual = [1, 2, 3, 4];
    const out = breakActualGaps(times, actual, [actual]);
    expect(out.times).toBe(times);
    expect(out.columns[0]).toBe(actual);
  });

  it('puts one null row one step after the last value before a hole, in every column', () => {
    const times = [0, 1, 2, 30, 31].map((i) => i * 5 * MIN);
    const actual = [1, 2, 3, 0, 0];
    const band = [null, null, null, null, 0];
    const out = breakActualGaps(times, actual, [actual, band]);
    expect(out.times).toEqual([0, 1, 2, 3, 30, 31].map((i) => i * 5 * MIN));
    expect(out.columns[0]).toEqual([1, 2, 3, null, 0, 0]);
    expect(out.columns[1]).toEqual([null, null, null, null, null, 0]);
  });

  it('reads the step of the actual values only: a coarser forecast after them is not broken', () => {
    // actuals every minute, then a forecast every 5 minutes
    const times = [0, 1, 2, 3, 8, 13, 18].map((i) => i * MIN);
    const actual = [1, 1, 1, 1, null, null, null];
    const forecast = [null, null, null, 1, 1, 1, 1];
    const out = breakActualGaps(times, actual, [actual, forecast]);
    expect(out.times).toBe(times);
  });

  it('timestamps a little off the grid are no hole', () => {
    const times = [0, 300_000, 610_000, 900_000, 1_230_000];
    const actual = [1, 2, 3, 4, 5];
    expect(breakActualGaps(times, actual, [actual]).times).toBe(times);
  });
});
