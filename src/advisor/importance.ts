/**
 * Which series of a progressive query trains first: with up to 100 series on their quick forecasts,
 * the ones a user acts on should get their own model soonest. Default: by recent level, largest
 * first (the series carrying the most load); the advisor puts series with a pending scale action
 * ahead of that (`compareImportance`).
 */
import type { FittedSeries } from './fitQuery';

/** Mean of the last day of samples (or of all, when shorter); NaN-free, 0 for an empty series. */
export function recentLevel(f: FittedSeries): number {
  const { times, values } = f.series;
  if (times.length === 0) {
    return 0;
  }
  const from = times[times.length - 1] - 86_400_000;
  let sum = 0;
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i] >= from; i--) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) {
      sum += Math.abs(v);
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

export function byRecentLevel(a: FittedSeries, b: FittedSeries): number {
  return recentLevel(b) - recentLevel(a);
}

/** The series on a quick forecast, in the order their own models train: by importance, ties in label order. */
export function importanceOrder(
  slots: Array<FittedSeries | undefined>,
  quick: Set<number>,
  compare: (a: FittedSeries, b: FittedSeries) => number = byRecentLevel
): number[] {
  return [...quick].sort((i, j) => compare(slots[i]!, slots[j]!) || i - j);
}
