import type {
  BaseMethod,
  Forecast,
  ForecastBand,
  ForecastOutcome,
  ForecastRequest,
  MethodChoice,
  MethodScore,
  ModelReport,
  TrainProgress,
} from './api';
import { methodName, methodNameInSentence } from '../common/methodNames';
import { activeBackend, selectBackend, webglRefusalReason } from './backend';
import { reportedCoverage } from './bandReplay';
import { planWork } from './budget';
import { type Calibration, makeBand } from './conformal';
import { EngineError, throwIfAborted } from './errors';
import { registeredFitters } from './fitters';
import { isExportable } from './model';
import { LSTM_DEFAULTS, validateLstmOptions } from './options';
import { withMeta } from './lstm/persist';
import { hasBaseModelSource } from './lstm/baseModel';
import { divideInPlace, times, unitScale } from './magnitude';
import { type CandidateResult, bestByValidation, recentMaeOf, runPipeline } from './pipeline';
import {
  type ExcursionTiming,
  RECENT_PERIOD,
  SINCE_SHIFT_PERIOD,
  type ShiftTiming,
  excursionSentence,
  lstmNotShown,
  requestedShiftSentence,
  shiftSentence,
} from './autoWarning';
import { type SentencePart, figure, hasFigures, joinSentences, plainText, sentence } from '../common/figures';
import { type Shift, shiftMinRun } from './shift';
import { isConstant, prepareSeries } from './prepare';
import { DEFAULT_LSTM_WINDOW, minimumPoints, tooShortMessage } from './requirements';
import { AUTO_CANDIDATES, BASELINE_METHODS, MAX_HORIZON, QUICK_CANDIDATES, REQUESTABLE_METHODS } from './methods';

export { AUTO_CANDIDATES, REQUESTABLE_METHODS };

/**
 * Validation origins a quick request scores (evenly spaced): enough for per-origin selection and
 * recent intervals to be meaningful, few enough for 100 series to forecast in about a second.
 */
const QUICK_VAL_ORIGINS = 48;

/**
 * `auto`'s candidates here and now: the base model (`lstm_base`, zero-shot) joins only while a base
 * model source is set (`setBaseModelSource`), so runtimes without one show no skip for it.
 */
export function autoCandidates(quick = false): BaseMethod[] {
  const candidates = quick ? QUICK_CANDIDATES : AUTO_CANDIDATES;
  return hasBaseModelSource() ? [...candidates, 'lstm_base'] : [...candidates];
}

/** The method a request really asks for: a quick request is `auto` among the untrained methods. */
function effectiveMethod(req: ForecastRequest): MethodChoice {
  return req.quick ? 'auto' : req.method;
}
export { MAX_HORIZON };

export function validateRequest(req: ForecastRequest): void {
  if (!req || typeof req !== 'object') {
    throw new EngineError('Forecast request must be an object.', 'bad_input');
  }
  if (!Number.isInteger(req.horizon) || req.horizon < 1 || req.horizon > MAX_HORIZON) {
    throw new EngineError(
      `Horizon must be a whole number of steps from 1 to ${MAX_HORIZON}, got ${req.horizon}.`,
      'bad_input'
    );
  }
  if (!REQUESTABLE_METHODS.includes(req.method)) {
    throw new EngineError(
      `Unknown method "${String(req.method)}"; use one of ${REQUESTABLE_METHODS.join(', ')}.`,
      'bad_input'
    );
  }
  validateLstmOptions(req.lstm);
}

/**
 * Forecasts one series `horizon` steps past its last observation, with calibrated 80/95 %
 * intervals and a report of out-of-sample accuracy measured on the validation region.
 *
 * - `auto` validates naive, seasonal naive, SES, MSTL (when initialised) and the LSTM on data
 *   before the forecast origin and returns the one with the lowest recent validation MAE (the last
 *   day of origins, `recent.ts`); when the LSTM loses, `report.warning` says so and the winner is
 *   returned.
 * - An explicitly requested method is honoured; `report.warning` says when a baseline beat it.
 */
