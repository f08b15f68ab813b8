import { calibrate, conformalQuantile, makeBand } from './conformal';
import { rng } from './lstm/features';

describe('split-conformal intervals', () => {
  it('uses the ceil((n+1)(1-α))-th smallest error, the largest when n is small', () => {
    const e = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(conformalQuantile(e, 0.8)).toBe(9); // ceil(11*0.8) = 9
    expect(conformalQuantile(e, 0.95)).toBe(10); // ceil(11*0.95) = 11 → clamp to 10
    expect(conformalQuantile([], 0.8)).toBeNaN();
  });

  it('widths never shrink with the horizon and 95 ≥ 80', () => {
    const cal = calibrate([[3, 3, 3], [1, 1, 1], [], [5, 5, 5]]);
    expect(cal.q80).toEqual([3, 3, 3, 5]);
    expect(cal.q95.every((q, h) => q >= cal.q80[h])).toBe(true);
  });

  it('calibrated on one sample, covers about the nominal share of a fresh one', () => {
    const rand = rng(7);
    const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    const calErrors = Array.from({ length: 2000 }, () => Math.abs(gauss()));
    const cal = calibrate([calErrors]);
    let in80 = 0;
    let in95 = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const y = gauss();
      const band = makeBand([0], cal, false);
      in80 += y >= band.lower80[0] && y <= band.upper80[0] ? 1 : 0;
      in95 += y >= band.lower95[0] && y <= band.upper95[0] ? 1 : 0;
    }
    expect(in80 / n).toBeGreaterThan(0.77);
    expect(in80 / n).toBeLessThan(0.83);
    expect(in95 / n).toBeGreaterThan(0.93);
    expect(in95 / n).toBeLessThan(0.97);
  });

  it('clips lower bounds at zero for non-negative series', () => {
    const b = makeBand([1], { q80: [2], q95: [3], counts: [1] }, true);
    expect(b.lower80[0]).toBe(0);
    expect(b.upper95[0]).toBe(4);
  });
});
