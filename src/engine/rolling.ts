/**
 * Scores fitted candidates at rolling origins the way the product runs them: at every origin each
 * method's intervals come from its recent residuals, and `auto` re-selects from the errors the
 * candidates made before that origin (`recent.ts`). In the product every refresh is a new origin;
 * this is the same decision replayed at each backtest origin.
 */
import type { BaseMethod, ForecastBand, MethodScore } from './api';
import { type Calibration, makeBand } from './conformal';
import { ENSEMBLES, medianForecasts } from './ensemble';
import { absErrorsByStep, originRange, scoreBands } from './evaluate';
import { type CandidateResult, SELECTION_MARGIN } from './pipeline';
import { regimeStarts, shiftMinRun } from './shift';
import { type ErrorTable, chooseRecent, errorTable, recentCalibration, recentOptions, weekDays } from './recent';
import { incidentDays } from './incidents';
import { excursionStarts, unconfirmedExcursion } from './excursion';

export type AutoScore = MethodScore & {
  /** The method auto used at most origins. */
  chosen: BaseMethod;
  /** How many origins each method was shown at. */
  choices?: Partial<Record<BaseMethod, number>>;
  /** How often the choice changed from one origin to the next. */
  switches?: number;
  /** The same replay at every origin phase (`RollingInput.phases`); offset 0 is the origins scored above. */
  phases?: PhaseScore[];
};

/**
 * `auto` and the two baselines scored on the origins moved `offset` steps later. Why: a backtest
 * with origins every H steps sees a level shift from one phase only (the first origin after it may
 * be 1 step or H steps late), and the steps right after a change decide a stressed series' score.
 * Scored at every phase, a figure no longer depends on where a change falls between two origins.
 */
export interface PhaseScore {
  offset: number;
  origins: number;
  /** MAE of auto, naive and seasonal naive on these origins (NaN when the method is missing). */
  auto: number;
  naive: number;
  seasonalNaive: number;
  /** auto's 95 % interval coverage on these origins. */
  coverage95: number;
}

export interface RollingInput {
  values: Float64Array;
  observed: Uint8Array;
  /** Time of grid index 0 (quarters of the day for the bands, `quarterBands.ts`). */
  startMs?: number;
  stepMs: number;
  horizon: number;
  /** Scored origins (ascending, each forecasting `horizon` steps), all ≥ the candidates' fit end. */
  origins: number[];
  nonNegative: boolean;
  /** MASE denominator. */
  scale: number;
  /** Also score `auto` at every origin phase (offsets 0 … H − 1 within the same test region). */
  phases?: boolean;
}

/**
 * Each candidate scored at `origins` with rolling recent intervals, and `auto` re-selecting at
 * every origin. Every candidate forecasts from every step between the first and last origin, so the
 * errors before each origin (validation region, then the test region so far) are known to it.
 */
