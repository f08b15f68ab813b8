import type { BaseMethod, LstmOptions, MethodScore, SavedModel, TrainProgress } from './api';
import { seasonalNaiveModel, naiveModel } from './baselines';
import { type Calibration, calibrate } from './conformal';
import {
  type ErrorTable,
  type RecentOptions,
  chooseByScores,
  errorTable,
  recentCalibration,
  recentOptions,
  recentScores,
  weekDays,
} from './recent';
import { incidentDays } from './incidents';
import { spacedOrigins } from './budget';
import { type Shift, regimeStarts, shiftMinRun } from './shift';
import { excursionStarts, unconfirmedExcursion } from './excursion';
import { sesFitter } from './smoothing';
import { seasonalMeanFitter } from './seasonalMean';
import { linearFitter } from './linear';
import { type LocalScale, localScale } from './localScale';
import { ENSEMBLES, ENSEMBLE_MIN_MEMBERS, type EnsembleMethod, ensembleModel, medianForecasts } from './ensemble';
import { formatDuration } from '../common/duration';
import { methodName } from '../common/methodNames';
import { EngineError, throwIfAborted } from './errors';
import { absErrorsByStep, scoreForecasts } from './evaluate';
import { maseScale } from './metrics';
import type { FittedModel } from './model';
import { DEFAULT_LSTM_WINDOW, pointsBeforeValidation, tooLittleHistory, validationLength } from './requirements';
import { dailySeasonSteps, seasonalNaiveLag } from './seasons';

/** What a fitter gets: fit on values[0..end); `valOrigins` (all ≥ end) may be used for early stopping. */
export interface FitContext {
  values: Float64Array;
  observed: Uint8Array;
  stepMs: number;
  horizon: number;
  end: number;
  valOrigins: number[];
  lstm?: LstmOptions;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** A saved LSTM to reuse (forecast only) or fine-tune. */
  saved?: SavedModel;
  fineTune?: boolean;
}

export interface MethodFitter {
  fit(ctx: FitContext): Promise<FittedModel>;
  /**
   * true: refit on all data up to the origin for the final forecast (cheap, e.g. MSTL);
   * false: the model trained before the validation region (with early stopping on it) is reused.
   */
  refitFinal: boolean;
}

export interface CandidateResult {
  method: BaseMethod;
  final: FittedModel;
  /** Intervals from the recent validation residuals (`recent.ts`): the last day of origins before fitEnd. */
  cal: Calibration;
  /** Its absolute errors at every validation origin: what per-origin selection and recent intervals read. */
  table: ErrorTable;
  /** Recency-weighted validation MAE over the last day of origins before fitEnd. */
  recentMae: number;
  /** What `auto` ranks by: the mean of `recentMae` and the MAE over the last week of origins, less an incident day (`recent.ts` `weekError`). */
  selectionScore: number;
  /**
   * Out-of-sample score on the validation region; its coverage is cross-fitted (calibrated on one
   * half, counted on the other). What the report shows is `reportedCoverage` (`bandReplay.ts`).
   */
  val: MethodScore;
}

export interface PipelineInput {
  values: Float64Array;
  observed: Uint8Array;
  stepMs: number;
  /** Time of grid index 0: band widths are refined by quarter of the (clock) day (`quarterBands.ts`). */
  startMs?: number;
  horizon: number;
  /** The forecast origin: only values[0..fitEnd) are used. */
  fitEnd: number;
  methods: BaseMethod[];
  /** A method whose failure is an error, not a skip (an explicitly requested one). */
  required?: BaseMethod;
  fitters: Partial<Record<BaseMethod, MethodFitter>>;
  lstm?: LstmOptions;
  saved?: SavedModel;
  fineTune?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** From the budget: score each method on at most this many (evenly spaced) validation origins. */
  maxValOrigins?: number;
  /** From the budget: methods not to run, with what to change. */
  refused?: Array<{ method: BaseMethod; reason: string }>;
  /** Add the median of the fitted candidates as one more (`ensemble.ts`; `auto` asks for it). */
  ensemble?: boolean;
}

export interface PipelineResult {
  candidates: CandidateResult[];
  /** Candidates not used, each reason a sentence fragment saying why and what to change. */
  skipped: Array<{ method: BaseMethod; reason: string }>;
  /** What fitting did that the user should know (e.g. training stopped by its time limit). */
  notes: string[];
  /** Validation origins available before the budget thinned them (= valOrigins.length when not). */
  valOriginsAvailable: number;
  valStart: number;
  valOrigins: number[];
  /** MASE denominator: in-sample daily seasonal-naive MAE before fitEnd. */
  scale: number;
  nonNegative: boolean;
  /** A level shift before fitEnd (`shift.ts`): selection then reads only forecasts issued since it. */
  shift?: Shift;
  /** Values beyond the whole history, too few yet for a shift (`excursion.ts`): `auto` then shows the last value. */
  excursion?: Shift;
  /** The recent window the candidates were scored and calibrated with (`recent.ts`). */
  recent: RecentOptions;
}

