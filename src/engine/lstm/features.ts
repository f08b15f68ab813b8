/**
 * Windowing and features for the LSTM. Everything is expressed relative to the last observed value
 * y[o-1] and divided by the scaler's scale, so the network is level-free and magnitude-free
 * (10^-2 … 10^9 look the same to it), and its output is the **residual against naive**:
 * ŷ[o+h] = y[o-1] + scale · out[h]. A zero output is exactly the naive forecast.
 *
 * Per origin o (forecasting y[o..o+H)):
 * - sequence input, `window` steps t = o-window .. o-1, features per step:
 *     (y[t] - y[o-1]) / scale, and for each seasonal lag L: (y[t-L] - y[o-1-L]) / scale
 * - dense input (seasonal lags, so a short window still sees yesterday / last week):
 *     for each lag L and step h: (y[sidx(o,h,L)] - y[o-1]) / scale   (seasonal naive as a residual)
 *                                (y[sidx(o,h,L)] - y[o-1-L]) / scale (how the season moved since)
 *     plus the level (y[o-1] - offset) / scale
 *   where sidx(o,h,L) = o + h - L·⌈(h+1)/L⌉ (the seasonal-naive index; never in the future).
 */
import { MIN_LSTM_TRAIN_WINDOWS } from '../requirements';
import { dailySeasonSteps } from '../seasons';

/** Daily lag when the training data holds a day plus enough windows; weekly too with 3+ weeks. */
export function chooseLags(stepMs: number, end: number, window: number, horizon: number): number[] {
  const day = dailySeasonSteps(stepMs);
  if (day === 0) {
    return [];
  }
  const lags: number[] = [];
  if (end >= day + window + horizon + MIN_LSTM_TRAIN_WINDOWS) {
    lags.push(day);
  }
  if (end >= 21 * day) {
    lags.push(7 * day);
  }
  return lags;
}

export interface Scaler {
  offset: number;
  scale: number;
  log: boolean;
}

export interface FeatureSpec {
  window: number;
  horizon: number;
  /** Seasonal lags in steps (daily, and weekly where there is enough history). */
  lags: number[];
}

export function seqFeatureCount(spec: FeatureSpec): number {
  return 1 + spec.lags.length;
}

export function denseFeatureCount(spec: FeatureSpec): number {
  return 2 * spec.lags.length * spec.horizon + 1;
}

/** Earliest origin whose inputs all exist. */
export function minOrigin(spec: FeatureSpec): number {
  const maxLag = spec.lags.length ? Math.max(...spec.lags) : 0;
  return Math.max(spec.window, maxLag + spec.window, maxLag + 1);
}

/** Scaler fitted on values[0..end) only: mean and standard deviation (1 when constant). */
export function fitScaler(values: ArrayLike<number>, end: number): Scaler {
  let s = 0;
  for (let i = 0; i < end; i++) {
    s += values[i];
  }
  const mean = end ? s / end : 0;
  let v = 0;
  for (let i = 0; i < end; i++) {
    v += (values[i] - mean) ** 2;
  }
  const std = end > 1 ? Math.sqrt(v / (end - 1)) : 0;
  return { offset: mean, scale: std > 0 && Number.isFinite(std) ? std : Math.abs(mean) || 1, log: false };
}

export function scaleValue(x: number, s: Scaler): number {
  return (x - s.offset) / s.scale;
}

export function unscaleValue(z: number, s: Scaler): number {
  return z * s.scale + s.offset;
}

function sidx(o: number, h: number, lag: number): number {
  return o + h - lag * Math.ceil((h + 1) / lag);
}

/** Fills row `r` of the sequence buffer [n, window, f] and dense buffer [n, d] for origin o. */
export function fillFeatures(
  values: ArrayLike<number>,
  o: number,
  spec: FeatureSpec,
  scaler: Scaler,
  seq: Float32Array,
  dense: Float32Array,
  r: number
): void {
  const { window, horizon, lags } = spec;
  const f = 1 + lags.length;
  const base = values[o - 1];
  const inv = 1 / scaler.scale;
  let p = r * window * f;
  for (let i = 0; i < window; i++) {
    const t = o - window + i;
    seq[p++] = (values[t] - base) * inv;
    for (const L of lags) {
      seq[p++] = (values[t - L] - values[o - 1 - L]) * inv;
    }
  }
  let q = r * denseFeatureCount(spec);
  for (const L of lags) {
    const prevBase = values[o - 1 - L];
    for (let h = 0; h < horizon; h++) {
      const v = values[sidx(o, h, L)];
      dense[q++] = (v - base) * inv;
      dense[q++] = (v - prevBase) * inv;
    }
  }
  dense[q] = (base - scaler.offset) * inv;
}

/** Target row: residuals against naive, (y[o+h] - y[o-1]) / scale. */
export function fillTarget(
  values: ArrayLike<number>,
  o: number,
  spec: FeatureSpec,
  scaler: Scaler,
  out: Float32Array,
  r: number
): void {
  const base = values[o - 1];
  for (let h = 0; h < spec.horizon; h++) {
    out[r * spec.horizon + h] = (values[o + h] - base) / scaler.scale;
  }
}

/** Origins usable for training on values[0..end): all inputs exist, all targets inside and observed. */
export function trainingOrigins(observed: ArrayLike<number>, end: number, spec: FeatureSpec): number[] {
  const out: number[] = [];
  const first = minOrigin(spec);
  for (let o = first; o + spec.horizon <= end; o++) {
    let ok = true;
    for (let h = 0; h < spec.horizon; h++) {
      if (!observed[o + h]) {
        ok = false;
        break;
      }
    }
    if (ok) {
      out.push(o);
    }
  }
  return out;
}

export interface Batch {
  seq: Float32Array;
  dense: Float32Array;
  target?: Float32Array;
  n: number;
}

export function buildBatch(
  values: ArrayLike<number>,
  origins: number[],
  spec: FeatureSpec,
  scaler: Scaler,
  withTarget: boolean
): Batch {
  const n = origins.length;
  const seq = new Float32Array(n * spec.window * seqFeatureCount(spec));
  const dense = new Float32Array(n * denseFeatureCount(spec));
  const target = withTarget ? new Float32Array(n * spec.horizon) : undefined;
  origins.forEach((o, r) => {
    fillFeatures(values, o, spec, scaler, seq, dense, r);
    if (target) {
      fillTarget(values, o, spec, scaler, target, r);
    }
  });
  return { seq, dense, target, n };
}

/** Deterministic PRNG (mulberry32) for reproducible window sampling. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sample<T>(xs: T[], k: number, rand: () => number): T[] {
  const a = xs.slice();
  const m = Math.min(k, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, m);
}
