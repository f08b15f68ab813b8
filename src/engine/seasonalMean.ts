/**
 * A seasonal mean (`seasonal_mean`): the forecast for a time of day is the mean of the values at
 * that time of day over the last seven days, with the highest and the lowest of them dropped.
 *
 * Why it is a candidate: seasonal naive repeats one day, and with it that day's noise; a daily
 * pattern seen over a week averages most of the noise away (seven days, trimmed: about 0.78 of
 * seasonal naive's error on independent normal noise). Naive, SES and the LSTM all start from the last value, so
 * after a burst of noise or a day unlike the others none of them has a forecast that ignores today;
 * this one does, and per-origin selection shows it only where its recent errors are lower.
 *
 * Why seven days, trimmed: a week holds every weekday once, so a weekly rhythm does not tilt it
 * towards one weekday; dropping the highest and lowest day keeps one incident, outage or holiday
 * from pulling it (a median would do that too, but wastes more of the noise averaging). Measured
 * in one run against 3, 5 and 14 days, a plain mean and a median, and the length and statistic
 * fitted per series (src/engine/README.md): the trimmed seven-day mean was the one that helped the
 * held-out series without costing the shared set or the stress set.
 *
 * It commutes with x → a·x + b (a mean of order statistics does), so it is level- and scale-free
 * like every other method, trains nothing (quick requests have it too), and it is not a member of
 * the median ensemble (`ensemble.ts` says why).
 */
import type { MethodFitter } from './pipeline';
import type { FittedModel } from './model';
import { formulaModel } from './baselines';

/** Days averaged: a week, so each weekday counts once. */
export const SEASONAL_MEAN_DAYS = 7;
/** With at least this many days, the highest and the lowest are dropped before averaging. */
const TRIM_FROM = 3;

/**
 * The seasonal mean of values[0..origin) for steps origin … origin + horizon − 1: for each step, the
 * values one, two, … SEASONAL_MEAN_DAYS days before it (whole days back from the step, never at or
 * after the origin), skipping unobserved or non-finite ones; the last value where there is none.
 */
export function seasonalMeanPoint(
  values: ArrayLike<number>,
  observed: ArrayLike<number> | undefined,
  origin: number,
  horizon: number,
  day: number
): Float64Array {
  const out = new Float64Array(horizon);
  const xs = new Float64Array(SEASONAL_MEAN_DAYS);
  for (let h = 0; h < horizon; h++) {
    // the nearest whole number of days back that lies before the origin (h ≥ a day: two days back)
    const first = origin + h - day * Math.ceil((h + 1) / day);
    let n = 0;
    for (let d = 0; d < SEASONAL_MEAN_DAYS; d++) {
      const t = first - d * day;
      if (t < 0) {
        break;
      }
      const x = values[t];
      if ((observed === undefined || t >= observed.length || observed[t]) && Number.isFinite(x)) {
        xs[n++] = x;
      }
    }
    out[h] = n === 0 ? values[origin - 1] : trimmedMean(xs.subarray(0, n));
  }
  return out;
}

/** The mean without the highest and the lowest value (of all of them below TRIM_FROM values). */
function trimmedMean(xs: Float64Array): number {
  const n = xs.length;
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < n; i++) {
    lo = xs[i] < xs[lo] ? i : lo;
    hi = xs[i] > xs[hi] ? i : hi;
  }
  if (n >= TRIM_FROM && lo === hi) {
    hi = lo === 0 ? 1 : 0; // all equal: drop any two
  }
  const keep = n >= TRIM_FROM ? n - 2 : n;
  // each term divided first, so a level near 1e308 cannot overflow the sum
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (n < TRIM_FROM || (i !== lo && i !== hi)) {
      mean += xs[i] / keep;
    }
  }
  return mean;
}

export function seasonalMeanModel(observed: ArrayLike<number> | undefined, day: number): FittedModel {
  return formulaModel('seasonal_mean', (values, o, horizon) => seasonalMeanPoint(values, observed, o, horizon, day));
}

/** Nothing to fit: the rule is fixed. The observed flags let masked (filled) gaps be skipped. */
export function seasonalMeanFitter(stepsPerDay: number): MethodFitter {
  return {
    refitFinal: false,
    async fit(ctx) {
      return seasonalMeanModel(ctx.observed, stepsPerDay);
    },
  };
}
