import type { BaseMethod, LstmOptions, MethodScore, SavedModelMeta, TrainProgress } from './api';
import { seasonalNaiveModel, naiveModel } from './baselines';
import { type Calibration, calibrate } from './conformal';
import { throwIfAborted } from './errors';
import { absErrorsByStep, originRange, scoreForecasts } from './evaluate';
import { maseScale } from './metrics';
import type { FittedModel } from './model';
import { DEFAULT_LSTM_WINDOW, pointsBeforeValidation, validationLength } from './requirements';
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
  saved?: { meta: SavedModelMeta; artifacts: unknown };
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
  saved?: { meta: SavedModelMeta; artifacts: unknown };
  fineTune?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
}

export interface PipelineResult {
  candidates: CandidateResult[];
  skipped: Array<{ method: BaseMethod; reason: string }>;
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
  const valOrigins = originRange(valStart, fitEnd - horizon);
  const nonNegative = isNonNegative(values, fitEnd);
  const scale = maseScale(values, fitEnd, dailySeasonSteps(stepMs), observed);
  const window = input.lstm?.window ?? DEFAULT_LSTM_WINDOW;
  const candidates: CandidateResult[] = [];
  const skipped: PipelineResult['skipped'] = [];
  const lag = seasonalNaiveLag(stepMs, valStart);
  const fitters: Partial<Record<BaseMethod, MethodFitter>> = {
    naive: { fit: async () => naiveModel(), refitFinal: false },
    seasonal_naive: { fit: async () => seasonalNaiveModel(lag), refitFinal: false },
    ...input.fitters,
  };
  for (const method of input.methods) {
    throwIfAborted(input.signal);
    const need = pointsBeforeValidation(method, stepMs, horizon, window);
    if (valStart < need) {
      skipped.push({
        method,
        reason: `needs ${need} points before the validation region, has ${Math.max(0, valStart)}`,
      });
      continue;
    }
    const fitter = fitters[method];
    if (!fitter) {
      skipped.push({ method, reason: 'not available in this runtime (engine not initialised for it)' });
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
      skipped.push({ method, reason: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const preds = await valModel.predict(values, valOrigins, horizon);
    const errs = absErrorsByStep(values, observed, { origins: valOrigins, preds }, horizon);
    const cal = calibrate(errs);
    const val = crossFittedScore(values, observed, valOrigins, preds, horizon, nonNegative, scale, valModel.fitMs);
    let final = valModel;
    if (fitter.refitFinal) {
      valModel.dispose();
      final = await fitter.fit({ ...ctx, end: fitEnd, valOrigins: [] });
    }
    candidates.push({ method, final, cal, val });
  }
  await addLongBaselineMae(candidates, values, observed, stepMs, horizon, fitEnd, lag);
  return { candidates, skipped, valStart, valOrigins, scale, nonNegative };
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
  lag: number
): Promise<void> {
  const sevenDays = Math.round((7 * 86_400_000) / stepMs);
  const from = Math.max(lag, 1, fitEnd - sevenDays);
  const origins = originRange(from, fitEnd - horizon);
  if (origins.length === 0) {
    return;
  }
  for (const c of candidates) {
    if (!BASELINES.includes(c.method)) {
      continue;
    }
    const preds = await c.final.predict(values, origins, horizon);
    let s = 0;
    let n = 0;
    for (const e of absErrorsByStep(values, observed, { origins, preds }, horizon)) {
      for (const x of e) {
        s += x;
        n++;
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
