import type {
  BaseMethod,
  Forecast,
  ForecastOutcome,
  ForecastRequest,
  MethodChoice,
  ModelReport,
  TrainProgress,
} from './api';
import { activeBackend, selectBackend, webglRefusalReason } from './backend';
import { makeBand } from './conformal';
import { EngineError, throwIfAborted } from './errors';
import { registeredFitters } from './fitters';
import { isExportable } from './model';
import { withMeta } from './lstm/persist';
import { type CandidateResult, SELECTION_MARGIN, bestByValidation, runPipeline } from './pipeline';
import { isConstant, prepareSeries } from './prepare';
import { DEFAULT_LSTM_WINDOW, minimumPoints, tooShortMessage } from './requirements';

export const AUTO_CANDIDATES: BaseMethod[] = ['naive', 'seasonal_naive', 'mstl', 'lstm'];
const METHODS: MethodChoice[] = ['naive', 'seasonal_naive', 'mstl', 'lstm', 'auto'];
/** A horizon beyond this is almost certainly a unit mistake (steps vs seconds). */
export const MAX_HORIZON = 10_000;

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
  if (!METHODS.includes(req.method)) {
    throw new EngineError(`Unknown method "${String(req.method)}"; use one of ${METHODS.join(', ')}.`, 'bad_input');
  }
}

