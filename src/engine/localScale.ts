/**
 * The local scale of a series at an origin: the mean |y[t] − y[t−1]| over the observed steps in the
 * `span` steps before it, floored at 5 % of the same mean over all history before it (a flat
 * stretch after a busy day would otherwise claim the series has no scale at all).
 *
 * Intervals divide each past error by the scale at its origin and multiply the quantile back by
 * the scale now (normalised conformal, `recent.ts`): when a level triples or a series falls to a
 * tenth, its swings change with it, and the band follows within hours instead of after days of
 * new residuals. Causal: the scale at o reads only values before o. NaN where there is none yet
 * (fewer than two observed points, or a history that never moved); callers then keep raw errors.
 */
export type LocalScale = (origin: number) => number;

const FLOOR_SHARE = 0.05;

export function localScale(values: ArrayLike<number>, observed: ArrayLike<number>, span: number): LocalScale {
  const n = values.length;
  // prefix sums of the observed steps: sum[i] and count[i] over t < i
  const sum = new Float64Array(n + 1);
  const count = new Uint32Array(n + 1);
  for (let t = 0; t < n; t++) {
    const d = t > 0 && observed[t] && observed[t - 1] ? Math.abs(values[t] - values[t - 1]) : NaN;
    const ok = Number.isFinite(d);
    sum[t + 1] = sum[t] + (ok ? d : 0);
    count[t + 1] = count[t] + (ok ? 1 : 0);
  }
  return (origin: number) => {
    const o = Math.max(0, Math.min(n, Math.floor(origin)));
    const from = Math.max(0, o - span);
    const c = count[o] - count[from];
    const recent = c > 0 ? (sum[o] - sum[from]) / c : NaN;
    const all = count[o] > 0 ? sum[o] / count[o] : NaN;
    const s = Math.max(Number.isFinite(recent) ? recent : 0, FLOOR_SHARE * all);
    return s > 0 && Number.isFinite(s) ? s : NaN;
  };
}
