import type { BaseMethod, LstmOptions, MethodScore, SavedModel, TrainProgress } from './api';
import { seasonalNaiveModel, naiveModel } from './baselines';
import { type Calibration, calibrate } from './conformal';
import { spacedOrigins } from './budget';
import { formatDuration, roundUpDuration } from './duration';
import { EngineError, throwIfAborted } from './errors';
import { absErrorsByStep, scoreForecasts } from './evaluate';
import { maseScale } from './metrics';
import type { FittedModel } from './model';
import { DEFAULT_LSTM_WINDOW, minimumPoints, pointsBeforeValidation, validationLength } from './requirements';
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
  cal: Calibration;
  /** Out-of-sample score on the validation region (coverage cross-fitted: calibrated on one half, counted on the other). */
  val: MethodScore;
  /**
   * Baselines only: MAE over a longer stretch before the forecast origin (up to 7 days, every step,
   * same origins for naive and seasonal naive). Picks the baseline more robustly than 2 days can.
   */
  longMae?: number;
}

export interface PipelineInput {
  values: Float64Array;
  observed: Uint8Array;
  stepMs: number;
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
  const window = input.lstm?.window ?? DEFAULT_LSTM_WINDOW;
  const candidates: CandidateResult[] = [];
  const skipped: PipelineResult['skipped'] = [];
  const notes: string[] = [];
  const lag = seasonalNaiveLag(stepMs, valStart);
  const fitters: Partial<Record<BaseMethod, MethodFitter>> = {
    naive: { fit: async () => naiveModel(), refitFinal: false },
    seasonal_naive: { fit: async () => seasonalNaiveModel(lag), refitFinal: false },
    ...input.fitters,
  };
  for (const method of input.methods) {
    throwIfAborted(input.signal);
    const refusal = input.refused?.find((r) => r.method === method);
    if (refusal) {
      if (input.methods.length === 1 || method === input.required) {
        throw new EngineError(`${methodLabel(method)} cannot run here: ${refusal.reason}.`, 'bad_input');
      }
      skipped.push(refusal);
      continue;
    }
    const need = pointsBeforeValidation(method, stepMs, horizon, window);
    if (valStart < need) {
      skipped.push({ method, reason: tooLittleHistory(method, fitEnd, stepMs, horizon, window) });
      continue;
    }
    const fitter = fitters[method];
    if (!fitter) {
      skipped.push({
        method,
        reason: 'it is not available in this runtime (the engine was started without it) — pick another method',
      });
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
      skipped.push({ method, reason: failureReason(e, fitEnd, stepMs) });
      continue;
    }
    notes.push(...(valModel.notes ?? []));
    const preds = await valModel.predict(values, valOrigins, horizon);
    const errs = absErrorsByStep(values, observed, { origins: valOrigins, preds }, horizon);
    const cal = calibrate(errs);
    const val = crossFittedScore(values, observed, valOrigins, preds, horizon, nonNegative, scale, valModel.fitMs);
    let final = valModel;
    if (fitter.refitFinal) {
      valModel.dispose();
      final = await fitter.fit({ ...ctx, end: fitEnd, valOrigins: [] });
      notes.push(...(final.notes ?? []));
    }
    candidates.push({ method, final, cal, val });
  }
  await addLongBaselineMae(candidates, values, observed, stepMs, horizon, fitEnd, lag, maxOrigins);
  return { candidates, skipped, notes, valOriginsAvailable, valStart, valOrigins, scale, nonNegative };
}

export function methodLabel(m: BaseMethod): string {
  return m === 'seasonal_naive' ? 'Seasonal naive' : m === 'mstl' ? 'MSTL' : m === 'lstm' ? 'LSTM' : 'Naive';
}

