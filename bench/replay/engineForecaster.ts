/**
 * Forecasts for the replay, made by the engine the way its own backtest makes them: every candidate
 * method is validated and calibrated once on data before the replay period (`runPipeline`, the same
 * code `forecastSeries` and `backtestSeries` use), the best by validation MAE is kept, and its fitted
 * model is applied at every replay origin seeing only earlier values (naive: last value; seasonal
 * naive: one season back; MSTL: its path re-anchored on the last observation). The LSTM is left out:
 * training it takes minutes per series, beyond this benchmark's budget.
 */
import type { BaseMethod, ForecastBand, MethodScore } from '../../src/engine/api';
import { makeBand } from '../../src/engine/conformal';
import { registeredFitters } from '../../src/engine/fitters';
import { bestByValidation, runPipeline } from '../../src/engine/pipeline';
import type { Forecaster } from '../../src/policy';

export const REPLAY_METHODS: BaseMethod[] = ['naive', 'seasonal_naive', 'mstl'];
const ALL_METHODS: BaseMethod[] = ['naive', 'seasonal_naive', 'mstl', 'lstm'];

/**
 * Candidate methods: `FORESIGHT_REPLAY_METHODS` (comma-separated, e.g. "naive,mstl,lstm") overrides
 * the fast default set, e.g. to replay the LSTM on a machine with time to train it.
 */
export function replayMethods(env: string | undefined = process.env.FORESIGHT_REPLAY_METHODS): BaseMethod[] {
  if (!env || env.trim() === '') {
    return REPLAY_METHODS;
  }
  const asked = env.split(',').map((m) => m.trim());
  const unknown = asked.filter((m) => !ALL_METHODS.includes(m as BaseMethod));
  if (unknown.length > 0) {
    throw new Error(`FORESIGHT_REPLAY_METHODS: unknown method(s) ${unknown.join(', ')}; use ${ALL_METHODS.join(', ')}`);
  }
  return asked as BaseMethod[];
}

export interface EngineForecasts {
  forecaster: Forecaster;
  method: BaseMethod;
  /** Validation scores of every candidate (before the replay period). */
  validation: Partial<Record<BaseMethod, MethodScore>>;
  skipped: Array<{ method: BaseMethod; reason: string }>;
  fitMs: number;
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
}): Promise<EngineForecasts> {
  const { values, observed, stepMs, horizon, firstOrigin, lastOrigin } = opts;
  const started = performance.now();
  const result = await runPipeline({
    values,
    observed,
    stepMs,
    horizon,
    fitEnd: firstOrigin,
    methods: opts.methods ?? replayMethods(),
    fitters: registeredFitters(),
  });
  try {
    const best = bestByValidation(result.candidates);
    if (!best) {
      throw new Error(`no method could be fitted: ${result.skipped.map((s) => `${s.method}: ${s.reason}`).join('; ')}`);
    }
    const origins = Array.from({ length: lastOrigin - firstOrigin + 1 }, (_, i) => firstOrigin + i);
    const preds = await best.final.predict(values, origins, horizon);
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
    return { forecaster, method: best.method, validation, skipped: result.skipped, fitMs: performance.now() - started };
  } finally {
    for (const c of result.candidates) {
      c.final.dispose();
    }
  }
}
