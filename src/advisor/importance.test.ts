import type { FittedSeries } from './fitQuery';
import { importanceOrder, recentLevel } from './importance';

const DAY = 86_400_000;

function fitted(key: string, level: number, old = 0): FittedSeries {
  // Two days of hourly samples: `old` on the first day, `level` on the last.
  const times = Array.from({ length: 48 }, (_, i) => i * 3_600_000);
  const values = times.map((t) => (t >= times[47] - DAY ? level : old));
  return { series: { labels: { key }, times, values }, seriesKey: key } as unknown as FittedSeries;
}

describe('importanceOrder', () => {
  it('reads the level of the last day only, ignoring gaps', () => {
    expect(recentLevel(fitted('a', 5, 1000))).toBe(5);
    const gappy = fitted('b', 8);
    gappy.series.values[47] = null;
    expect(recentLevel(gappy)).toBe(8);
  });

  it('orders the series on a quick forecast largest first, ties in label order', () => {
    const slots: Array<FittedSeries | undefined> = new Array(5);
    [slots[0], slots[2], slots[3], slots[4]] = [fitted('a', 1), fitted('c', 50), fitted('d', 1), fitted('e', 7)];
    expect(importanceOrder(slots, new Set([0, 2, 3, 4]))).toEqual([2, 4, 0, 3]);
  });

  it('follows the caller\u2019s order when given one (the advisor puts pending scale actions first)', () => {
    const slots = [fitted('a', 1), fitted('b', 50)];
    const aFirst = (x: FittedSeries, y: FittedSeries) => (x.seriesKey === 'a' ? -1 : y.seriesKey === 'a' ? 1 : 0);
    expect(importanceOrder(slots, new Set([0, 1]), aFirst)).toEqual([0, 1]);
  });
});