/**
 * Forecasts one series `horizon` steps past its last observation, with calibrated 80/95 %
 * intervals and a report of out-of-sample accuracy measured on the validation region.
 *
 * - `auto` validates naive, seasonal naive, MSTL (when initialised) and the LSTM on data before the
 *   forecast origin and returns the one with the lowest validation MAE; when the LSTM loses,
 *   `report.warning` says so and the baseline is returned.
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
  const H = req.horizon;
  const window = req.lstm?.window ?? DEFAULT_LSTM_WINDOW;
  const gate: BaseMethod = req.method === 'auto' ? 'naive' : req.method;
  if (n < minimumPoints(gate, stepMs, H, window)) {
    throw new EngineError(tooShortMessage(gate, n, stepMs, H, window), 'too_short');
  }
  const notes = [...prep.notes];
  if (req.backend && (req.method === 'lstm' || req.method === 'auto')) {
    const used = await selectBackend(req.backend);
    if (req.backend !== 'auto' && used !== req.backend) {
      const why = req.backend === 'webgl' ? webglRefusalReason() : undefined;
      notes.push(`Backend ${req.backend} is unavailable here${why ? ` (${why})` : ''}; the LSTM ran on ${used}.`);
    }
  }
  const trainedFromMs = prep.startMs;
  const trainedToMs = prep.startMs + (n - 1) * stepMs;
  const startMs = trainedToMs + stepMs;

  if (isConstant(values)) {
    return constantOutcome(req, values[0], startMs, stepMs, trainedFromMs, trainedToMs, started, notes);
  }

  // An explicit method is compared with the (cheap) baselines so the report can say when it loses.
  const methods: BaseMethod[] =
    req.method === 'auto'
      ? AUTO_CANDIDATES
      : [req.method, ...(['naive', 'seasonal_naive'] as const).filter((m) => m !== req.method)];
  const result = await runPipeline({
    values,
    observed,
    stepMs,
    horizon: H,
    fitEnd: n,
    methods,
    required: req.method === 'auto' ? undefined : req.method,
    fitters: registeredFitters(),
    lstm: req.lstm,
    saved: req.savedModel,
    fineTune: req.fineTune,
    signal: req.signal,
    onProgress: req.onProgress,
  });
  try {
    for (const s of result.skipped) {
      notes.push(`${s.method} skipped: ${s.reason}.`);
    }
    const best = bestByValidation(result.candidates);
    if (!best) {
      throw new EngineError(
        `No method could be fitted: ${result.skipped.map((s) => `${s.method}: ${s.reason}`).join('; ')}`,
        'too_short'
      );
    }
    const chosen = req.method === 'auto' ? best : result.candidates.find((c) => c.method === req.method);
    if (!chosen) {
      const why = result.skipped.find((s) => s.method === req.method)?.reason ?? 'not fitted';
      throw new EngineError(`${label(req.method)} could not be fitted: ${why}.`, 'unavailable');
    }
    throwIfAborted(req.signal);
    progress({ phase: 'forecast', fraction: 0.98, message: 'Forecasting' });
    const [mean] = await chosen.final.predict(values, [n], H);
    const band = makeBand(mean, chosen.cal, result.nonNegative);
    const forecast: Forecast = { ...band, startMs, stepMs, method: chosen.method };
    const report = buildReport(req.method, chosen, result.candidates, {
      origins: result.valOrigins.length,
      trainedFromMs,
      trainedToMs,
      trainMs: performance.now() - started,
      notes,
    });
    let model: ForecastOutcome['model'];
    const lstm = result.candidates.find((c) => c.method === 'lstm');
    if (lstm && isExportable(lstm.final)) {
      const exported = await lstm.final.exportModel();
      const meta = {
        ...exported.meta,
        trainedFromMs,
        trainedToMs,
        fingerprint: req.fingerprint ?? exported.meta.fingerprint,
        report,
      };
      model = { meta, artifacts: withMeta(exported.artifacts, meta) };
    }
    progress({ phase: 'forecast', fraction: 1, message: 'Done' });
    return { forecast, report, model };
  } finally {
    for (const c of result.candidates) {
      c.final.dispose();
    }
  }
}

function buildReport(
  requested: MethodChoice,
  chosen: CandidateResult,
  all: CandidateResult[],
  extra: { origins: number; trainedFromMs: number; trainedToMs: number; trainMs: number; notes: string[] }
): ModelReport {
  const scores: ModelReport['scores'] = {};
  for (const c of all) {
    scores[c.method] = c.val;
  }
  const sn = all.find((c) => c.method === 'seasonal_naive');
  let warning: string | undefined;
  const lstm = all.find((c) => c.method === 'lstm');
  if (requested === 'auto' && lstm && chosen.method !== 'lstm') {
    warning =
      lstm.val.mae >= chosen.val.mae
        ? `The LSTM lost on validation (MAE ${fmt(lstm.val.mae)} vs ${label(chosen.method)} ${fmt(chosen.val.mae)}), ` +
          `so the ${label(chosen.method)} forecast is shown.`
        : `The LSTM did not beat ${label(chosen.method)} by the required ${SELECTION_MARGIN * 100} % on validation ` +
          `(MAE ${fmt(lstm.val.mae)} vs ${fmt(chosen.val.mae)}), so the ${label(chosen.method)} forecast is shown.`;
  } else if (requested !== 'auto') {
    const better = all.filter((c) => c.val.mae < chosen.val.mae).sort((a, b) => a.val.mae - b.val.mae)[0];
    if (better) {
      warning = `${label(better.method)} beat the requested ${label(chosen.method)} on validation (MAE ${fmt(better.val.mae)} vs ${fmt(chosen.val.mae)}).`;
    }
  }
  return {
    requested,
    method: chosen.method,
    scores,
    mase: chosen.val.mase,
    relMaeVsSeasonalNaive: sn && sn.val.mae > 0 ? chosen.val.mae / sn.val.mae : NaN,
    coverage80: chosen.val.coverage80,
    coverage95: chosen.val.coverage95,
    origins: extra.origins,
    trainedFromMs: extra.trainedFromMs,
    trainedToMs: extra.trainedToMs,
    trainedAtMs: Date.now(),
    trainMs: extra.trainMs,
    backend: activeBackend(),
    warning,
    notes: extra.notes,
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
  notes: string[]
): ForecastOutcome {
  const H = req.horizon;
  const line = new Array<number>(H).fill(value);
  notes.push(`The series is constant (${value}); the forecast is that constant with zero-width intervals.`);
  const score = { mae: 0, rmse: 0, mase: 0, coverage80: 1, coverage95: 1, fitMs: 0 };
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
      scores: { naive: score },
      mase: 0,
      relMaeVsSeasonalNaive: NaN,
      coverage80: 1,
      coverage95: 1,
      origins: 0,
      trainedFromMs,
      trainedToMs,
      trainedAtMs: Date.now(),
      trainMs: performance.now() - started,
      backend: activeBackend(),
      warning:
        req.method === 'auto' || req.method === 'naive'
          ? undefined
          : `A constant series needs no ${label(req.method)}; the constant is shown.`,
      notes,
      intervalHalfWidth80: new Array<number>(H).fill(0),
      intervalHalfWidth95: new Array<number>(H).fill(0),
    },
  };
}

function label(m: MethodChoice): string {
  return m === 'seasonal_naive' ? 'seasonal naive' : m === 'mstl' ? 'MSTL' : m === 'lstm' ? 'LSTM' : m;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}
