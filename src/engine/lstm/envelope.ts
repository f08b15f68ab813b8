/**
 * The LSTM's output envelope: a forecast is clipped to the last value ± ENVELOPE_K × a typical
 * large move over H steps in the recent stretch before the origin (its ENVELOPE_QUANTILE quantile,
 * so one level shift inside the stretch does not open the envelope for a whole day), widened per
 * step to reach the seasonal-naive value (yesterday's value at that time, when the LSTM has a daily
 * lag: a daily jump is a move the series makes every day, not an outlier), and to ≥ 0 when the history before
 * the origin never went negative. A network fed inputs unlike its training data (a level shift, a
 * series that fell to zero) can answer anything; this keeps the answer within what the series has
 * recently done, so it can be wrong by about one recent swing, never by an order of magnitude. A
 * series flat for the whole recent stretch gets exactly the naive forecast.
 *
 * The envelope is a pure function of values before the origin, so it is applied alike in
 * validation, backtest and the product, and validation measures the clipped forecast. The linear
 * model (`linear.ts`) and MSTL (`mstl.ts`) are clipped to it too: they can go wrong the same way.
 */
import { type FeatureSpec, recentOf } from './features';

/** How many recent large H-step moves the forecast may move from the last value. */
export const ENVELOPE_K = 2;
/** Which quantile of the recent |y[t] − y[t−H]| is "a large move" (not the maximum: see above). */
export const ENVELOPE_QUANTILE = 0.9;

/** Index of the first negative value (values.length when none): history before o is never negative iff o ≤ it. */
export function firstNegative(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0) {
      return i;
    }
  }
  return values.length;
}

/** [lo, hi] around the last value for every step of the forecast from origin o (before the seasonal widening). */
export function envelopeAt(
  values: ArrayLike<number>,
  o: number,
  spec: FeatureSpec,
  firstNeg: number
): { lo: number; hi: number } {
  const H = spec.horizon;
  const from = Math.max(H, o - Math.max(recentOf(spec), 2 * H));
  const moves = new Float64Array(Math.max(0, o - from));
  let n = 0;
  for (let t = from; t < o; t++) {
    const d = Math.abs(values[t] - values[t - H]);
    if (Number.isFinite(d)) {
      moves[n++] = d;
    }
  }
  const sorted = moves.subarray(0, n).sort();
  const move = n ? sorted[Math.min(n - 1, Math.floor(ENVELOPE_QUANTILE * n))] : 0;
  const base = values[o - 1];
  const lo = base - ENVELOPE_K * move;
  return { lo: o <= firstNeg ? Math.max(0, lo) : lo, hi: base + ENVELOPE_K * move };
}

/** Per step h: the envelope widened to reach the seasonal-naive value (see the header). */
export function stepEnvelope(
  values: ArrayLike<number>,
  o: number,
  spec: FeatureSpec,
  firstNeg: number
): Array<{ lo: number; hi: number }> {
  const { lo, hi } = envelopeAt(values, o, spec, firstNeg);
  const base = values[o - 1];
  const lag = spec.lags[0];
  const floor = o <= firstNeg ? 0 : -Infinity;
  return Array.from({ length: spec.horizon }, (_, h) => {
    const sn = lag ? values[o + h - lag * Math.ceil((h + 1) / lag)] : base;
    const d = Number.isFinite(sn) ? sn - base : 0;
    return { lo: d < 0 ? Math.max(floor, lo + d) : lo, hi: d > 0 ? hi + d : hi };
  });
}

/** Clips `pred` (one origin's forecast) into its envelope in place; returns how many values moved. */
export function clipToEnvelope(
  values: ArrayLike<number>,
  o: number,
  pred: Float64Array,
  spec: FeatureSpec,
  firstNeg: number
): number {
  const env = stepEnvelope(values, o, { ...spec, horizon: pred.length }, firstNeg);
  let clipped = 0;
  for (let h = 0; h < pred.length; h++) {
    const { lo, hi } = env[h];
    const x = pred[h];
    const y = x < lo ? lo : x > hi ? hi : x;
    if (y !== x) {
      pred[h] = y;
      clipped++;
    }
  }
  return clipped;
}
