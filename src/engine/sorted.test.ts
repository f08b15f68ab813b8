/** @jest-environment node */
import { medianOfSorted, searchSorted } from './sorted';

describe('sorted arrays', () => {
  it('finds the first value ≥ x, or > x, within the first n', () => {
    const xs = [1, 2, 2, 2, 5];
    expect(searchSorted(xs, 2)).toBe(1);
    expect(searchSorted(xs, 2, false)).toBe(4);
    expect(searchSorted(xs, 9)).toBe(5);
    expect(searchSorted(xs, 0)).toBe(0);
    expect(searchSorted(xs, 5, true, 3)).toBe(3);
    expect(searchSorted(xs, NaN)).toBe(0);
  });

  it('takes the median of the first n: the middle value, the mean of the middle two, NaN for none', () => {
    expect(medianOfSorted([1, 2, 9])).toBe(2);
    expect(medianOfSorted([1, 2, 4, 9])).toBe(3);
    expect(medianOfSorted(Float64Array.from([1, 3, 100, 200]), 2)).toBe(2);
    expect(medianOfSorted([])).toBeNaN();
  });
});
