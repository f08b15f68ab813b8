/**
 * A linear model (`linear`): the LSTM's own level-free inputs (`lstm/features.ts`: the last hour
 * relative to the last value, the same hour a day and a week earlier, yesterday's values for every
 * step ahead, all divided by the window's recent scale), one weight per input and step ahead,
 * fitted per series in closed form by least absolute deviations (`leastAbsolute.ts`) on the latest
 * training windows, and clipped to the LSTM's envelope (`lstm/envelope.ts`).
 *
 * Why a second learned model: the fine-tuned LSTM and the base model it starts from are one
 * network's two votes; this one is independent of it, deterministic (no seed, no epochs), and
 * fitted in closed form on every window (54 ms for 14 days of 5-minute data at H = 12). Alone it
 * is the best single model on all three benchmark sets (geometric-mean MAE ÷ seasonal naive at
 * H = 12: shared 0.650 against the LSTM's 0.680, 25 nab-extra series 0.681 against 0.736, stress
 * set 0.247 against 0.325); where it helps `auto` is as a member of `model_median`, in the base
 * model's place (`ensemble.ts`), and as a candidate of its own (src/engine/README.md, item 10).
 *
 * Level- and scale-free by construction: every input and target is relative to the last value and
 * divided by the window's scale, so ×1000 + 50 in gives ×1000 + 50 out (tested).
 */
import { formatDuration, roundDownDuration } from '../common/duration';
import { EngineError } from './errors';
import { fitLeastAbsolute, predictRow } from './leastAbsolute';
import type { FittedModel } from './model';
import type { FitContext, MethodFitter } from './pipeline';
import { DEFAULT_LSTM_WINDOW, LINEAR_WINDOWS_PER_WEIGHT } from './requirements';
import { clipToEnvelope, firstNegative } from './lstm/envelope';
import {
  type Batch,
  type FeatureSpec,
  type Scaler,
  buildBatch,
  chooseLags,
  denseFeatureCount,
  fitScaler,
  seqFeatureCount,
  trainingOrigins,
} from './lstm/features';

/** The recent window, as the per-series LSTM's: an hour at a 5-minute step. */
export const LINEAR_WINDOW = DEFAULT_LSTM_WINDOW;
/**
 * The latest training windows fitted on: two weeks at a 5-minute step, so that a long series
 * (16,000 points) costs what a two-week one does, and the fit follows the series as it is now.
 */
export const LINEAR_MAX_WINDOWS = 4096;

export function linearSpec(stepMs: number, end: number, horizon: number): FeatureSpec {
  return { window: LINEAR_WINDOW, horizon, lags: chooseLags(stepMs, end, LINEAR_WINDOW, horizon) };
}

/** Inputs per window: the LSTM's sequence (flattened) and dense inputs, plus an intercept. */
export function linearInputCount(spec: FeatureSpec): number {
  return spec.window * seqFeatureCount(spec) + denseFeatureCount(spec) + 1;
}

/** One row per window: [sequence inputs, dense inputs, 1]. */
function designRows(batch: Batch, spec: FeatureSpec): Float64Array {
  const ns = spec.window * seqFeatureCount(spec);
  const nd = denseFeatureCount(spec);
  const p = ns + nd + 1;
  const x = new Float64Array(batch.n * p);
  for (let r = 0; r < batch.n; r++) {
    x.set(batch.seq.subarray(r * ns, (r + 1) * ns), r * p);
    x.set(batch.dense.subarray(r * nd, (r + 1) * nd), r * p + ns);
    x[r * p + p - 1] = 1;
  }
  return x;
}

/**
 * Its weights grow with the horizon (two per lag and step ahead), and it fits at most
 * LINEAR_MAX_WINDOWS windows: a horizon of thousands of steps (1 h at 1 s) can never have enough,
 * whatever the training window, so the advice is the horizon or the step, not a wider window.
 */
function capBinds(spec: FeatureSpec, p: number, stepMs: number): EngineError {
  const perStep = 2 * Math.max(1, spec.lags.length);
  const fixed = p - perStep * spec.horizon;
  const maxSteps = Math.max(1, Math.floor((LINEAR_MAX_WINDOWS / LINEAR_WINDOWS_PER_WEIGHT - fixed) / perStep));
  return new EngineError(
    `the linear model fits at most ${LINEAR_MAX_WINDOWS} training windows, ${LINEAR_WINDOWS_PER_WEIGHT} per weight, ` +
      `and a horizon of ${spec.horizon} steps gives it ${p} weights — shorten the horizon to ` +
      `${formatDuration(roundDownDuration(maxSteps * stepMs))} or use a coarser step`,
    'unavailable'
  );
}

/**
 * Fits on values[0..end) (targets observed, inputs complete). Throws 'too_short' when there are
 * fewer than LINEAR_WINDOWS_PER_WEIGHT windows per weight.
 */
export function fitLinear(
  values: Float64Array,
  observed: ArrayLike<number>,
  stepMs: number,
  horizon: number,
  end: number
): FittedModel {
  const t0 = performance.now();
  const spec = linearSpec(stepMs, end, horizon);
  const p = linearInputCount(spec);
  if (LINEAR_WINDOWS_PER_WEIGHT * p > LINEAR_MAX_WINDOWS) {
    throw capBinds(spec, p, stepMs);
  }
  const origins = trainingOrigins(observed, end, spec).slice(-LINEAR_MAX_WINDOWS);
  if (origins.length < LINEAR_WINDOWS_PER_WEIGHT * p) {
    throw new EngineError(
      `Too little history for the linear model: ${origins.length} training windows for ${p} weights (it needs ${LINEAR_WINDOWS_PER_WEIGHT * p}).`,
      'too_short'
    );
  }
  const fallback: Scaler = fitScaler(values, end);
  const batch = buildBatch(values, origins, spec, fallback, true);
  const weights = fitLeastAbsolute({
    x: designRows(batch, spec),
    y: Float64Array.from(batch.target ?? []),
    n: batch.n,
    p,
    k: horizon,
  });
  const fitMs = performance.now() - t0;
  return {
    method: 'linear',
    fitMs,
    async predict(series, forecastOrigins, h) {
      if (h !== horizon) {
        throw new EngineError(`The linear model was fitted for ${horizon} steps, not ${h}.`, 'bad_input');
      }
      const rows = buildBatch(series, forecastOrigins, spec, fallback, false);
      const x = designRows(rows, spec);
      const firstNeg = firstNegative(series);
      return forecastOrigins.map((o, r) => {
        const out = new Float64Array(horizon);
        for (let j = 0; j < horizon; j++) {
          out[j] = series[o - 1] + rows.scales[r] * predictRow(x, r, p, weights, horizon, j);
        }
        clipToEnvelope(series, o, out, spec, firstNeg);
        return out;
      });
    },
    dispose() {
      // plain arrays: nothing to release
    },
  };
}

/** Refitted on all data up to the origin for the final forecast: it is cheap and deterministic. */
export function linearFitter(): MethodFitter {
  return {
    refitFinal: true,
    async fit(ctx: FitContext) {
      return fitLinear(ctx.values, ctx.observed, ctx.stepMs, ctx.horizon, ctx.end);
    },
  };
}
