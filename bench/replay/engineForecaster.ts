/**
 * Forecasts for the replay, made by the engine the way the product makes them (`forecastSeries` with
 * `method: 'auto'`) and the way its own backtest applies them (`backtestSeries`): every `auto`
 * candidate — naive, seasonal naive, MSTL and the LSTM — is validated and calibrated once on data
 * before the replay period (`runPipeline`, the code both of those use), `auto`'s rule
 * (`bestByValidation`) picks one, and that fitted model is applied at every replay origin with its
 * calibrated 80/95 % bands (`makeBand`).
 *
 * Fairness: origin o forecasts values[o..o+H) from values[0..o) only. The fitted models promise that
 * (`FittedModel.predict`); `engineForecasts` also checks it on sample origins by predicting again with
 * everything from o on replaced by NaN and requiring the same numbers, so a leak fails the benchmark
 * instead of flattering it. Callers must pass causal values (gaps filled from the past only).
 */
import { AUTO_CANDIDATES } from '../../src/engine';
import type { BaseMethod, ForecastBand, LstmOptions, MethodScore } from '../../src/engine/api';
import { makeBand } from '../../src/engine/conformal';
import { registeredFitters } from '../../src/engine/fitters';
import type { FittedModel } from '../../src/engine/model';
import { bestByValidation, runPipeline } from '../../src/engine/pipeline';
import type { Forecaster } from '../../src/policy';

/**
 * Candidate methods: `auto`'s (with the LSTM) unless `FORESIGHT_REPLAY_METHODS` (comma-separated, e.g.
 * "naive,seasonal_naive,mstl") narrows them, e.g. to compare with the fast methods only.
 */
export function replayMethods(env: string | undefined = process.env.FORESIGHT_REPLAY_METHODS): BaseMethod[] {
  if (!env || env.trim() === '') {
    return [...AUTO_CANDIDATES];
  }
  const asked = env.split(',').map((m) => m.trim());
  const unknown = asked.filter((m) => !AUTO_CANDIDATES.includes(m as BaseMethod));
  if (unknown.length > 0) {
    throw new Error(
      `FORESIGHT_REPLAY_METHODS: unknown method(s) ${unknown.join(', ')}; use ${AUTO_CANDIDATES.join(', ')}`
    );
  }
  return asked as BaseMethod[];
}

export interface EngineForecasts {
  forecaster: Forecaster;
  method: BaseMethod;
  /** Validation scores of every candidate (before the replay period). */
  validation: Partial<Record<BaseMethod, MethodScore>>;
  skipped: Array<{ method: BaseMethod; reason: string }>;
  /** Wall time of validation, calibration, training and all the replay's forecasts. */
  fitMs: number;
  /** Origins re-forecast with the future hidden (NaN) to check that nothing leaks. */
  leakChecks: number;
}

/** How many origins are re-forecast blind to the future: spread over the replay, first and last included. */
const LEAK_CHECK_ORIGINS = 8;

/** Origins spread evenly over [first, last], both included. */
export function sampleOrigins(first: number, last: number, count: number): number[] {
  if (last <= first || count <= 1) {
    return [first];
  }
  const out = new Set<number>();
  for (let i = 0; i < count; i++) {
    out.add(first + Math.round(((last - first) * i) / (count - 1)));
  }
  return [...out];
}

/**
 * Throws when `model` forecasts differently from origin o once values[o..] are hidden: the model read
 * the future it is meant to forecast.
 */
export async function assertNoLookAhead(
  model: FittedModel,
  values: Float64Array,
  origins: number[],
  horizon: number,
  expected: (origin: number) => ArrayLike<number>
): Promise<void> {
  for (const o of origins) {
    const blind = Float64Array.from(values, (v, i) => (i < o ? v : NaN));
    const [pred] = await model.predict(blind, [o], horizon);
    const want = expected(o);
    for (let h = 0; h < horizon; h++) {
      const same = Object.is(pred[h], want[h]) || Math.abs(pred[h] - want[h]) <= 1e-9 * Math.max(1, Math.abs(want[h]));
      if (!same) {
        throw new Error(
          `${model.method} looked ahead: at origin ${o}, step ${h} it forecast ${want[h]} with the future visible ` +
            `and ${pred[h]} with it hidden`
        );
      }
    }
  }
}

/**
 * Precomputes a band for each origin in [firstOrigin, lastOrigin] (origin o forecasts values[o..o+H)
 * from values[0..o)). The returned forecaster looks the band up by the history's last time.
 */
export async function engineForecasts(opts: {
  values: Float64Array;
  observed: Uint8Array;
  startMs: number;
  stepMs: number;
  horizon: number;
  firstOrigin: number;
  lastOrigin: number;
  methods?: BaseMethod[];
  /** LSTM settings; default the engine's (what the product trains). Tests pass a tiny net. */
  lstm?: LstmOptions;
}): Promise<EngineForecasts> {
  const { values, observed, stepMs, horizon, firstOrigin, lastOrigin } = opts;
  const started = performance.now();
  const result = await runPipeline({
    values,
    observed,
    startMs: opts.startMs,
    stepMs,
    horizon,
    fitEnd: firstOrigin,
    methods: opts.methods ?? replayMethods(),
    fitters: registeredFitters(),
    lstm: opts.lstm,
  });
  try {
    const best = bestByValidation(result.candidates);
    if (!best) {
      throw new Error(`no method could be fitted: ${result.skipped.map((s) => `${s.method}: ${s.reason}`).join('; ')}`);
    }
    const origins = Array.from({ length: lastOrigin - firstOrigin + 1 }, (_, i) => firstOrigin + i);
    const preds = await best.final.predict(values, origins, horizon);
    const checked = sampleOrigins(firstOrigin, lastOrigin, LEAK_CHECK_ORIGINS);
    await assertNoLookAhead(best.final, values, checked, horizon, (o) => preds[o - firstOrigin]);
    const bands = new Map<number, ForecastBand>();
    origins.forEach((o, i) => bands.set(o, makeBand(preds[i], best.cal, result.nonNegative)));
    const validation: EngineForecasts['validation'] = {};
    for (const c of result.candidates) {
      validation[c.method] = c.val;
    }
    const forecaster: Forecaster = (history) => {
      const last = history.times[history.times.length - 1];
      const origin = Math.round((last - opts.startMs) / stepMs) + 1;
      const band = bands.get(origin);
      if (!band) {
        throw new Error(`no precomputed forecast for origin ${origin} (have ${firstOrigin}..${lastOrigin})`);
      }
      return band;
    };
    return {
      forecaster,
      method: best.method,
      validation,
      skipped: result.skipped,
      fitMs: performance.now() - started,
      leakChecks: checked.length,
    };
  } finally {
    for (const c of result.candidates) {
      c.final.dispose();
    }
  }
}
