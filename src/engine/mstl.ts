import type { MSTL } from '@bsull/augurs/mstl';
import { MSTL_MAX_FIT_POINTS } from './budget';
import { EngineError } from './errors';
import { clipToEnvelope, firstNegative } from './lstm/envelope';
import { type FeatureSpec, fitScaler } from './lstm/features';
import type { FittedModel } from './model';
import type { FitContext, MethodFitter } from './pipeline';
import { DEFAULT_LSTM_WINDOW } from './requirements';
import { residualMedian, residualPoints } from './residualLevel';
import { dailySeasonSteps } from './seasons';

/** The parts of `@bsull/augurs/mstl` the engine uses (loaded lazily: it is an ES module with wasm). */
export interface MstlModule {
  MSTL: typeof MSTL;
}

let mstlModule: MstlModule | undefined;

export function setMstlModule(m: MstlModule | undefined): void {
  mstlModule = m;
}

export function mstlAvailable(): boolean {
  return mstlModule !== undefined;
}

/** MSTL refits cost grows with history; four weeks hold every daily and weekly pattern we model. */
const MAX_FIT_DAYS = 28;

/**
 * MSTL (+AutoETS trend) from augurs, fitted on values[0..end).
 *
 * Applied at a later origin o (backtest, validation) without refitting, its forecast path is
 * re-anchored: the model's path plus the median of its residuals over the last 15 minutes before
 * o (`residualLevel.ts`). At o = end this is the plain MSTL forecast corrected by the latest
 * in-sample residuals, so validation and production forecasts are computed the same way.
 *
 * The result is clipped to the envelope the LSTM and the linear model use (`lstm/envelope.ts`: the
 * last value ± two recent large moves, widened per step to reach yesterday's value), so MSTL, too,
 * can be wrong by about one recent swing and never by an order of magnitude. Where a season breaks,
 * its fitted pattern can repeat a swing the series no longer makes: unclipped, MSTL scored 18.8 ×
 * seasonal naive's MAE on `ec2_network_in_257a54` at H = 12 (1.75 × clipped), and 1.05 × over the
 * shared set (0.84 × clipped). Within the envelope the daily shape is untouched.
 */
export const mstlFitter: MethodFitter = {
  refitFinal: true,
  async fit(ctx: FitContext): Promise<FittedModel> {
    const mod = mstlModule;
    if (!mod) {
      throw new EngineError('MSTL is not initialised: call initEngine() first.', 'unavailable');
    }
    const day = dailySeasonSteps(ctx.stepMs);
    // Four weeks, or fewer points when the step is so fine that four weeks would not fit the budget.
    const start = Math.max(0, ctx.end - MAX_FIT_DAYS * day, ctx.end - MSTL_MAX_FIT_POINTS);
    const len = ctx.end - start;
    const periods = [day];
    if (len >= 21 * day) {
      periods.push(7 * day);
    }
    const t0 = performance.now();
    const model = mod.MSTL.ets(periods, {});
    // MSTL sees the values standardised by their mean and standard deviation (the LSTM's own
    // `fitScaler`) and its output is mapped back, so the series × a + b gives the forecast × a + b by
    // construction. Without it, augurs' ETS trend lost the detail under a large level: a CPU series
    // + 1e9 went from 0.33 to 39.6 MASE at 1 h (its noise a few parts in 1e8 of the level).
    const slice = ctx.values.subarray(start, ctx.end);
    const { offset: centre, scale } = fitScaler(slice, slice.length);
    let inSample: number[];
    try {
      model.fit(Array.from(slice, (v) => (v - centre) / scale));
      inSample = model.predictInSample().point.map((z) => centre + scale * z);
    } catch (e) {
      model.free();
      throw new EngineError(`MSTL fit failed: ${e instanceof Error ? e.message : String(e)}`, 'bad_input');
    }
    const fitMs = performance.now() - t0;
    let path: number[] = [];
    let freed = false;
    const end = ctx.end;
    const ensurePath = (len: number) => {
      if (path.length < len) {
        if (freed) {
          throw new EngineError('MSTL model was disposed.', 'unavailable');
        }
        path = model.predict(Math.max(len, 2 * path.length)).point.map((z) => centre + scale * z);
      }
    };
    const fittedAt = (t: number): number => (t < end ? inSample[t - start] : path[t - end]);
    const k = residualPoints(ctx.stepMs);
    return {
      method: 'mstl',
      fitMs,
      async predict(values, origins, horizon) {
        const spec = envelopeSpec(day, horizon);
        const firstNeg = firstNegative(values);
        let maxLen = 0;
        for (const o of origins) {
          maxLen = Math.max(maxLen, o - end + horizon);
        }
        ensurePath(Math.max(1, maxLen));
        return origins.map((o) => {
          const corr = residualMedian(values, ctx.observed, fittedAt, o, start, k);
          const out = new Float64Array(horizon);
          for (let h = 0; h < horizon; h++) {
            out[h] = path[o - end + h] + (Number.isFinite(corr) ? corr : 0);
          }
          clipToEnvelope(values, o, out, spec, firstNeg);
          return out;
        });
      },
      dispose() {
        if (!freed) {
          freed = true;
          model.free();
        }
      },
    };
  },
};

/** The envelope's settings for MSTL: the recent stretch and daily lag the LSTM's own spec would have. */
function envelopeSpec(day: number, horizon: number): FeatureSpec {
  return { window: DEFAULT_LSTM_WINDOW, horizon, lags: [day] };
}