/** "this window gives 461 points (…), it needs 535 — widen the training window to 2d or more". */
export function tooLittleHistory(
  method: BaseMethod,
  have: number,
  stepMs: number,
  horizon: number,
  window: number
): string {
  const need = minimumPoints(method, stepMs, horizon, window);
  if (!Number.isFinite(need)) {
    return (
      `it needs a daily season, and a step of ${formatDuration(stepMs)} gives fewer than two points a day — ` +
      `use a step of 12h or less`
    );
  }
  return (
    `this window gives ${have} points (${formatDuration(have * stepMs)} at ${formatDuration(stepMs)} steps), it needs ${need} — ` +
    `widen the training window to ${formatDuration(roundUpDuration(need * stepMs))} or more` +
    (horizon > 1 ? ' or shorten the horizon' : '')
  );
}

/** A fit that threw, as a reason with what to do about it. */
function failureReason(e: unknown, have: number, stepMs: number): string {
  const message = (e instanceof Error ? e.message : String(e)).trim().replace(/[.\s]+$/, '');
  const code = e instanceof EngineError ? e.code : undefined;
  switch (code) {
    case 'incompatible_model':
      return `the saved model could not be used (${message}) — clear the saved model or let it retrain`;
    case 'too_short':
      return `${message} — widen the training window beyond ${formatDuration(have * stepMs)}`;
    case 'unavailable':
      return `${message} — pick another method`;
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
    horizon,
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
  const onB = scoreForecasts(values, observed, b, horizon, calA, nonNegative, scale, fitMs);
  const onA = scoreForecasts(values, observed, a, horizon, calB, nonNegative, scale, fitMs);
  return {
    ...full,
    coverage80: (onA.coverage80 + onB.coverage80) / 2,
    coverage95: (onA.coverage95 + onB.coverage95) / 2,
  };
}

const BASELINES: BaseMethod[] = ['naive', 'seasonal_naive'];
/** A learned method must beat the chosen baseline's validation MAE by this share to be preferred. */
export const SELECTION_MARGIN = 0.03;

async function addLongBaselineMae(
  candidates: CandidateResult[],
  values: Float64Array,
  observed: Uint8Array,
  stepMs: number,
  horizon: number,
  fitEnd: number,
  lag: number,
  maxOrigins: number
): Promise<void> {
  const sevenDays = Math.round((7 * 86_400_000) / stepMs);
  const from = Math.max(lag, 1, fitEnd - sevenDays);
  const origins = spacedOrigins(from, fitEnd - horizon, maxOrigins);
  if (origins.length === 0) {
    return;
  }
  // Streamed in chunks into a running sum: no forecast array outlives its chunk.
  const chunk = Math.max(1, Math.floor(65_536 / horizon));
  for (const c of candidates) {
    if (!BASELINES.includes(c.method)) {
      continue;
    }
    let s = 0;
    let n = 0;
    for (let i = 0; i < origins.length; i += chunk) {
      const part = origins.slice(i, i + chunk);
      const preds = await c.final.predict(values, part, horizon);
      for (const e of absErrorsByStep(values, observed, { origins: part, preds }, horizon)) {
        for (const x of e) {
          s += x;
          n++;
        }
      }
    }
    c.longMae = n ? s / n : undefined;
  }
}

/**
 * `auto`'s choice, using only data before the forecast origin:
 * 1. the baseline (naive or seasonal naive) with the lower MAE over the longer stretch (`longMae`,
 *    up to 7 days), falling back to validation MAE;
 * 2. a learned method (MSTL, LSTM) replaces it only when its validation MAE is lower than the
 *    baseline's by at least SELECTION_MARGIN (so noise in a two-day validation does not pick it).
 * Ties keep the simpler method (listed first).
 */
export function bestByValidation(candidates: CandidateResult[]): CandidateResult | undefined {
  const baseKey = (c: CandidateResult) => c.longMae ?? c.val.mae;
  let best: CandidateResult | undefined;
  for (const c of candidates.filter((x) => BASELINES.includes(x.method))) {
    if (!best || baseKey(c) < baseKey(best)) {
      best = c;
    }
  }
  const bar = best ? best.val.mae * (1 - SELECTION_MARGIN) : Infinity;
  let learned: CandidateResult | undefined;
  for (const c of candidates.filter((x) => !BASELINES.includes(x.method))) {
    if (c.val.mae < bar && (!learned || c.val.mae < learned.val.mae)) {
      learned = c;
    }
  }
  return learned ?? best;
}
