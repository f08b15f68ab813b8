import type { ForecastBand, MethodScore } from './api';
import { type Calibration, makeBand } from './conformal';
import { coverage, mae, mase, rmse } from './metrics';

/** Point forecasts of one method at many origins, with the actual values they are scored against. */
export interface OriginForecasts {
  origins: number[];
  preds: Float64Array[];
}

/** |actual - forecast| per horizon step over all origins, skipping masked (imputed) or missing targets. */
export function absErrorsByStep(
  values: Float64Array,
  observed: Uint8Array,
  f: OriginForecasts,
  horizon: number
): number[][] {
  const out: number[][] = Array.from({ length: horizon }, () => []);
  f.origins.forEach((o, i) => {
    for (let h = 0; h < horizon; h++) {
      const t = o + h;
      if (t < values.length && observed[t]) {
        const e = Math.abs(values[t] - f.preds[i][h]);
        if (Number.isFinite(e)) {
          out[h].push(e);
        }
      }
    }
  });
  return out;
}

/** Scores forecasts at origins: point metrics plus coverage of the calibrated 80/95 % intervals. */
export function scoreForecasts(
  values: Float64Array,
  observed: Uint8Array,
  f: OriginForecasts,
  cal: Calibration,
  nonNegative: boolean,
  scale: number,
  fitMs: number
): MethodScore {
  const bands = f.preds.map((p) => makeBand(p, cal, nonNegative));
  return scoreBands(values, observed, f.origins, bands, scale, fitMs);
}

/** Point metrics and coverage of one band per origin. */
export function scoreBands(
  values: Float64Array,
  observed: Uint8Array,
  origins: number[],
  bands: ForecastBand[],
  scale: number,
  fitMs: number
): MethodScore {
  const actual: number[] = [];
  const pred: number[] = [];
  const lo80: number[] = [];
  const hi80: number[] = [];
  const lo95: number[] = [];
  const hi95: number[] = [];
  origins.forEach((o, i) => {
    const band = bands[i];
    for (let h = 0; h < band.mean.length; h++) {
      const t = o + h;
      if (t >= values.length || !observed[t]) {
        continue;
      }
      actual.push(values[t]);
      pred.push(band.mean[h]);
      lo80.push(band.lower80[h]);
      hi80.push(band.upper80[h]);
      lo95.push(band.lower95[h]);
      hi95.push(band.upper95[h]);
    }
  });
  const m = mae(actual, pred);
  return {
    mae: m,
    rmse: rmse(actual, pred),
    mase: mase(m, scale),
    coverage80: coverage(actual, lo80, hi80),
    coverage95: coverage(actual, lo95, hi95),
    fitMs,
  };
}

/** Every-step origins o in [from, to] (inclusive) — many residuals per step for calibration. */
export function originRange(from: number, to: number, every = 1): number[] {
  const out: number[] = [];
  for (let o = from; o <= to; o += every) {
    out.push(o);
  }
  return out;
}