export async function forecastSeries(req: ForecastRequest): Promise<ForecastOutcome> {
  const started = performance.now();
  validateRequest(req);
  const progress = (p: TrainProgress) => req.onProgress?.(p);
  progress({ phase: 'prepare', fraction: 0, message: 'Preparing series' });
  const prep = prepareSeries(req.series, req.stepMs);
  throwIfAborted(req.signal);
  const { values, observed, stepMs } = prep;
  const n = values.length;
  // Extreme magnitudes (beyond ~1e150) are worked on divided by a power of two (exact), then
  // multiplied back, so no sum of squares or band edge overflows.
  const unit = unitScale(values);
  divideInPlace(values, unit);
  const H = req.horizon;
  const window = req.lstm?.window ?? DEFAULT_LSTM_WINDOW;
  const method = effectiveMethod(req);
  const gate: BaseMethod = method === 'auto' ? 'naive' : method;
  if (n < minimumPoints(gate, stepMs, H, window)) {
    throw new EngineError(tooShortMessage(gate, n, stepMs, H, window), 'too_short');
  }
  const notes = [...prep.notes];
  const backend = await backendNotes(req);
  notes.push(...backend);
  // What replaced the user's data or settings is said in the visible line too, not only on the card.
  const replaced = [...prep.warnings, ...backend];
  const trainedFromMs = prep.startMs;
  const trainedToMs = prep.startMs + (n - 1) * stepMs;
  const startMs = trainedToMs + stepMs;

  if (isConstant(values)) {
    return constantOutcome(req, values[0] * unit, startMs, stepMs, trainedFromMs, trainedToMs, started, {
      notes,
      replaced,
    });
  }

  const result = await validateCandidates(req, values, observed, prep.startMs, stepMs, unit);
  try {
    notes.push(...pipelineNotes(result));
    const { chosen, insteadOf } = chooseCandidate(method, result);
    throwIfAborted(req.signal);
    progress({ phase: 'forecast', fraction: 0.98, message: 'Forecasting' });
    const [mean] = await chosen.final.predict(values, [n], H);
    const inUnits = result.candidates.map((c) => candidateInUnits(c, unit));
    const chosenInUnits = inUnits[result.candidates.indexOf(chosen)];
    const band = makeBand(times(Array.from(mean), unit), chosenInUnits.cal, result.nonNegative);
    if (clampToFinite(band)) {
      const clamped =
        'Some forecast or band values lie beyond the largest representable number (±1.8e308) and were clamped to it.';
      notes.push(clamped);
      replaced.push(clamped);
    }
    const forecast: Forecast = { ...band, startMs, stepMs, method: chosen.method };
    const report = buildReport(method, chosenInUnits, inUnits, {
      origins: result.valOrigins.length,
      // The drawn band's coverage, replayed over validation (`bandReplay.ts`).
      coverage: reportedCoverage(chosen, H, n, result.recent, result.shift?.since),
      trainedFromMs,
      trainedToMs,
      trainMs: performance.now() - started,
      notes,
      skipped: result.skipped,
      shift: result.shift && shiftTiming(result.shift, n, stepMs),
      excursion: insteadOf &&
        result.excursion && {
          ...shiftTiming(result.excursion, n, stepMs),
          confirmMs: shiftMinRun(stepMs, H) * stepMs,
          insteadOf,
        },
      fitNotes: [...replaced, ...result.notes],
    });
    const model = await exportedLstm(result, unit, {
      trainedFromMs,
      trainedToMs,
      fingerprint: req.fingerprint,
      report,
    });
    progress({ phase: 'forecast', fraction: 1, message: 'Done' });
    return { forecast, report, model };
  } finally {
    for (const c of result.candidates) {
      c.final.dispose();
    }
  }
}

/**
 * Every candidate fitted before the forecast origin and scored on the validation origins. An explicit
 * method is compared with the (cheap) baselines so the report can say when it loses; the budget
 * decides before anything is allocated how many origins are scored and which methods fit.
 */
async function validateCandidates(
  req: ForecastRequest,
  values: Float64Array,
  observed: Uint8Array,
  startMs: number,
  stepMs: number,
  unit: number
): Promise<PipelineResult> {
  const n = values.length;
  const method = effectiveMethod(req);
  const methods: BaseMethod[] =
    method === 'auto' ? autoCandidates(req.quick) : [method, ...BASELINE_METHODS.filter((m) => m !== method)];
  const shape = { ...LSTM_DEFAULTS, ...definedOnly(req.lstm ?? {}) };
  const plan = planWork({ points: n, stepMs, horizon: req.horizon, methods, lstm: shape });
  const maxValOrigins = req.quick ? Math.min(plan.maxValOrigins, QUICK_VAL_ORIGINS) : plan.maxValOrigins;
  return runPipeline({
    values,
    observed,
    startMs,
    stepMs,
    horizon: req.horizon,
    fitEnd: n,
    methods,
    required: method === 'auto' ? undefined : method,
    ensemble: method === 'auto',
    fitters: registeredFitters(),
    lstm: req.lstm,
    saved: savedInWorkingUnits(req.savedModel, unit),
    fineTune: req.fineTune,
    signal: req.signal,
    onProgress: req.onProgress,
    maxValOrigins,
    refused: plan.refused,
  });
}

