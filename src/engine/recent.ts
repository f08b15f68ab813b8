/**
 * Decisions that follow the data: at each forecast origin, `auto` picks a method from the errors
 * each candidate made over the **recent** past, and intervals are calibrated on recent residuals.
 * In the product every refresh is a new origin, so a level shift or a new regime changes the choice
 * and widens the band within hours, instead of a choice made once for days.
 *
 * Everything here reads an `ErrorTable` (one method's absolute errors at rolling origins) and a
 * cut-off `before`: only errors whose target lies before it are used, so no decision sees the future.
 */
import type { BaseMethod } from './api';
import { type Calibration, calibrate } from './conformal';
import { dailySeasonSteps } from './seasons';

/** One method's |actual − forecast| at rolling origins (ascending), per horizon step; NaN = not observed. */
export interface ErrorTable {
  origins: number[];
  errors: Float64Array[];
}

export interface RecentOptions {
  /** Only origins within this many steps before the cut-off count (a day). */
  span: number;
  /** Weight halves every this many steps back (recent errors count most). */
  halfLife: number;
  /** At least this many origins per step for the interval quantiles (older ones join when a day has fewer). */
  minResiduals: number;
  /** The longer stretch a learned method must also beat the baseline on (a week of origins, unweighted). */
  longSpan: number;
}

/** A day of origins, weighted with a half-life of a quarter day; at least 100 residuals per step for the quantiles. */
export function recentOptions(stepMs: number, horizon: number): RecentOptions {
  const day = dailySeasonSteps(stepMs) || 4 * horizon;
  const span = Math.max(day, 4 * horizon, 24);
  return { span, halfLife: Math.max(1, Math.round(span / 4)), minResiduals: 100, longSpan: 7 * span };
}

/** Absolute errors per origin and step (NaN where the target is masked or beyond the data). */
export function errorTable(
  values: Float64Array,
  observed: Uint8Array,
  origins: number[],
  preds: Float64Array[],
  horizon: number
): ErrorTable {
  const errors = origins.map((o, i) => {
    const row = new Float64Array(horizon).fill(NaN);
    for (let h = 0; h < horizon; h++) {
      const t = o + h;
      if (t < values.length && observed[t]) {
        const e = Math.abs(values[t] - preds[i][h]);
        row[h] = Number.isFinite(e) ? e : NaN;
      }
    }
    return row;
  });
  return { origins, errors };
}

/** Index of the first origin ≥ x (origins ascending). */
function lowerBound(origins: number[], x: number): number {
  let lo = 0;
  let hi = origins.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (origins[mid] < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * Recency-weighted mean absolute error over the origins whose whole target is known before
 * `before` (o + H ≤ before) and lies within `span` steps of it; NaN when there is none.
 */
export function recentError(t: ErrorTable, before: number, horizon: number, opts: RecentOptions): number {
  const last = before - horizon;
  const end = lowerBound(t.origins, last + 1);
  let sw = 0;
  let s = 0;
  for (let i = end - 1; i >= 0; i--) {
    const o = t.origins[i];
    if (o < last - opts.span) {
      break;
    }
    const w = Math.pow(0.5, (last - o) / opts.halfLife);
    for (const e of t.errors[i]) {
      if (Number.isFinite(e)) {
        s += w * e;
        sw += w;
      }
    }
  }
  return sw > 0 ? s / sw : NaN;
}

/**
 * Intervals from recent residuals: for step h, the errors of the origins whose step-h target is
 * known before `before` (o + h < before), the latest `span` of them (at least `minResiduals`).
 */
export function recentCalibration(t: ErrorTable, before: number, horizon: number, opts: RecentOptions): Calibration {
  const keep = Math.max(opts.span, opts.minResiduals);
  const byStep: number[][] = [];
  for (let h = 0; h < horizon; h++) {
    const end = lowerBound(t.origins, before - h);
    const out: number[] = [];
    for (let i = end - 1; i >= 0 && out.length < keep; i--) {
      const e = t.errors[i][h];
      if (Number.isFinite(e)) {
        out.push(e);
      }
    }
    byStep.push(out);
  }
  return calibrate(byStep);
}

const BASELINES: BaseMethod[] = ['naive', 'seasonal_naive'];

export interface RecentChoice {
  method: BaseMethod;
  /** Each candidate's recent error (NaN when it has none yet). */
  errors: Partial<Record<BaseMethod, number>>;
}

/**
 * The choice at one origin. Each candidate's score is the mean of its recent error (the last day,
 * recency-weighted) and its error over the longer stretch (`longSpan`, a week, unweighted): a shift
 * makes recent errors large, so the score follows it within hours, while one lucky or unlucky hour
 * on a spiky series does not flip the choice (measured: recent error alone made auto chase spikes on
 * Twitter_volume_AAPL, 2× the LSTM's MAE at H = 12). The baseline (naive or seasonal naive) with the
 * lower score is the default; a learned method (MSTL, LSTM) replaces it only when its score is lower
 * by at least `margin` **and** its recent error is below naive's: nothing whose recent errors exceed
 * naive's is shown. Ties keep the simpler method (listed first); a candidate with no errors yet is
 * never chosen over one that has them.
 */
export function chooseRecent(
  tables: Array<{ method: BaseMethod; table: ErrorTable }>,
  before: number,
  horizon: number,
  opts: RecentOptions,
  margin: number
): RecentChoice | undefined {
  const scores = tables.map((c) => ({ method: c.method, ...recentScores(c.table, before, horizon, opts) }));
  const method = chooseByScores(scores, margin);
  const errors: RecentChoice['errors'] = {};
  for (const c of scores) {
    errors[c.method] = c.recent;
  }
  return method === undefined ? undefined : { method, errors };
}

/** A candidate's recent error and its selection score (mean of recent and week-long error). */
export function recentScores(
  t: ErrorTable,
  before: number,
  horizon: number,
  opts: RecentOptions
): { recent: number; score: number } {
  const recent = recentError(t, before, horizon, opts);
  const long = recentError(t, before, horizon, { ...opts, span: opts.longSpan, halfLife: Infinity });
  return { recent, score: (recent + long) / 2 };
}

/** The rule of `chooseRecent` on precomputed scores (the product's one origin uses it directly). */
export function chooseByScores(
  scores: Array<{ method: BaseMethod; recent: number; score: number }>,
  margin: number
): BaseMethod | undefined {
  const finite = (x: number) => (Number.isFinite(x) ? x : Infinity);
  let base: (typeof scores)[number] | undefined;
  for (const c of scores.filter((x) => BASELINES.includes(x.method))) {
    if (base === undefined || finite(c.score) < finite(base.score)) {
      base = c;
    }
  }
  const bar = base === undefined ? Infinity : finite(base.score) * (1 - margin);
  const naive = scores.find((c) => c.method === 'naive');
  const naiveRecent = naive ? finite(naive.recent) : Infinity;
  let learned: (typeof scores)[number] | undefined;
  for (const c of scores.filter((x) => !BASELINES.includes(x.method))) {
    const ok = finite(c.score) < bar && finite(c.recent) < naiveRecent;
    if (ok && (learned === undefined || finite(c.score) < finite(learned.score))) {
      learned = c;
    }
  }
  return (learned ?? base)?.method;
}
