import { skipForeignRows } from './sharedAxis';

describe('skipForeignRows', () => {
  // Rows: actuals every minute (0–4), forecast every 2 minutes from 2; the seed is row 1.
  const actual = [1, 2, 3, 4, 5, null];
  const forecast = [null, 2, 6, null, 7, 8];
  const seed = 1;

  it('keeps the forecast line through the actual samples between its steps', () => {
    const [f] = skipForeignRows(actual, forecast, seed, [{ actual: false, values: forecast }]);
    expect(f).toEqual([null, 2, 6, undefined, 7, 8]);
  });

  it('keeps the actual line through forecast steps between its samples, and leaves the rows before the seed alone', () => {
    const before = [1, null, 3, 4, null, 6];
    const withHole = [null, null, 6, 7, 8, 9];
    const [a] = skipForeignRows(before, withHole, seed, [{ actual: true, values: before }]);
    // Row 1 (a null actual before the forecast) stays a hole; row 4 is a forecast step only.
    expect(a).toEqual([1, null, 3, 4, undefined, 6]);
  });

  it('keeps a line with a real hole on forecast rows (a shortfall that ends) broken there', () => {
    const shortfall = [null, null, 6, null, null, 8];
    const [s] = skipForeignRows(actual, forecast, seed, [{ actual: false, values: shortfall }]);
    expect(s).toEqual([null, null, 6, undefined, null, 8]);
  });

  it('returns the same arrays when the axes do not overlap', () => {
    const a = [1, 2, null, null];
    const f = [null, 2, 3, 4];
    const columns = skipForeignRows(a, f, 1, [
      { actual: true, values: a },
      { actual: false, values: f },
    ]);
    expect(columns[0]).toBe(a);
    expect(columns[1]).toBe(f);
  });
});
