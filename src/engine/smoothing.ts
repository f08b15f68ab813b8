/**
 * Simple exponential smoothing (`ses`): the forecast at every step is the smoothed level
 * ℓ = α·y + (1 − α)·ℓ of the history before the origin.
 *
 * Why it is a candidate: most 5-minute operational series are a level plus noise. Naive carries
 * the last sample's noise into every step of the horizon; a smoothed level averages it away, and
 * with α fitted per series it is naive (α = 1) wherever the noise is small. It is linear in the
 * values, so level- and scale-free by construction (×1000 + 50 in gives ×1000 + 50 out), and
 * cheap (no training, so quick requests have it too). It is not a member of the median ensemble
 * (`ensemble.ts` says why). Measured with `npm run bench` (src/engine/README.md).
 */
import type { FitContext, MethodFitter } from './pipeline';
import type { FittedModel } from './model';
import { formulaModel } from './baselines';
import { spacedOrigins } from './budget';
import { SES_MIN_FIT_ORIGINS } from './requirements';

/** The smoothing weights α tried per series (1 = naive). */
export const SES_ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1];
/** Origins α is fitted on: the last two days before the fit end, or fewer where there is less. */
const FIT_DAYS = 2;
/** The earliest weight kept in a level: α(1 − α)^k below this is dropped (the level is exact to 0.1 %). */
const WEIGHT_FLOOR = 0.001;
/** At most this many (evenly spaced) origins fit α: two days at a 1-second step would be 172,800. */
const MAX_FIT_ORIGINS = 600;

/** The smoothed level of values[0..origin), started where older weights fall under WEIGHT_FLOOR. */
export function smoothedLevel(values: ArrayLike<number>, origin: number, alpha: number): number {
  const span = alpha >= 1 ? 1 : Math.ceil(Math.log(WEIGHT_FLOOR) / Math.log(1 - alpha));
  const start = Math.max(0, origin - span);
  let level = values[start];
  for (let i = start + 1; i < origin; i++) {
    level += alpha * (values[i] - level);
  }
  return level;
}

export function sesModel(alpha: number): FittedModel {
  return formulaModel('ses', (values, o, horizon) => new Float64Array(horizon).fill(smoothedLevel(values, o, alpha)));
}

/**
 * The α with the lowest mean absolute error of H-step forecasts over the origins of the last
 * FIT_DAYS before `end` (only observed targets count; ties keep the smoother α). MAE, not squared
 * error, because the product is scored (and shows bands) in absolute error, and a few spikes
 * should not pull α towards chasing them.
 */
export function fitAlpha(
  values: Float64Array,
  observed: Uint8Array,
  end: number,
  horizon: number,
  stepsPerDay: number
): number {
  const span = Math.max(SES_MIN_FIT_ORIGINS, FIT_DAYS * stepsPerDay);
  const origins = spacedOrigins(Math.max(1, end - horizon - span), end - horizon, MAX_FIT_ORIGINS);
  let best = 1;
  let bestErr = Infinity;
  for (const alpha of SES_ALPHAS) {
    let sum = 0;
    let count = 0;
    for (const o of origins) {
      const level = smoothedLevel(values, o, alpha);
      for (let h = 0; h < horizon; h++) {
        if (observed[o + h]) {
          sum += Math.abs(values[o + h] - level);
          count++;
        }
      }
    }
    const err = count ? sum / count : Infinity;
    if (err < bestErr) {
      bestErr = err;
      best = alpha;
    }
  }
  return best;
}

/** α fitted on the data before the fit end; refitted up to the origin for the final forecast (it is cheap). */
export function sesFitter(stepsPerDay: number): MethodFitter {
  return {
    refitFinal: true,
    async fit(ctx: FitContext) {
      return sesModel(fitAlpha(ctx.values, ctx.observed, ctx.end, ctx.horizon, stepsPerDay));
    },
  };
}
