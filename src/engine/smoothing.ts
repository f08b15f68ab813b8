/**
 * A smoothed level (`ses`): the forecast at every step is the recent level of the history before
 * the origin, read one of two ways, whichever forecast the two days before validation better:
 * - simple exponential smoothing, ℓ = α·y + (1 − α)·ℓ;
 * - the median of the last k values (a moving median).
 *
 * Why it is a candidate: most 5-minute operational series are a level plus noise. Naive carries
 * the last sample's noise into every step of the horizon; a smoothed level averages it away, and
 * with its rule fitted per series it is naive (α = 1) wherever the noise is small.
 *
 * Why a median too: the product is scored in absolute error, and the value that minimises absolute
 * error is the median, not the mean. On spiky, skewed series (request counts, tweets, load
 * balancer spikes) a mean is pulled up by every spike; a median is not. Measured with `npm run
 * bench` and on the 25 nab-extra series the engine was never tuned on (src/engine/README.md).
 *
 * Both rules commute with x → a·x + b (a > 0), so the forecast is level- and scale-free by
 * construction (×1000 + 50 in gives ×1000 + 50 out), and cheap (no training, so quick requests
 * have it too). It is not a member of the median ensemble (`ensemble.ts` says why).
 */
import type { FitContext, MethodFitter } from './pipeline';
import type { FittedModel } from './model';
import { formulaModel } from './baselines';
import { spacedOrigins } from './budget';
import { SES_MIN_FIT_ORIGINS } from './requirements';
import { medianOfSorted, searchSorted } from './sorted';

/** How the recent level is read: an exponentially weighted mean, or the median of the last `points` values. */
export type LevelRule = { kind: 'ewm'; alpha: number } | { kind: 'median'; points: number };

/** The smoothing weights α tried per series (1 = naive). */
export const SES_ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1];
/** The moving-median lengths tried (odd, so the median is one of the values; about doubling). */
export const MEDIAN_POINTS = [5, 11, 23, 47, 95, 191];
/** Every rule tried, the exponential ones first (ties keep the earlier rule: the smoother α, then a mean). */
export const LEVEL_RULES: LevelRule[] = [
  ...SES_ALPHAS.map((alpha): LevelRule => ({ kind: 'ewm', alpha })),
  ...MEDIAN_POINTS.map((points): LevelRule => ({ kind: 'median', points })),
];
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

/** The median of the last `points` values before `origin` (fewer where the history is shorter). */
export function movingMedian(values: ArrayLike<number>, origin: number, points: number): number {
  const n = Math.min(points, origin);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = values[origin - 1 - i];
  }
  return medianOfSorted(xs.sort());
}

/**
 * `movingMedian` for every length in `points` at ascending origins, kept up to date by sliding: one
 * sorted window per length, where a step forward removes the value leaving it and inserts the one
 * entering (two short moves instead of a sort). A jump longer than the window, or a value it cannot
 * find (NaN), rebuilds it. The returned array is reused: read it before the next call. Why: the fit
 * reads all six lengths at up to 600 origins per request, and sorting them each time made the
 * 100-series quick answer 2.2 × slower (11.5 ms per fit; 1.5 ms sliding).
 */
export function medianTracker(values: ArrayLike<number>, points: number[]): (origin: number) => Float64Array {
  const windows = points.map((k) => ({ k, sorted: new Float64Array(k), n: 0, at: -1 }));
  const out = new Float64Array(points.length);
  const rebuild = (w: (typeof windows)[number], origin: number) => {
    w.n = Math.min(w.k, origin);
    for (let j = 0; j < w.n; j++) {
      w.sorted[j] = values[origin - 1 - j];
    }
    w.sorted.subarray(0, w.n).sort();
  };
  // one step forward: value t enters, value t − k leaves; false when the window does not hold it
  const slide = (w: (typeof windows)[number], t: number): boolean => {
    const leave = values[t - w.k];
    const at = searchSorted(w.sorted, leave, true, w.n);
    if (!(w.sorted[at] === leave)) {
      return false;
    }
    w.sorted.copyWithin(at, at + 1, w.n);
    const enter = values[t];
    const to = searchSorted(w.sorted, enter, false, w.n - 1);
    w.sorted.copyWithin(to + 1, to, w.n - 1);
    w.sorted[to] = enter;
    return true;
  };
  return (origin: number) => {
    windows.forEach((w, i) => {
      const full = w.at >= w.k && w.n === w.k;
      let ok = full && origin >= w.at && origin - w.at < w.k;
      for (let t = w.at; ok && t < origin; t++) {
        ok = slide(w, t);
      }
      if (!ok) {
        rebuild(w, origin);
      }
      w.at = origin;
      out[i] = medianOfSorted(w.sorted, w.n);
    });
    return out;
  };
}

/** The level of values[0..origin) by `rule`. */
export function levelAt(values: ArrayLike<number>, origin: number, rule: LevelRule): number {
  return rule.kind === 'ewm' ? smoothedLevel(values, origin, rule.alpha) : movingMedian(values, origin, rule.points);
}

export function sesModel(rule: LevelRule): FittedModel {
  return formulaModel('ses', (values, o, horizon) => new Float64Array(horizon).fill(levelAt(values, o, rule)));
}

/**
 * The rule with the lowest mean absolute error of H-step forecasts over the origins of the last
 * FIT_DAYS before `end` (only observed targets count; ties keep the earlier rule). MAE, not squared
 * error, because the product is scored (and shows bands) in absolute error, and a few spikes
 * should not pull the level towards chasing them.
 */
export function fitLevelRule(
  values: Float64Array,
  observed: Uint8Array,
  end: number,
  horizon: number,
  stepsPerDay: number
): LevelRule {
  const span = Math.max(SES_MIN_FIT_ORIGINS, FIT_DAYS * stepsPerDay);
  const origins = spacedOrigins(Math.max(1, end - horizon - span), end - horizon, MAX_FIT_ORIGINS);
  const sums = new Float64Array(LEVEL_RULES.length);
  let count = 0;
  const levels = new Float64Array(LEVEL_RULES.length);
  const mediansAt = medianTracker(values, MEDIAN_POINTS);
  for (const o of origins) {
    const medians = mediansAt(o);
    LEVEL_RULES.forEach((rule, r) => {
      levels[r] =
        rule.kind === 'ewm' ? smoothedLevel(values, o, rule.alpha) : medians[MEDIAN_POINTS.indexOf(rule.points)];
    });
    for (let h = 0; h < horizon; h++) {
      if (observed[o + h]) {
        count++;
        for (let r = 0; r < levels.length; r++) {
          sums[r] += Math.abs(values[o + h] - levels[r]);
        }
      }
    }
  }
  // the lowest MAE; ties (and NaN levels) keep the earlier rule, α = 1 when nothing was scored
  let best: LevelRule = { kind: 'ewm', alpha: 1 };
  let bestErr = Infinity;
  LEVEL_RULES.forEach((rule, r) => {
    const err = count ? sums[r] / count : Infinity;
    if (err < bestErr) {
      bestErr = err;
      best = rule;
    }
  });
  return best;
}

/** The rule fitted on the data before the fit end; refitted up to the origin for the final forecast (it is cheap). */
export function sesFitter(stepsPerDay: number): MethodFitter {
  return {
    refitFinal: true,
    async fit(ctx: FitContext) {
      return sesModel(fitLevelRule(ctx.values, ctx.observed, ctx.end, ctx.horizon, stepsPerDay));
    },
  };
}