export function isNonNegative(values: Float64Array, end: number): boolean {
  for (let i = 0; i < end; i++) {
    if (values[i] < 0) {
      return false;
    }
  }
  return true;
}

/**
 * Validates every candidate method on rolling origins in the validation region just before
 * `fitEnd` (fitting only on data before that region), calibrates its intervals from those
 * out-of-sample errors, and returns the model to forecast from `fitEnd` on.
 */
export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const { values, observed, stepMs, horizon, fitEnd } = input;
  const valLen = validationLength(fitEnd, horizon, stepMs);
  const valStart = fitEnd - valLen;
  const maxOrigins = input.maxValOrigins ?? Infinity;
  const valOrigins = spacedOrigins(valStart, fitEnd - horizon, maxOrigins);
  const valOriginsAvailable = Math.max(0, fitEnd - horizon - valStart + 1);
  const nonNegative = isNonNegative(values, fitEnd);
  const scale = maseScale(values, fitEnd, dailySeasonSteps(stepMs), observed);
  const candidates: CandidateResult[] = [];
  const skipped: PipelineResult['skipped'] = [];
  const notes: string[] = [];
  const lag = seasonalNaiveLag(stepMs, valStart);
  // The recent window, a level shift, an excursion: what the result reports and the choice at fitEnd reads.
  const { cameBack, ...regime } = selectionContext(values, observed, stepMs, horizon, fitEnd, input.startMs);
  const { recent } = regime;
  // Intervals are normalised by the series' local scale (localScale.ts): one per series, shared by every method.
  const scaleAt = localScale(values, observed, recent.span);
  const fitters: Partial<Record<BaseMethod, MethodFitter>> = {
    naive: { fit: async () => naiveModel(), refitFinal: false },
    seasonal_naive: { fit: async () => seasonalNaiveModel(lag), refitFinal: false },
    ses: sesFitter(dailySeasonSteps(stepMs)),
    seasonal_mean: seasonalMeanFitter(dailySeasonSteps(stepMs)),
    linear: linearFitter(),
    ...input.fitters,
  };
  const scored = { values, observed, valOrigins, horizon, fitEnd, scaleAt, recent, nonNegative, scale };
  const scoring: Scoring = { ...scored, since: regime.shift?.since, cameBack };
  // The candidates that ran, with their validation forecasts, while the medians (`ensemble.ts`)
  // are to be built from them.
  const ran: Array<{ method: BaseMethod; model: FittedModel; preds: Float64Array[] }> = [];
  for (const method of input.methods) {
    throwIfAborted(input.signal);
    const fitter = usableFitter(input, method, fitters, valStart, skipped);
    if (!fitter) {
      continue;
    }
    const ctx: FitContext = {
      values,
      observed,
      stepMs,
      horizon,
      end: valStart,
      valOrigins,
      lstm: input.lstm,
      signal: input.signal,
      onProgress: input.onProgress,
      saved: input.saved,
      fineTune: input.fineTune,
    };
    let valModel: FittedModel;
    try {
      valModel = await fitter.fit(ctx);
    } catch (e) {
      if (e instanceof Error && e.name === 'EngineError' && (e as { code?: string }).code === 'cancelled') {
        throw e;
      }
      if (input.methods.length === 1 || method === input.required) {
        throw e;
      }
      skipped.push({ method, reason: failureReason(e, fitEnd, stepMs, observedShare(observed, fitEnd)) });
      continue;
    }
    notes.push(...(valModel.notes ?? []));
    const preds = await valModel.predict(values, valOrigins, horizon);
    let final = valModel;
    if (fitter.refitFinal) {
      valModel.dispose();
      final = await fitter.fit({ ...ctx, end: fitEnd, valOrigins: [] });
      notes.push(...(final.notes ?? []));
    }
    candidates.push(scoreCandidate(scoring, method, final, preds, valModel.fitMs));
    if (input.ensemble) {
      ran.push({ method, model: final, preds });
    }
  }
  for (const { method, members: membersOf } of ENSEMBLES) {
    const members = membersOf(ran);
    if (members.length >= ENSEMBLE_MIN_MEMBERS) {
      candidates.push(ensembleCandidate(scoring, method, members));
    }
  }
  return { candidates, skipped, notes, valOriginsAvailable, valStart, valOrigins, scale, nonNegative, ...regime };
}

