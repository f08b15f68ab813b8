/** @jest-environment node */
import { residualMedian, residualPoints } from './residualLevel';

const flat = () => 10;
const all = (n: number) => new Uint8Array(n).fill(1);

describe('residualMedian (re-anchoring a fitted path)', () => {
  it('reads the last 15 minutes of residuals: three at 5 minutes, one at half an hour', () => {
    expect(residualPoints(60_000)).toBe(15);
    expect(residualPoints(300_000)).toBe(3);
    expect(residualPoints(600_000)).toBe(2);
    expect(residualPoints(1_800_000)).toBe(1);
    expect(residualPoints(86_400_000)).toBe(1);
  });

  it('is the median of the last three residuals at 5 minutes: one odd sample does not move the path', () => {
    const values = [10, 10, 12, 12, 30];
    // residuals 2, 2, 20 → 2 (the last residual alone would carry the spike: 20)
    expect(residualMedian(values, all(5), flat, 5, 0, 3)).toBe(2);
  });

  it('follows a new level after two steps', () => {
    const values = [10, 10, 10, 0, 0];
    expect(residualMedian(values, all(5), flat, 4, 0, 3)).toBe(0);
    expect(residualMedian(values, all(5), flat, 5, 0, 3)).toBe(-10);
  });

  it('skips steps that were not observed, reads nothing before `from`, and is NaN with nothing to read', () => {
    const values = [14, 13, 11, 99, 99, 12];
    const observed = Uint8Array.from([1, 1, 1, 0, 0, 1]);
    // residuals of steps 5, 2, 1: 2, 1, 3 → 2
    expect(residualMedian(values, observed, flat, 6, 0, 3)).toBe(2);
    // from 2: only steps 5 and 2 (2 and 1) → their mean, 1.5
    expect(residualMedian(values, observed, flat, 6, 2, 3)).toBe(1.5);
    expect(residualMedian(values, new Uint8Array(6), flat, 6, 0, 3)).toBeNaN();
  });

  it('commutes with x → a·x + b when the path does', () => {
    const values = [3, 7, 2, 9, 4, 8];
    const path = (t: number) => 5 + 0.1 * t;
    const r = residualMedian(values, all(6), path, 6, 0, 3);
    const moved = values.map((v) => 1000 * v + 50);
    expect(residualMedian(moved, all(6), (t) => 1000 * path(t) + 50, 6, 0, 3)).toBeCloseTo(1000 * r, 9);
  });
});
