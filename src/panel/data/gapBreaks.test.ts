import { breakActualGaps } from './gapBreaks';

const MIN = 60_000;

describe('breakActualGaps', () => {
  it('leaves a series without holes as it is', () => {
    const times = [0, 1, 2, 3].map((i) => i * 5 * MIN);
    const actual = [1, 2, 3, 4];
    const out = breakActualGaps(times, actual, [actual], 0);
    expect(out.times).toBe(times);
    expect(out.columns[0]).toBe(actual);
  });

  it('puts one row one step after the last value before a hole: null in the actual line, skipped by the others', () => {
    const times = [0, 1, 2, 30, 31].map((i) => i * 5 * MIN);
    const actual = [1, 2, 3, 0, 0];
    const band = [null, null, null, null, 0];
    const out = breakActualGaps(times, actual, [band, actual], 1);
    expect(out.times).toEqual([0, 1, 2, 3, 30, 31].map((i) => i * 5 * MIN));
    expect(out.columns[1]).toEqual([1, 2, 3, null, 0, 0]);
    expect(out.columns[0]).toEqual([null, null, null, undefined, null, 0]);
  });

  it('breaks the actual line at a forecast step inside the hole, and not the forecast (actuals newer than the origin)', () => {
    // Forecast every 5 min from 10; actuals every 5 min, with 20 and 25 missing.
    const times = [5, 10, 15, 20, 25, 30].map((m) => m * MIN);
    const actual = [1, 2, 3, null, null, 6];
    const forecast = [1, 2, 3, 4, 5, 6];
    const out = breakActualGaps(times, actual, [actual, forecast], 0);
    expect(out.times).toBe(times);
    expect(out.columns[0]).toEqual([1, 2, 3, null, null, 6]);
    expect(out.columns[1]).toBe(forecast);
  });

  it('draws nothing to break when the actual line is not drawn', () => {
    const times = [0, 1, 30].map((i) => i * 5 * MIN);
    const forecast = [1, 2, 3];
    const out = breakActualGaps(times, [1, 2, 3], [forecast], -1);
    expect(out.columns[0]).toBe(forecast);
  });

  it('reads the step of the actual values only: a coarser forecast after them is not broken', () => {
    // actuals every minute, then a forecast every 5 minutes
    const times = [0, 1, 2, 3, 8, 13, 18].map((i) => i * MIN);
    const actual = [1, 1, 1, 1, null, null, null];
    const forecast = [null, null, null, 1, 1, 1, 1];
    const out = breakActualGaps(times, actual, [actual, forecast], 0);
    expect(out.times).toBe(times);
  });

  it('timestamps a little off the grid are no hole', () => {
    const times = [0, 300_000, 610_000, 900_000, 1_230_000];
    const actual = [1, 2, 3, 4, 5];
    expect(breakActualGaps(times, actual, [actual], 0).times).toBe(times);
  });
});