/** Says when the requested tfjs backend is unavailable and which one the LSTM ran on instead. */
async function backendNotes(req: ForecastRequest): Promise<string[]> {
  if (!req.backend || (req.method !== 'lstm' && req.method !== 'auto')) {
    return [];
  }
  const used = await selectBackend(req.backend);
  if (req.backend === 'auto' || used === req.backend) {
    return [];
  }
  const why = req.backend === 'webgl' ? webglRefusalReason() : undefined;
  return [`Backend ${req.backend} is unavailable here${why ? ` (${why})` : ''}; the LSTM ran on ${used}.`];
}

type PipelineResult = Awaited<ReturnType<typeof runPipeline>>;

/** What validation skipped, gave up or thinned, in words (kept as "lstm skipped:" notes for older readers). */
function pipelineNotes(result: PipelineResult): string[] {
  const notes = result.skipped.map((s) => `${s.method} skipped: ${s.reason}.`);
  notes.push(...result.notes);
  if (result.valOrigins.length < result.valOriginsAvailable) {
    notes.push(
      `Validation scored ${result.valOrigins.length} evenly spaced origins of the ${result.valOriginsAvailable} available, ` +
        `to stay within the memory budget (origins × horizon).`
    );
  }
  return notes;
}

/**
 * `auto`: the best on recent validation, or the last value during an excursion (`excursion.ts`;
 * `insteadOf` is then what it replaced); an explicit method: that one, or an error saying why it
 * could not fit.
 */
function chooseCandidate(
  requested: MethodChoice,
  result: PipelineResult
): { chosen: CandidateResult; insteadOf?: BaseMethod } {
  const best = bestByValidation(result.candidates, result.shift !== undefined);
  if (!best) {
    throw new EngineError(
      `No method could be fitted: ${result.skipped.map((s) => `${s.method}: ${s.reason}`).join('; ')}`,
      'too_short'
    );
  }
  if (requested === 'auto') {
    const naive = result.candidates.find((c) => c.method === 'naive');
    return result.excursion && naive && best !== naive ? { chosen: naive, insteadOf: best.method } : { chosen: best };
  }
  const chosen = result.candidates.find((c) => c.method === requested);
  if (!chosen) {
    const why = result.skipped.find((s) => s.method === requested)?.reason ?? 'not fitted';
    throw new EngineError(
      `${methodNameInSentence(requested as BaseMethod)} could not be fitted: ${why}.`,
      'unavailable'
    );
  }
  return { chosen };
}

/** The trained LSTM as a saved model (scaler back in the series' units), when it can be exported. */
async function exportedLstm(
  result: PipelineResult,
  unit: number,
  info: { trainedFromMs: number; trainedToMs: number; fingerprint?: string; report: ModelReport }
): Promise<ForecastOutcome['model']> {
  const lstm = result.candidates.find((c) => c.method === 'lstm');
  if (!lstm || !isExportable(lstm.final)) {
    return undefined;
  }
  const exported = await lstm.final.exportModel();
  const meta = {
    ...exported.meta,
    scaler: {
      ...exported.meta.scaler,
      offset: exported.meta.scaler.offset * unit,
      scale: exported.meta.scaler.scale * unit,
    },
    trainedFromMs: info.trainedFromMs,
    trainedToMs: info.trainedToMs,
    fingerprint: info.fingerprint ?? exported.meta.fingerprint,
    report: info.report,
  };
  return { meta, artifacts: withMeta(exported.artifacts, meta) };
}

/** How long ago a shift began (`n`: the number of grid steps), and the gap before it. */
function shiftTiming(shift: Shift, n: number, stepMs: number): ShiftTiming {
  const agoMs = (n - shift.start) * stepMs;
  return shift.gapFrom === undefined
    ? { shift, agoMs }
    : { shift, agoMs, gapMs: (shift.start - shift.gapFrom) * stepMs };
}