/**
 * What selection at fitEnd reads besides the errors: the recent window it scores them over
 * (`recent.ts`), a level shift (only forecasts since it count, `shift.ts`), an excursion not yet
 * long enough to be one (`excursion.ts`), and the days of the last week that were incidents the
 * series came back from (`incidents.ts`).
 */
function selectionContext(
  values: Float64Array,
  observed: Uint8Array,
  stepMs: number,
  horizon: number,
  fitEnd: number,
  startMs?: number
): { recent: RecentOptions; shift?: Shift; excursion?: Shift; cameBack: boolean[] } {
  const recent = recentOptions(stepMs, horizon, startMs);
  const shift = regimeStarts(values, observed, recent.span, shiftMinRun(stepMs, horizon))(fitEnd);
  return {
    recent,
    shift,
    excursion: unconfirmedExcursion(excursionStarts(values, observed, recent.span), shift, fitEnd),
    cameBack: incidentDays(values, observed, recent.span, weekDays(recent))(fitEnd),
  };
}

/** The median of the members' validation forecasts, scored like any candidate (`ensemble.ts`). */
function ensembleCandidate(
  s: Scoring,
  method: EnsembleMethod,
  members: Array<{ model: FittedModel; preds: Float64Array[] }>
): CandidateResult {
  const model = ensembleModel(
    members.map((m) => m.model),
    method
  );
  return scoreCandidate(s, method, model, medianForecasts(members.map((m) => m.preds)), 0);
}

/** What scoring a candidate needs from its pipeline run. */
interface Scoring {
  values: Float64Array;
  observed: Uint8Array;
  valOrigins: number[];
  horizon: number;
  fitEnd: number;
  scaleAt: LocalScale;
  recent: RecentOptions;
  nonNegative: boolean;
  scale: number;
  /** Only forecasts issued at or after this origin count for selection (a level shift). */
  since?: number;
  /** The days of the last week the series came back from (`incidents.ts`). */
  cameBack: boolean[];
}

/** A candidate from its validation forecasts: selection and intervals read the recent part of its errors (recent.ts). */
function scoreCandidate(
  s: Scoring,
  method: BaseMethod,
  final: FittedModel,
  preds: Float64Array[],
  fitMs: number
): CandidateResult {
  const table = errorTable(s.values, s.observed, s.valOrigins, preds, s.horizon, s.scaleAt);
  const { recent: recentMae, score: selectionScore } = recentScores(
    table,
    s.fitEnd,
    s.horizon,
    s.recent,
    s.since,
    s.cameBack
  );
  return {
    method,
    final,
    cal: recentCalibration(table, s.fitEnd, s.horizon, s.recent, s.since),
    table,
    recentMae,
    selectionScore,
    val: crossFittedScore(s.values, s.observed, s.valOrigins, preds, s.horizon, s.nonNegative, s.scale, fitMs),
  };
}

/**
 * The fitter for `method`, or undefined after recording why it cannot run (a budget refusal, too
 * little history before the validation region, not in this runtime). A refusal of the one requested
 * method is an error.
 */
function usableFitter(
  input: PipelineInput,
  method: BaseMethod,
  fitters: Partial<Record<BaseMethod, MethodFitter>>,
  valStart: number,
  skipped: PipelineResult['skipped']
): MethodFitter | undefined {
  const { stepMs, horizon, fitEnd } = input;
  const window = input.lstm?.window ?? DEFAULT_LSTM_WINDOW;
  const refusal = input.refused?.find((r) => r.method === method);
  if (refusal) {
    if (input.methods.length === 1 || method === input.required) {
      throw new EngineError(`${methodName(method)} cannot run here: ${refusal.reason}.`, 'bad_input');
    }
    skipped.push(refusal);
    return undefined;
  }
  if (valStart < pointsBeforeValidation(method, stepMs, horizon, window)) {
    skipped.push({ method, reason: tooLittleHistory(method, fitEnd, stepMs, horizon, window) });
    return undefined;
  }
  const fitter = fitters[method];
  if (!fitter) {
    skipped.push({
      method,
      reason: 'it is not available in this runtime (the engine was started without it) — pick another method',
    });
  }
  return fitter;
}

/** The share of the first `end` grid points that were observed, not filled across a long gap. */
function observedShare(observed: Uint8Array, end: number): number {
  let seen = 0;
  for (let i = 0; i < end; i++) {
    seen += observed[i];
  }
  return end > 0 ? seen / end : 0;
}

