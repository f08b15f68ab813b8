import { backtestShortfall, seriesPointsFor, testRegionLength } from './backtestRegion';
import { minimumPoints } from './requirements';

const FIVE_MIN = 300_000;
const HOUR = 3_600_000;

describe('backtest region', () => {
  it('is the last 20 % of the series, at most 7 days', () => {
    expect(testRegionLength(864, FIVE_MIN)).toBe(172);
    expect(testRegionLength(20_000, FIVE_MIN)).toBe(2016);
  });

  it('finds the shortest series that leaves a given history before its test region', () => {
    for (const stepMs of [FIVE_MIN, HOUR]) {
      for (const need of [1, 100, 720, 669, 9000]) {
        const n = seriesPointsFor(need, stepMs);
        expect(n - testRegionLength(n, stepMs)).toBeGreaterThanOrEqual(need);
        expect(n - 1 - testRegionLength(n - 1, stepMs)).toBeLessThan(need);
      }
    }
  });

  it('advises a file length that does score the method', () => {
    // a 3-day file: the engine would say "widen the training window to 3d", which it already is
    const why = backtestShortfall('mstl', 692, FIVE_MIN, 12, 12);
    expect(why).toBe(
      'the backtest fits on the 692 points (2d 9h) before its test region, and it needs 720 there — a series of 4d or more scores it, or a shorter horizon'
    );
    const n = (4 * 86_400_000) / FIVE_MIN;
    expect(n - testRegionLength(n, FIVE_MIN)).toBeGreaterThanOrEqual(minimumPoints('mstl', FIVE_MIN, 12, 12));
  });

  it('leaves the reason alone when the history was enough or no length would do', () => {
    expect(backtestShortfall('naive', 692, FIVE_MIN, 12, 12)).toBeUndefined();
    // a daily season at a 1-day step: the engine's own reason (use a smaller step) stands
    expect(backtestShortfall('seasonal_naive', 100, 86_400_000, 1, 12)).toBeUndefined();
  });
});
