import type { ForecastBand } from './api';

/**
 * Split-conformal prediction intervals per horizon step.
 *
 * For each step h we hold the absolute out-of-sample errors |y - ŷ| of one method at many rolling
 * origins (never on data the method was fitted on). The interval half-width at level 1-α is the
 * ⌈(n+1)(1-α)⌉-th smallest error (the finite-sample conformal quantile; the largest error when n is
 * too small). Widths are then made non-decreasing in h: uncertainty never shrinks with the horizon.
 */
export interface Calibration {
  q80: number[];
  q95: number[];
  /** Residual count per step (how much evidence each width rests on). */
  counts: number[];
}

export function conformalQuantile(absErrors: ArrayLike<number>, level: number): number {
  return sortedQuantile(finiteSorted(absErrors), level);
}

/** The finite values, ascending (a typed-array sort: numeric, and much cheaper than a comparator sort). */
function finiteSorted(xs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(xs.length);
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i])) {
      out[n++] = xs[i];
    }
  }
  return out.subarray(0, n).sort();
}

function sortedQuantile(xs: Float64Array, level: number): number {
  const n = xs.length;
  if (n === 0) {
    return NaN;
  }
  const k = Math.ceil((n + 1) * level);
  return xs[Math.min(n, Math.max(1, k)) - 1];
}

export function calibrate(absErrorsByStep: Array<ArrayLike<number>>): Calibration {
  const sorted = absErrorsByStep.map(finiteSorted);
  const q80 = sorted.map((e) => sortedQuantile(e, 0.8));
  const q95 = sorted.map((e) => sortedQuantile(e, 0.95));
  fillAndMonotone(q80);
  fillAndMonotone(q95);
  for (let h = 0; h < q95.length; h++) {
    q95[h] = Math.max(q95[h], q80[h]);
  }
  return { q80, q95, counts: absErrorsByStep.map((e) => e.length) };
}

/** NaN steps (no evidence) take the previous step's width; then a running maximum. */
function fillAndMonotone(q: number[]): void {
  let prev = 0;
  for (let h = 0; h < q.length; h++) {
    const v = Number.isFinite(q[h]) ? q[h] : prev;
    q[h] = Math.max(v, prev);
    prev = q[h];
  }
}

/**
 * Mean ± calibrated widths. When the history never went below zero (requests, bytes, counts) the
 * lower bounds are clipped at 0, since a negative rate is impossible.
 */
export function makeBand(mean: ArrayLike<number>, cal: Calibration, nonNegative: boolean): ForecastBand {
  const m = Array.from(mean);
  const lo = (x: number) => (nonNegative ? Math.max(0, x) : x);
  return {
    mean: m.map((x) => (nonNegative ? Math.max(0, x) : x)),
    lower80: m.map((x, h) => lo(x - cal.q80[h])),
    upper80: m.map((x, h) => x + cal.q80[h]),
    lower95: m.map((x, h) => lo(x - cal.q95[h])),
    upper95: m.map((x, h) => x + cal.q95[h]),
  };
}