export async function rollingScores(
  input: RollingInput,
  candidates: CandidateResult[],
  withAuto: boolean
): Promise<{ methods: Partial<Record<BaseMethod, MethodScore>>; auto?: AutoScore }> {
  const { values, observed, horizon: H, origins } = input;
  const opts = recentOptions(input.stepMs, H, input.startMs);
  const first = origins[0];
  const steps = originRange(first, origins[origins.length - 1], 1);
  const tables: Array<{ method: BaseMethod; table: ErrorTable; preds: Float64Array[] }> = [];
  for (const c of candidates) {
    // A median's forecasts are the median of its members' already computed here (medians come last).
    const median = ENSEMBLES.find((e) => e.method === c.method);
    const preds = median
      ? medianForecasts(median.members(tables).map((t) => t.preds))
      : await c.final.predict(values, steps, H);
    const test = errorTable(values, observed, steps, preds, H, c.table.scaleAt);
    tables.push({ method: c.method, preds, table: joinTables(c.table, test, first) });
  }
  // After a level shift only forecasts issued since it are compared (shift.ts), and the band leaves
  // out the forecasts that straddle it (recent.ts).
  const regimeAt = regimeStarts(values, observed, opts.span, shiftMinRun(input.stepMs, H));
  // One calibration per method and origin (the methods' scores and auto's choice share it).
  const cals = new Map<string, Calibration>();
  const bandAt = (k: number, o: number): ForecastBand => {
    let cal = cals.get(`${k}:${o}`);
    if (!cal) {
      cal = recentCalibration(tables[k].table, o, H, opts, regimeAt(o)?.since);
      cals.set(`${k}:${o}`, cal);
    }
    return makeBand(tables[k].preds[o - first], cal, input.nonNegative);
  };
  const methods: Partial<Record<BaseMethod, MethodScore>> = {};
  candidates.forEach((c, k) => {
    const bands = origins.map((o) => bandAt(k, o));
    methods[c.method] = scoreBands(values, observed, origins, bands, input.scale, Math.round(c.final.fitMs));
  });
  if (!withAuto || candidates.length === 0) {
    return { methods };
  }
  // The week-long score leaves out the worst day the series came back from (incidents.ts).
  const cameBackAt = incidentDays(values, observed, opts.span, weekDays(opts));
  // During an excursion too short to be a level shift the last value is shown (excursion.ts).
  const excursionAt = excursionStarts(values, observed, opts.span);
  const naive = tables.findIndex((t) => t.method === 'naive');
  const autoAt = (at: number[]) => {
    const choices: Partial<Record<BaseMethod, number>> = {};
    const bands: ForecastBand[] = [];
    let switches = 0;
    let prev: BaseMethod | undefined;
    for (const o of at) {
      const shift = regimeAt(o);
      const pick = chooseRecent(tables, o, H, opts, SELECTION_MARGIN, shift?.since, cameBackAt(o));
      const chosen = Math.max(
        0,
        tables.findIndex((t) => t.method === pick?.method)
      );
      const k = naive >= 0 && unconfirmedExcursion(excursionAt, shift, o) ? naive : chosen;
      const m = tables[k].method;
      choices[m] = (choices[m] ?? 0) + 1;
      switches += prev !== undefined && prev !== m ? 1 : 0;
      prev = m;
      bands.push(bandAt(k, o));
    }
    return { choices, switches, score: scoreBands(values, observed, at, bands, input.scale, 0) };
  };
  const { choices, switches, score } = autoAt(origins);
  const chosen = (Object.entries(choices) as Array<[BaseMethod, number]>).sort((a, b) => b[1] - a[1])[0][0];
  const auto: AutoScore = { ...score, chosen, choices, switches };
  if (input.phases) {
    auto.phases = phaseScores(input, tables, score, (at) => autoAt(at).score);
  }
  return { methods, auto };
}

/**
 * `PhaseScore` at every offset 0 … H − 1: `auto` replayed on the moved origins (`autoScore`; offset 0
 * is the protocol's `score`), and both baselines' MAE there.
 */
function phaseScores(
  input: RollingInput,
  tables: Array<{ method: BaseMethod; preds: Float64Array[] }>,
  score: MethodScore,
  autoScore: (at: number[]) => MethodScore
): PhaseScore[] {
  const { origins, horizon: H } = input;
  const first = origins[0];
  const last = origins[origins.length - 1];
  // A baseline's MAE at these origins, its forecasts clipped at 0 as a band's mean is (`makeBand`).
  const baselineMae = (method: BaseMethod, at: number[]) => {
    const t = tables.find((x) => x.method === method);
    if (!t) {
      return NaN;
    }
    const preds = at.map((o) => t.preds[o - first].map((x) => (input.nonNegative ? Math.max(0, x) : x)));
    const errors = absErrorsByStep(input.values, input.observed, { origins: at, preds }, H).flat();
    return errors.length > 0 ? errors.reduce((a, b) => a + b, 0) / errors.length : NaN;
  };
  const out: PhaseScore[] = [];
  for (let offset = 0; offset < H; offset++) {
    const at = origins.map((o) => o + offset).filter((o) => o <= last);
    const a = offset === 0 ? score : autoScore(at);
    out.push({
      offset,
      origins: at.length,
      auto: a.mae,
      naive: baselineMae('naive', at),
      seasonalNaive: baselineMae('seasonal_naive', at),
      coverage95: a.coverage95,
    });
  }
  return out;
}

/** Validation errors before `first`, then the test region's. */
function joinTables(val: ErrorTable, test: ErrorTable, first: number): ErrorTable {
  const keep = val.origins.findIndex((o) => o >= first);
  const n = keep < 0 ? val.origins.length : keep;
  const joined: ErrorTable = {
    origins: [...val.origins.slice(0, n), ...test.origins],
    errors: [...val.errors.slice(0, n), ...test.errors],
  };
  if (val.scales && test.scales) {
    joined.scales = Float64Array.from([...val.scales.subarray(0, n), ...test.scales]);
    joined.scaleAt = test.scaleAt;
  }
  return joined;
}
