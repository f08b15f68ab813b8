/**
 * Accuracy metrics. Pure functions over paired arrays; NaN entries (masked points) are skipped.
 */

export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - predicted[i];
    if (Number.isFinite(e)) {
      s += Math.abs(e);
      n++;
    }
  }
  return n ? s / n : NaN;
}

export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - predicted[i];
    if (Number.isFinite(e)) {
      s += e * e;
      n++;
    }
  }
  return n ? Math.sqrt(s / n) : NaN;
}

/** Fraction of actual values inside [lower, upper] (inclusive). */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(actual[i])) {
      continue;
    }
    n++;
    if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
      inside++;
    }
  }
  return n ? inside / n : NaN;
}

/**
 * MASE denominator per the backtest protocol: in-sample MAE of the seasonal-naive forecast with lag
 * `lag` over values[0..end). Masked points (observed = 0) are skipped. Falls back to lag 1 when
 * fewer than two seasons are available. Returns NaN when nothing can be scored.
 */
export function maseScale(values: ArrayLike<number>, end: number, lag: number, observed?: ArrayLike<number>): number {
  const l = lag >= 1 && end >= 2 * lag ? lag : 1;
  let s = 0;
  let n = 0;
  for (let t = l; t < end; t++) {
    if (observed && (!observed[t] || !observed[t - l])) {
      continue;
    }
    s += Math.abs(values[t] - values[t - l]);
    n++;
  }
  return n ? s / n : NaN;
}

/** MAE / scale, guarded: a zero scale (constant history) gives 0 for a perfect forecast, else Infinity. */
export function mase(maeValue: number, scale: number): number {
  if (!Number.isFinite(maeValue)) {
    return NaN;
  }
  if (scale > 0) {
    return maeValue / scale;
  }
  return maeValue === 0 ? 0 : Infinity;
}

/** Geometric mean of positive finite numbers (others skipped); NaN when none. */
export function geometricMean(xs: number[]): number {
  let s = 0;
  let n = 0;
  for (const x of xs) {
    if (x > 0 && Number.isFinite(x)) {
      s += Math.log(x);
      n++;
    }
  }
  return n ? Math.exp(s / n) : NaN;
}