/** Whether any candidate has a forecast made since the shift whose target is known. */
function measuredSinceShift(all: CandidateResult[]): boolean {
  return all.some((c) => Number.isFinite(c.recentMae));
}

/**
 * The warning line's sentences about the choice: a level shift, and why the LSTM is not shown or was
 * beaten. Error figures stay numbers (`common/figures.ts`), so the panel can show them in the unit.
 */
function reportWarning(
  requested: MethodChoice,
  chosen: CandidateResult,
  all: CandidateResult[],
  shift: ShiftTiming | undefined,
  excursion: ExcursionTiming | undefined
): SentencePart[] | undefined {
  if (excursion) {
    // The last value replaced the choice: why the LSTM lost to it would explain the wrong thing.
    return joinSentences([[excursionSentence(excursion)]]);
  }
  const shifted = shift !== undefined;
  // Selection reads the recent validation errors (the last day of targets), so the warning does too.
  const recent = (c: CandidateResult) => figure(recentMaeOf(c, shifted));
  const lstm = all.find((c) => c.method === 'lstm');
  const period = shifted ? SINCE_SHIFT_PERIOD : RECENT_PERIOD;
  const sentences: SentencePart[][] = [];
  if (requested === 'auto' && shift) {
    const evidence = measuredSinceShift(all);
    sentences.push([shiftSentence(shift, evidence)]);
    if (!evidence) {
      return joinSentences(sentences);
    }
  } else if (shift) {
    sentences.push([requestedShiftSentence(shift, chosen.method)]);
  }
  if (requested === 'auto' && lstm && chosen.method !== 'lstm') {
    sentences.push(lstmNotShown(all, chosen, lstm, period));
  } else if (requested !== 'auto') {
    const mae = (c: CandidateResult) => recentMaeOf(c, shifted);
    const better = all.filter((c) => mae(c) < mae(chosen)).sort((a, b) => mae(a) - mae(b))[0];
    if (better) {
      sentences.push(
        sentence`${methodName(better.method)} beat the requested ${methodNameInSentence(chosen.method)} on recent validation (MAE ${period} ${recent(better)} vs ${recent(chosen)}).`
      );
    }
  }
  return sentences.length ? joinSentences(sentences) : undefined;
}

/** `report.warning` (the sentences in a row), and the same with its figures as numbers when it has any. */
function warningFields(sentences: SentencePart[][]): Pick<ModelReport, 'warning' | 'warningParts'> {
  if (sentences.length === 0) {
    return {};
  }
  const parts = joinSentences(sentences);
  return hasFigures(parts) ? { warning: plainText(parts), warningParts: parts } : { warning: plainText(parts) };
}

function buildReport(
  requested: MethodChoice,
  chosen: CandidateResult,
  all: CandidateResult[],
  extra: {
    origins: number;
    coverage: Pick<MethodScore, 'coverage80' | 'coverage95'> & { origins?: number };
    trainedFromMs: number;
    trainedToMs: number;
    trainMs: number;
    notes: string[];
    skipped: ModelReport['skipped'];
    /** A level shift that narrowed what `auto` compared, and how long ago it began. */
    shift?: ShiftTiming;
    /** An excursion for which `auto` showed the last value instead of its choice. */
    excursion?: ExcursionTiming;
    /**
     * What the run replaced or had to give up (data repaired past routine, a backend swapped, training
     * cut by its time limit): it belongs in the visible line.
     */
    fitNotes: string[];
  }
): ModelReport {
  const scores: ModelReport['scores'] = {};
  const { coverage80, coverage95 } = extra.coverage;
  for (const c of all) {
    scores[c.method] = c === chosen ? { ...c.val, coverage80, coverage95 } : c.val;
  }
  const sn = all.find((c) => c.method === 'seasonal_naive');
  const choice = reportWarning(requested, chosen, all, extra.shift, extra.excursion);
  const notes = extra.fitNotes.filter((n) => n !== '').map((n) => [n]);
  const warning = warningFields(choice ? [choice, ...notes] : notes);
  return {
    requested,
    method: chosen.method,
    scores,
    mase: chosen.val.mase,
    relMaeVsSeasonalNaive: sn && sn.val.mae > 0 ? chosen.val.mae / sn.val.mae : NaN,
    coverage80: extra.coverage.coverage80,
    coverage95: extra.coverage.coverage95,
    origins: extra.origins,
    ...(extra.coverage.origins !== undefined && { coverageOrigins: extra.coverage.origins }),
    trainedFromMs: extra.trainedFromMs,
    trainedToMs: extra.trainedToMs,
    trainedAtMs: Date.now(),
    trainMs: extra.trainMs,
    backend: activeBackend(),
    ...warning,
    // whichever method is shown, its validation errors were measured mostly before the shift
    ...(extra.shift ? { levelShift: { agoMs: extra.shift.agoMs, measuredSince: measuredSinceShift(all) } } : {}),
    notes: extra.notes,
    skipped: extra.skipped,
    intervalHalfWidth80: chosen.cal.q80,
    intervalHalfWidth95: chosen.cal.q95,
  };
}

