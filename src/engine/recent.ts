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
import type { LocalScale } from './localScale';
import { type DayQuarters, dayQuarters, quarterOf, withinQuarterEvidence } from './quarterBands';
import { dailySeasonSteps } from './seasons';
import { searchSorted } from './sorted';
import { BASELINE_METHODS, isBaseline } from './methods';

/** One method's |actual − forecast| at rolling origins (ascending), per horizon step; NaN = not observed. */
export interface ErrorTable {
  origins: number[];
  errors: Float64Array[];
  /** The series' local scale at each origin and the function that gave it (normalised intervals). */
  scales?: Float64Array;
  scaleAt?: LocalScale;
}

export interface RecentOptions {
  /** Only errors whose target lies within this many steps before the cut-off count (a day). */
  span: number;
  /** Weight halves every this many steps back (recent errors count most). */
  halfLife: number;
  /** At least this many origins per step for the interval quantiles (older ones join when a day has fewer). */
  minResiduals: number;
  /** The longer stretch a learned method must also beat the baseline on (a week of origins, unweighted). */
  longSpan: number;
  /** Quarters of the day on the grid, by which band widths are refined (`quarterBands.ts`). */
  quarters: DayQuarters;
}

/**
 * A day of origins, weighted with a half-life of a quarter day; at least 100 residuals per step for
 * the quantiles. `startMs`: the time of grid index 0, so quarters of the day are quarters of the clock.
 */
export function recentOptions(stepMs: number, horizon: number, startMs = 0): RecentOptions {
  const day = dailySeasonSteps(stepMs) || 4 * horizon;
  const span = Math.max(day, 4 * horizon, 24);
  return {
    span,
    halfLife: Math.max(1, Math.round(span / 4)),
    minResiduals: 100,
    longSpan: 7 * span,
    quarters: dayQuarters(stepMs, startMs),
  };
}

/** Absolute errors per origin and step (NaN where the target is masked or beyond the data). */
export function errorTable(
  values: Float64Array,
  observed: Uint8Array,
  origins: number[],
  preds: Float64Array[],
  horizon: number,
  scaleAt?: LocalScale
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
  return scaleAt ? { origins, errors, scales: Float64Array.from(origins, scaleAt), scaleAt } : { origins, errors };
}

/**
 * Recency-weighted mean absolute error over every (origin, step) whose target is known before
 * `before` (o + h < before) and at most `span` steps old, weighted by the **target's** age: the
 * mean over steps of each step's weighted mean. Weighting by target rather than origin uses the
 * freshest data there is: a step-1 error from an hour ago counts, where waiting for whole-horizon
 * targets would see a level shift only H steps late (hourly data at H = 12: half a day).
 * Measured on the stress set: auto on a series that fell to a tenth went from 1.72 to 1.40 × naive;
 * on the shared set auto's H = 12 geo-mean improved too (0.670 → 0.657). NaN when nothing is known.
 * `since`: only forecasts issued at or after it count (the first origin that saw a new level, `shift.ts`).
 */
export function recentError(
  t: ErrorTable,
  before: number,
  horizon: number,
  opts: RecentOptions,
  since = -Infinity
): number {
  const s = new Float64Array(horizon);
  const sw = new Float64Array(horizon);
  eachKnownError(t, before, horizon, opts.span, since, (h, age, e) => {
    const w = Math.pow(0.5, age / opts.halfLife);
    s[h] += w * e;
    sw[h] += w;
  });
  let total = 0;
  let steps = 0;
  for (let h = 0; h < horizon; h++) {
    if (sw[h] > 0) {
      total += s[h] / sw[h];
      steps++;
    }
  }
  return steps > 0 ? total / steps : NaN;
}

/**
 * Calls `visit(h, age, error)` for every finite error whose target is known before `before`
 * (o + h < before) and at most `maxAge` steps old (age = before − 1 − (o + h)), from forecasts
 * issued at or after `since`; per step, the latest first. What both halves of the selection score
 * read, so "known" and "recent" mean the same in each.
 */
function eachKnownError(
  t: ErrorTable,
  before: number,
  horizon: number,
  maxAge: number,
  since: number,
  visit: (h: number, age: number, error: number) => void
): void {
  for (let h = 0; h < horizon; h++) {
    for (let i = searchSorted(t.origins, before - h) - 1; i >= 0 && t.origins[i] >= since; i--) {
      const age = before - 1 - (t.origins[i] + h);
      if (age > maxAge) {
        break;
      }
      const e = t.errors[i][h];
      if (Number.isFinite(e)) {
        visit(h, age, e);
      }
    }
  }
}

