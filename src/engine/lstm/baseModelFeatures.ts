/**
 * Inputs of the shared base model: exactly the LSTM's features (`features.ts`: `windowScaler`,
 * `fillFeatures`, `fillTarget` — each window normalised by its own recent statistics, no absolute
 * level), with one spec per series (its own daily lag), so windows of many series stack into one
 * batch and one network serves every series whatever its level and magnitude. Targets are clipped
 * like the inputs (±FEATURE_CLIP) so one spike after a flat stretch cannot dominate a batch.
 */
import { BASE_MODEL_HORIZON, BASE_MODEL_WINDOW } from '../requirements';
import { dailySeasonSteps } from '../seasons';
import {
  FEATURE_CLIP,
  type FeatureSpec,
  type Scaler,
  denseFeatureCount,
  fillFeatures,
  fillTarget,
  fitScaler,
  seqFeatureCount,
  windowScaler,
} from './features';

/** Fixed grid the base model supports: 48 steps in, up to 24 steps out, the daily lag. */
export const BASE_WINDOW = BASE_MODEL_WINDOW;
export const BASE_HORIZON = BASE_MODEL_HORIZON;
/** The step the corpus mostly has (5 min); recorded in the metadata, the lag is in days, not steps. */
export const BASE_STEP_MS = 300_000;
/** Names the normalisation so a model trained on other features is refused at load. */
export const BASE_FEATURES = 'features.ts windowScaler v1 (engine 1.1.0)';

/** One series on its grid, ready for windows. `lag` is its daily lag in steps. */
export interface BaseSeries {
  name: string;
  values: Float64Array;
  observed: Uint8Array;
  stepMs: number;
  lag: number;
  /** Scaler fitted on the training part only: the floor of each window's scale (see `windowScaler`). */
  fallback: Scaler;
}

/** A spec whose counts match the base network (one seasonal lag, the full horizon grid). */
export function baseSpec(lag: number): FeatureSpec {
  return { window: BASE_WINDOW, horizon: BASE_HORIZON, lags: [lag] };
}

export const BASE_SEQ_FEATURES = seqFeatureCount(baseSpec(1));
export const BASE_DENSE_FEATURES = denseFeatureCount(baseSpec(1));

/** Why the base model cannot forecast this series at this step and horizon, or undefined when it can. */
export function baseUnfit(stepMs: number, horizon: number): string | undefined {
  if (horizon > BASE_HORIZON) {
    // Advice true both where the base model was asked for and under auto, which also runs the LSTM
    // trained on the series ("or use lstm" read as advice to do what auto had just done).
    return `the base model forecasts at most ${BASE_HORIZON} steps, not ${horizon} — shorten the horizon to use it; the LSTM trained on this series (lstm) has no such limit`;
  }
  if (dailySeasonSteps(stepMs) === 0) {
    return 'the base model needs a daily season, and this step gives fewer than two points a day — use a step of 12h or less';
  }
  return undefined;
}

/** First origin whose window and daily-lag inputs exist. */
export function baseMinOrigin(lag: number): number {
  return lag + BASE_WINDOW;
}

/** A series on its grid, as the base model needs it; `fitEnd` bounds the data its fallback scaler sees. */
export function toBaseSeries(
  name: string,
  values: Float64Array,
  observed: Uint8Array,
  stepMs: number,
  fitEnd: number = values.length
): BaseSeries {
  return { name, values, observed, stepMs, lag: dailySeasonSteps(stepMs), fallback: fitScaler(values, fitEnd) };
}

export interface BaseBatch {
  seq: Float32Array;
  dense: Float32Array;
  target?: Float32Array;
  scalers: Scaler[];
  n: number;
}

/** Rows are [series index, origin]; each row gets its own scaler and its series' daily lag. */
export function buildBaseBatch(series: BaseSeries[], rows: Array<[number, number]>, withTarget: boolean): BaseBatch {
  const n = rows.length;
  const seq = new Float32Array(n * BASE_WINDOW * BASE_SEQ_FEATURES);
  const dense = new Float32Array(n * BASE_DENSE_FEATURES);
  const target = withTarget ? new Float32Array(n * BASE_HORIZON) : undefined;
  const scalers: Scaler[] = [];
  rows.forEach(([s, o], r) => {
    const { values, lag, fallback } = series[s];
    const spec = baseSpec(lag);
    const scaler = windowScaler(values, o, spec, fallback);
    scalers.push(scaler);
    fillFeatures(values, o, spec, scaler, seq, dense, r);
    if (target) {
      fillTarget(values, o, spec, scaler, target, r);
    }
  });
  if (target) {
    clipInPlace(target);
  }
  return { seq, dense, target, scalers, n };
}

function clipInPlace(a: Float32Array): void {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    a[i] = x > FEATURE_CLIP ? FEATURE_CLIP : x < -FEATURE_CLIP ? -FEATURE_CLIP : x;
  }
}

/** Origins of `s` below `end` whose inputs exist and whose whole 24-step target is observed. */
export function baseTrainingOrigins(s: BaseSeries, end: number): number[] {
  const out: number[] = [];
  for (let o = baseMinOrigin(s.lag); o + BASE_HORIZON <= end; o++) {
    let ok = true;
    for (let h = 0; h < BASE_HORIZON && ok; h++) {
      ok = s.observed[o + h] !== 0;
    }
    if (ok) {
      out.push(o);
    }
  }
  return out;
}