function constantOutcome(
  req: ForecastRequest,
  value: number,
  startMs: number,
  stepMs: number,
  trainedFromMs: number,
  trainedToMs: number,
  started: number,
  { notes, replaced }: { notes: string[]; replaced: string[] }
): ForecastOutcome {
  const H = req.horizon;
  const line = new Array<number>(H).fill(value);
  notes.push(`The series is constant (${value}); the forecast is that constant with zero-width intervals.`);
  return {
    forecast: {
      mean: line,
      lower80: line,
      upper80: line,
      lower95: line,
      upper95: line,
      startMs,
      stepMs,
      method: 'naive',
    },
    report: {
      requested: req.method,
      method: 'naive',
      // nothing was compared or measured: no scores, and NaN where a figure is required (shown as "–")
      scores: {},
      mase: NaN,
      relMaeVsSeasonalNaive: NaN,
      coverage80: NaN,
      coverage95: NaN,
      origins: 0,
      trainedFromMs,
      trainedToMs,
      trainedAtMs: Date.now(),
      trainMs: performance.now() - started,
      backend: activeBackend(),
      constantValue: value,
      // In the visible line: the forecast is not any method's, and nothing was measured.
      warning: [
        req.method === 'auto' || req.method === 'naive'
          ? `The series is constant (${value}) over the training window: the forecast is that constant, with no band, and no method was compared.`
          : `A constant series needs no ${methodNameInSentence(req.method)}; its forecast is that constant (${value}), with no band.`,
        ...replaced,
      ].join(' '),
      notes,
      intervalHalfWidth80: new Array<number>(H).fill(0),
      intervalHalfWidth95: new Array<number>(H).fill(0),
    },
  };
}

/** Clamps ±Infinity (band edges of series near ±1.8e308) to ±Number.MAX_VALUE; true when any was. */
function clampToFinite(band: ForecastBand): boolean {
  let clamped = false;
  for (const key of ['mean', 'lower80', 'upper80', 'lower95', 'upper95'] as const) {
    band[key] = band[key].map((x) => {
      if (x === Infinity || x === -Infinity) {
        clamped = true;
        return x > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
      }
      return x;
    });
  }
  return clamped;
}

/** A saved model's scaler, in the units the engine works in for this series (see magnitude.ts). */
function savedInWorkingUnits(saved: ForecastRequest['savedModel'], unit: number): ForecastRequest['savedModel'] {
  if (!saved || unit === 1 || !saved.meta?.scaler) {
    return saved;
  }
  const { scaler } = saved.meta;
  return {
    ...saved,
    meta: { ...saved.meta, scaler: { ...scaler, offset: scaler.offset / unit, scale: scaler.scale / unit } },
  };
}

/** A candidate's errors and widths back in the series' own units (see magnitude.ts). */
function candidateInUnits(c: CandidateResult, unit: number): CandidateResult {
  if (unit === 1) {
    return c;
  }
  const cal: Calibration = { ...c.cal, q80: times(c.cal.q80, unit), q95: times(c.cal.q95, unit) };
  return {
    ...c,
    cal,
    recentMae: c.recentMae * unit,
    selectionScore: c.selectionScore * unit,
    val: { ...c.val, mae: c.val.mae * unit, rmse: c.val.rmse * unit },
  };
}

function definedOnly<T extends object>(x: T): Partial<T> {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as Partial<T>;
}