/**
 * Intervals from recent residuals: for step h, the errors of the origins whose step-h target is
 * known before `before` (o + h < before), the latest `span` of them (at least `minResiduals`).
 * After a level shift (`since`, `shift.ts`), errors of forecasts that straddle it (issued before it,
 * for a target after it) are left out: they are the jump's own miss, which selection leaves out too.
 * The errors before and since the shift are kept.
 *
 * With local scales (`localScale.ts`) the band is also computed from each error divided by the
 * scale at its origin, times the scale at `before` (normalised conformal), and the wider of the two
 * is kept: a band calibrated before a level shift or a burst grows with the series' swings now,
 * not days later, and never narrows faster than the raw residuals allow.
 *
 * Each of the two is then refined by quarter of the day: a step's width moves towards the last
 * day's residuals whose target fell in the same quarter as the one forecast, as far as their count
 * makes that certain (`quarterBands.ts`).
 */
export function recentCalibration(
  t: ErrorTable,
  before: number,
  horizon: number,
  opts: RecentOptions,
  since?: number
): Calibration {
  const keep = Math.max(opts.span, opts.minResiduals);
  const now = t.scaleAt?.(before) ?? NaN;
  let normalised = t.scales !== undefined && Number.isFinite(now);
  const raw: number[][] = [];
  const norm: number[][] = [];
  const rawInQuarter: number[][] = [];
  const normInQuarter: number[][] = [];
  for (let h = 0; h < horizon; h++) {
    const end = searchSorted(t.origins, before - h);
    const r: number[] = [];
    const q: number[] = [];
    const rq: number[] = [];
    const qq: number[] = [];
    const quarter = quarterOf(before + h, opts.quarters);
    for (let i = end - 1; i >= 0 && r.length < keep; i--) {
      const e = t.errors[i][h];
      // A forecast issued before a level shift for a target after it measured the shift itself,
      // which has happened: counted, it opened every band from that step on to the jump's size.
      const straddles = since !== undefined && t.origins[i] < since && t.origins[i] + h >= since;
      if (Number.isFinite(e) && !straddles) {
        const s = t.scales?.[i] ?? NaN;
        // one residual without a scale (a history that had not moved yet): keep raw errors
        normalised &&= Number.isFinite(s);
        r.push(e);
        q.push(e / s);
        const target = t.origins[i] + h;
        if (quarter >= 0 && before - target <= opts.span && quarterOf(target, opts.quarters) === quarter) {
          rq.push(e);
          qq.push(e / s);
        }
      }
    }
    raw.push(r);
    norm.push(q);
    rawInQuarter.push(rq);
    normInQuarter.push(qq);
  }
  const plain = withinQuarterEvidence(calibrate(raw), rawInQuarter);
  if (!normalised) {
    return plain;
  }
  // The wider of the two: normalised residuals widen the band as soon as the swings grow (a level
  // that triples), raw ones keep it where errors are about the level rather than the swings (after
  // a fall to zero the swings vanish but seasonal naive still misses by yesterday's level).
  const scaled = withinQuarterEvidence(calibrate(norm), normInQuarter);
  const wider = (a: number[], b: number[]) => a.map((x, h) => Math.max(x, b[h] * now));
  return { ...plain, q80: wider(plain.q80, scaled.q80), q95: wider(plain.q95, scaled.q95) };
}

export interface RecentChoice {
  method: BaseMethod;
  /** Each candidate's recent error (NaN when it has none yet). */
  errors: Partial<Record<BaseMethod, number>>;
}

/**
 * The choice at one origin. Each candidate's score is the mean of its recent error (the last day,
 * recency-weighted) and its error over the longer stretch (`longSpan`, a week; `weekError`): a shift
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
  margin: number,
  since?: number,
  cameBack?: readonly boolean[]
): RecentChoice | undefined {
  const scores = tables.map((c) => ({
    method: c.method,
    ...recentScores(c.table, before, horizon, opts, since, cameBack),
  }));
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
  opts: RecentOptions,
  since?: number,
  cameBack?: readonly boolean[]
): { recent: number; score: number } {
  const recent = recentError(t, before, horizon, opts, since);
  return { recent, score: (recent + weekError(t, before, horizon, opts, since, cameBack)) / 2 };
}

/** How many days (`span` steps each) the week-long score is split into. */
export function weekDays(opts: RecentOptions): number {
  return Math.max(1, Math.round(opts.longSpan / opts.span));
}

