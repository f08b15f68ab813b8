/**
 * Windowing and features for the LSTM. Every input is expressed relative to the last observed value
 * y[o-1] and divided by a scale of the **recent window itself** (`windowScaler`), so the network is
 * level-free and magnitude-free: 10^-2 and 10^9 series look alike, and so does a series whose level
 * moved far from where it was trained (a CPU that drops to 0, a baseline that triples). Its output
 * is the **residual against naive**: ŷ[o+h] = y[o-1] + s_o · out[h] (a zero output is exactly naive),
 * then clipped to the envelope of `envelope.ts`.
 *
 * Per origin o (forecasting y[o..o+H)), with s_o = windowScaler(...).scale:
 * - sequence input, `window` steps t = o-window .. o-1, features per step:
 *     (y[t] - y[o-1]) / s_o, and for each seasonal lag L: (y[t-L] - y[o-1-L]) / s_o
 * - dense input (seasonal lags, so a short window still sees yesterday / last week):
 *     for each lag L and step h: (y[sidx(o,h,L)] - y[o-1]) / s_o   (seasonal naive as a residual)
 *                                (y[sidx(o,h,L)] - y[o-1-L]) / s_o (how the season moved since)
 *     plus where the last value sits in the recent window: (mean(recent) - y[o-1]) / s_o
 *   where sidx(o,h,L) = o + h - L·⌈(h+1)/L⌉ (the seasonal-naive index; never in the future).
 * There is no absolute level input: nothing the network sees can leave the range it learned
 * because the series moved. Every input is clipped to ±FEATURE_CLIP (a flat stretch after a busy
 * day would otherwise divide yesterday's swings by a tiny scale).
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
  /**
   * Steps of recent history behind each origin that set its scale (`windowScaler`) and its output
   * envelope; default `recentSteps` of the daily lag (a day), else 2 × max(window, horizon).
   */
  recent?: number;
}

/** Inputs beyond this many recent scales are clipped (see the header). */
export const FEATURE_CLIP = 50;
/** Longest recent stretch: keeps the per-origin cost bounded at fine steps (1 s → ~17 min). */
export const MAX_RECENT_STEPS = 1024;
/**
 * Floor of the per-window scale, as a share of the fallback (training) scale: a flat stretch gives
 * a recent scale of 0, and dividing by it would turn any earlier wiggle into an infinite input.
 */
export const SCALE_FLOOR_SHARE = 0.05;

/** A day of steps when the step has a daily season, else 2 × max(window, horizon); at most MAX_RECENT_STEPS. */
export function recentSteps(stepMs: number, window: number, horizon: number): number {
  const day = dailySeasonSteps(stepMs);
  return Math.min(MAX_RECENT_STEPS, Math.max(day, 2 * window, 2 * horizon));
}

/** The recent stretch of `spec` in steps (its `recent`, else derived from its lags, window and horizon). */
export function recentOf(spec: FeatureSpec): number {
  return spec.recent ?? Math.min(MAX_RECENT_STEPS, Math.max(spec.lags[0] ?? 0, 2 * spec.window, 2 * spec.horizon));
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

/**
 * Scaler fitted on values[0..end) only: mean and standard deviation (1 when constant). Since the
 * per-window scale replaced it as the normaliser, it is only the fallback: the floor of the
 * per-window scale, and the scale of a window that has no spread at all.
 */
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

/**
 * The normaliser of one window: offset = the last value y[o-1]; scale = the mean absolute step
 * change |y[t] - y[t-1]| over the recent stretch before o (robust to a level that moved, and
 * affine-equivariant: the series ×a + b gets scale ×|a|), floored at SCALE_FLOOR_SHARE × the
 * fallback scale, and the fallback itself when that is 0 too. Non-finite steps are skipped.
 */
export function windowScaler(values: ArrayLike<number>, o: number, spec: FeatureSpec, fallback: Scaler): Scaler {
  const from = Math.max(1, o - recentOf(spec));
  let sum = 0;
  let n = 0;
  for (let t = from; t < o; t++) {
    const d = Math.abs(values[t] - values[t - 1]);
    if (Number.isFinite(d)) {
      sum += d;
      n++;
    }
  }
  const step = n ? sum / n : 0;
  const floor = SCALE_FLOOR_SHARE * fallback.scale;
  const scale = Math.max(step, floor);
  return {
    offset: values[o - 1],
    scale: scale > 0 && Number.isFinite(scale) ? scale : fallback.scale || 1,
    log: false,
  };
}

/** Mean of the recent stretch before o (finite values only; the last value when none). */
function recentMean(values: ArrayLike<number>, o: number, spec: FeatureSpec): number {
  const from = Math.max(0, o - recentOf(spec));
  let sum = 0;
  let n = 0;
  for (let t = from; t < o; t++) {
    if (Number.isFinite(values[t])) {
      sum += values[t] - values[o - 1];
      n++;
    }
  }
  return values[o - 1] + (n ? sum / n : 0);
}

function sidx(o: number, h: number, lag: number): number {
  return o + h - lag * Math.ceil((h + 1) / lag);
}

function clip(x: number): number {
  return x > FEATURE_CLIP ? FEATURE_CLIP : x < -FEATURE_CLIP ? -FEATURE_CLIP : x;
}

/**
 * Fills row `r` of the sequence buffer [n, window, f] and dense buffer [n, d] for origin o, with
 * `scaler.scale` as this window's scale (from `windowScaler`). `scaler.offset` is not used: every
 * input is relative to the last value.
 */
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
    seq[p++] = clip((values[t] - base) * inv);
    for (const L of lags) {
      seq[p++] = clip((values[t - L] - values[o - 1 - L]) * inv);
    }
  }
  let q = r * denseFeatureCount(spec);
  for (const L of lags) {
    const prevBase = values[o - 1 - L];
    for (let h = 0; h < horizon; h++) {
      const v = values[sidx(o, h, L)];
      dense[q++] = clip((v - base) * inv);
      dense[q++] = clip((v - prevBase) * inv);
    }
  }
  dense[q] = clip((recentMean(values, o, spec) - base) * inv);
}

/** Target row: residuals against naive in this window's scale, (y[o+h] - y[o-1]) / s_o. */
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
  /** Per row: the window's scale s_o, to map the network's output back (ŷ = y[o-1] + s_o · out). */
  scales: Float64Array;
  n: number;
}

/**
 * The LSTM's windows for `origins`: each row normalised by its own `windowScaler` (the `fallback`
 * scaler is only its floor). Pure: the same values, origins and spec give the same batch.
 */
export function buildBatch(
  values: ArrayLike<number>,
  origins: number[],
  spec: FeatureSpec,
  fallback: Scaler,
  withTarget: boolean
): Batch {
  const n = origins.length;
  const seq = new Float32Array(n * spec.window * seqFeatureCount(spec));
  const dense = new Float32Array(n * denseFeatureCount(spec));
  const target = withTarget ? new Float32Array(n * spec.horizon) : undefined;
  const scales = new Float64Array(n);
  origins.forEach((o, r) => {
    const scaler = windowScaler(values, o, spec, fallback);
    scales[r] = scaler.scale;
    fillFeatures(values, o, spec, scaler, seq, dense, r);
    if (target) {
      fillTarget(values, o, spec, scaler, target, r);
    }
  });
  return { seq, dense, target, scales, n };
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
