/**
 * How a fitted path (MSTL's) is re-anchored at a forecast origin: it is moved by the median of its
 * residuals (observed value − fitted value) over the last 15 minutes before the origin: the last
 * three at a 5-minute step, the last one alone at steps over 10 minutes.
 *
 * Why not the last residual alone (what MSTL did before at every step): at fine steps that carries
 * the last sample's noise, or a one-sample spike, into every step ahead; on a clean daily pattern
 * with noise (NAB `art_daily_small_noise`) MSTL was then no better than seasonal naive. Under
 * absolute error the best offset is a median of recent residuals.
 *
 * Why 15 minutes, counted in time: a median of k values follows a level shift only after (k + 1) / 2
 * new values, so the window is a lag. With an hour of residuals (12 at 5 minutes) the shared set
 * gained more (H = 12 `auto` 0.621 → 0.615), but after a fall to a tenth or to zero the lagging MSTL
 * dragged the median ensemble with it (stress set: RDS CPU ×0.1 0.90 → 1.80 × naive); with three
 * residuals at every step, the half-hourly nyc_taxi lost at H = 2 (MSTL MASE 0.295 → 0.428: an hour
 * and a half of lag, where one half-hour sample is already an average with little noise). Fitting
 * the length on the fit's own in-sample residuals picked the longest every time (in-sample
 * residuals revert to zero; out-of-sample ones do not). Measured at 5 minutes (experiment harness of
 * the bench, one run each, the rest of the engine as shipped): shared set H = 12 MSTL 1.16 → 1.05
 * geometric-mean MAE ÷ seasonal naive and `auto` 0.621 → 0.617; 25 nab-extra series MSTL 0.849 →
 * 0.793, `auto` 0.620 → 0.615; no stress series worse than 1.10 × the better baseline that was not.
 *
 * The residuals and their median commute with x → a·x + b (a > 0) when the path does, so the
 * re-anchored forecast stays level- and scale-free.
 */
import { medianOfSorted } from './sorted';

/** The stretch of latest residuals that sets the offset (see the header). */
export const RESIDUAL_SPAN_MS = 15 * 60_000;

/** How many residuals that is at this step: at least the last one. */
export function residualPoints(stepMs: number): number {
  return Math.max(1, Math.round(RESIDUAL_SPAN_MS / stepMs));
}

/** A path's fitted value at step t (in-sample before the fit end, its forecast after). */
export type FittedAt = (t: number) => number;

/**
 * Median of the last `k` observed, finite residuals before `origin`, reading no further back than
 * `from` (NaN when there are none: the caller then applies no offset).
 */
export function residualMedian(
  values: ArrayLike<number>,
  observed: ArrayLike<number>,
  fittedAt: FittedAt,
  origin: number,
  from: number,
  k: number
): number {
  const rs: number[] = [];
  for (let t = origin - 1; t >= from && rs.length < k; t--) {
    const r = values[t] - fittedAt(t);
    if (observed[t] && Number.isFinite(r)) {
      rs.push(r);
    }
  }
  return rs.length ? medianOfSorted(Float64Array.from(rs).sort()) : NaN;
}
