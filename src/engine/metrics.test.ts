import { coverage, geometricMean, mae, mase, maseScale, rmse } from './metrics';

describe('metrics (hand-computed)', () => {
  const actual = [1, 2, 3, 4];
  const pred = [2, 2, 1, 5];
  it('MAE = (1+0+2+1)/4', () => expect(mae(actual, pred)).toBe(1));
  it('RMSE = sqrt((1+0+4+1)/4)', () => expect(rmse(actual, pred)).toBeCloseTo(Math.sqrt(1.5), 12));
  it('skips NaN pairs', () => expect(mae([1, NaN, 3], [0, 0, 0])).toBe(2));
  it('coverage counts inclusive bounds', () => expect(coverage([1, 2, 3, 4], [1, 0, 4, 0], [1, 1, 5, 4])).toBe(0.5));
  it('MASE scale: seasonal naive in-sample MAE with lag, fallback to lag 1 under two seasons', () => {
    const v = [1, 2, 3, 2, 4, 6, 1, 1];
    // lag 3 over t = 3..5 (end = 6 >= 2*3): |2-1| + |4-2| + |6-3| = 6 → 2
    expect(maseScale(v, 6, 3)).toBe(2);
    // end = 5 < 2*3 → lag 1 over t = 1..4: 1 + 1 + 1 + 2 = 5 → 1.25
    expect(maseScale(v, 5, 3)).toBe(1.25);
    // masked points are skipped
    expect(maseScale(v, 6, 3, [1, 1, 1, 0, 1, 1])).toBe(2.5);
    expect(mase(3, 2)).toBe(1.5);
    expect(mase(0, 0)).toBe(0);
    expect(mase(1, 0)).toBe(Infinity);
  });
  it('geometric mean', () => expect(geometricMean([1, 4, NaN, 0])).toBeCloseTo(2, 12));
});
