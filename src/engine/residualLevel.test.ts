/** @jest-environment node */
import { RESIDUAL_POINTS, residualMedian } from './residualLevel';

const flat = () => 10;
const all = (n: number) => new Uint8Array(n).fill(1);

describe('residualMedian (re-anchoring a fitted path)', () => {
  it('is the median of the last three residuals: one odd sample does not move the path', () => {
    expect(RESIDUAL_POINTS).toBe(3);
    const values = [10, 10, 12, 12, 30];
    // residuals 2, 2, 20 → 2 (the last residual alone would carry the spike: 20)
    expect(residualMedian(values, all(5), flat, 5, 0)).toBe(2);
  });

  it('follows a new level after two steps', () => {
    const values = [10, 10, 10, 0, 0];
    expect(residualMedian(values, all(5), flat, 4, 0)).toBe(0);
    expect(residualMedian(values, all(5), flat, 5, 0)).toBe(-10);
  });

  it('skips steps that were not observed, reads nothing before `from`, and is NaN with nothing to read', () => {
    const values = [14, 13, 11, 99, 99, 12];
    const observed = Uint8Array.from([1, 1, 1, 0, 0, 1]);
    // residuals of steps 5, 2, 1: 2, 1, 3 → 2
    expect(residualMedian(values, observed, flat, 6, 0)).toBe(2);
    // from 2: only steps 5 and 2 (2 and 1) → their mean, 1.5
    expect(residualMedian(values, observed, flat, 6, 2)).toBe(1.5);
    expect(residualMedian(values, new Uint8Array(6), flat, 6, 0)).toBeNaN();
  });

  it('commutes with x → a·x + b when the path does', () => {
    const values = [3, 7, 2, 9, 4, 8];
    const path = (t: number) => 5 + 0.1 * t;
    const r = residualMedian(values, all(6), path, 6, 0);
    const moved = values.map((v) => 1000 * v + 50);
    expect(residualMedian(moved, all(6), (t) => 1000 * path(t) + 50, 6, 0)).toBeCloseTo(1000 * r, 9);
  });
});