/** Below this share of observed points, "too little history" is the gaps' doing, not the window's. */
const MOSTLY_GAPS = 0.5;

/** A fit that threw, as a reason with what to do about it. */
function failureReason(e: unknown, have: number, stepMs: number, observedShareOfWindow = 1): string {
  const message = (e instanceof Error ? e.message : String(e)).trim().replace(/[.\s]+$/, '');
  const code = e instanceof EngineError ? e.code : undefined;
  switch (code) {
    case 'incompatible_model':
      return `the saved model could not be used (${message}) — clear the saved model or let it retrain`;
    case 'too_short':
      // A window that is mostly gaps (a filter such as "> 0.5" in the query, a target often down)
      // is not cured by a longer one: say what is missing.
      return observedShareOfWindow < MOSTLY_GAPS
        ? `${message} — only ${Math.round(observedShareOfWindow * 100)} % of the ${formatDuration(have * stepMs)} ` +
            'window has values, the rest is gaps (a comparison filter such as "> 0.5" in the query, or a target that ' +
            'is often down, leaves them): query the series without the filter, or widen the training window'
        : `${message} — widen the training window beyond ${formatDuration(have * stepMs)}`;
    case 'unavailable':
      // a message that already says what to do (" — shorten the horizon, …") needs no second advice
      return message.includes(' — ') ? message : `${message} — pick another method`;
    default:
      return `it failed (${message}); the other methods were used — retry, or pick another method if it repeats`;
  }
}

/** Point metrics over all validation origins; coverage calibrated on one half and counted on the other. */
function crossFittedScore(
  values: Float64Array,
  observed: Uint8Array,
  origins: number[],
  preds: Float64Array[],
  horizon: number,
  nonNegative: boolean,
  scale: number,
  fitMs: number
): MethodScore {
  const all = { origins, preds };
  const mid = origins.length >> 1;
  const a = { origins: origins.slice(0, mid), preds: preds.slice(0, mid) };
  const b = { origins: origins.slice(mid), preds: preds.slice(mid) };
  const full = scoreForecasts(
    values,
    observed,
    all,
    calibrate(absErrorsByStep(values, observed, all, horizon)),
    nonNegative,
    scale,
    fitMs
  );
  if (mid === 0) {
    return full;
  }
  const calA = calibrate(absErrorsByStep(values, observed, a, horizon));
  const calB = calibrate(absErrorsByStep(values, observed, b, horizon));
  const onB = scoreForecasts(values, observed, b, calA, nonNegative, scale, fitMs);
  const onA = scoreForecasts(values, observed, a, calB, nonNegative, scale, fitMs);
  return {
    ...full,
    coverage80: (onA.coverage80 + onB.coverage80) / 2,
    coverage95: (onA.coverage95 + onB.coverage95) / 2,
  };
}

/**
 * What `auto` reads of a candidate's last day: its recent MAE, or its whole-validation MAE when it
 * has none yet. After a level shift there is no such fallback: forecasts issued before the shift do
 * not count, and with none since it every candidate ties (NaN) and the last value is shown.
 */
export function recentMaeOf(c: CandidateResult, shifted = false): number {
  return Number.isFinite(c.recentMae) || shifted ? c.recentMae : c.val.mae;
}

/** What `auto` ranks by (day and week together), with the same fallback. */
export function selectionScoreOf(c: CandidateResult, shifted = false): number {
  return Number.isFinite(c.selectionScore) || shifted ? c.selectionScore : c.val.mae;
}

/** A learned method must beat the chosen baseline's selection score by this share to be preferred. */
export const SELECTION_MARGIN = 0.03;

/**
 * `auto`'s choice at the forecast origin, by the rule of `recent.ts` `chooseRecent`: the baseline
 * with the lower selection score (mean of the last day's recency-weighted and the last week's
 * validation MAE, without the worst day when the series came back from it), replaced by a learned
 * method (MSTL, LSTM) only when that beats it by at least SELECTION_MARGIN and its recent errors
 * are below naive's. So a method whose recent errors exceed naive's is never shown, and after a
 * level shift the choice follows within hours instead of holding a choice made days ago. `shifted`: the scores cover only forecasts since a level shift.
 */
export function bestByValidation(candidates: CandidateResult[], shifted = false): CandidateResult | undefined {
  const method = chooseByScores(
    candidates.map((c) => ({
      method: c.method,
      recent: recentMaeOf(c, shifted),
      score: selectionScoreOf(c, shifted),
    })),
    SELECTION_MARGIN
  );
  return candidates.find((c) => c.method === method);
}