/**
 * The week-long half of the selection score: the unweighted MAE over every (origin, step) whose
 * target is at most `longSpan` steps old (the mean over steps of each step's mean), leaving out the
 * targets of the week's worst day (`span` steps, counted back from `before`; its MAE the mean over
 * steps of that day's per-step means) when the series came back from it (`cameBack[b]`,
 * `incidents.ts`) and at least two other days have errors. NaN when nothing is known.
 *
 * Why: the full week's mean is the right estimate of next week's error only if its incidents recur
 * at the rate they happened; a day the series came back from is an incident that is over, and the
 * method that happened to miss it least should not be shown for a week because of it. Measured over
 * every origin phase against the whole week (`src/engine/MEASUREMENTS.md`): the 25 nab-extra series
 * 0.5665 → 0.5530 × seasonal naive at H = 12 and 0.5055 → 0.5011 at H = 3; the shared
 * set flat (0.6176 → 0.6180, 0.5157 → 0.5159); the stress set unchanged at 277 of 288 cells within
 * 1.10 × the better baseline. Without a day to drop it is exactly the week's MAE, as before.
 */
export function weekError(
  t: ErrorTable,
  before: number,
  horizon: number,
  opts: RecentOptions,
  since = -Infinity,
  cameBack: readonly boolean[] = []
): number {
  const days = weekDays(opts);
  const sum = new Float64Array(days * horizon);
  const count = new Float64Array(days * horizon);
  eachKnownError(t, before, horizon, opts.longSpan, since, (h, age, e) => {
    // the target exactly longSpan old (inside recentError's window too) joins the oldest day
    const cell = Math.min(days - 1, Math.floor(age / opts.span)) * horizon + h;
    sum[cell] += e;
    count[cell]++;
  });
  const mae = (keep: (day: number) => boolean): number => {
    let total = 0;
    let steps = 0;
    for (let h = 0; h < horizon; h++) {
      let s = 0;
      let n = 0;
      for (let d = 0; d < days; d++) {
        if (keep(d)) {
          s += sum[d * horizon + h];
          n += count[d * horizon + h];
        }
      }
      if (n > 0) {
        total += s / n;
        steps++;
      }
    }
    return steps > 0 ? total / steps : NaN;
  };
  const daily = Array.from({ length: days }, (_, d) => mae((x) => x === d));
  const known = daily.filter(Number.isFinite).length;
  // the first of the highest (ties: the latest day, which never came back yet)
  const worst = daily.reduce((w, m, d) => (Number.isFinite(m) && (w < 0 || m > daily[w]) ? d : w), -1);
  const drop = known >= 3 && cameBack[worst] === true ? worst : -1;
  return mae((d) => d !== drop);
}

/** The rule of `chooseRecent` on precomputed scores (the product's one origin uses it directly). */
export function chooseByScores(
  scores: Array<{ method: BaseMethod; recent: number; score: number }>,
  margin: number
): BaseMethod | undefined {
  const finite = (x: number) => (Number.isFinite(x) ? x : Infinity);
  let base: (typeof scores)[number] | undefined;
  // naive first, so a tie (nothing scored yet, e.g. just after a level shift) keeps the last value
  for (const m of BASELINE_METHODS) {
    const c = scores.find((x) => x.method === m);
    if (c && (base === undefined || finite(c.score) < finite(base.score))) {
      base = c;
    }
  }
  const bar = base === undefined ? Infinity : finite(base.score) * (1 - margin);
  const naive = scores.find((c) => c.method === 'naive');
  const naiveRecent = naive ? finite(naive.recent) : Infinity;
  let learned: (typeof scores)[number] | undefined;
  for (const c of scores.filter((x) => !isBaseline(x.method))) {
    const ok = finite(c.score) < bar && finite(c.recent) < naiveRecent;
    if (ok && (learned === undefined || finite(c.score) < finite(learned.score))) {
      learned = c;
    }
  }
  return (learned ?? base)?.method;
}
