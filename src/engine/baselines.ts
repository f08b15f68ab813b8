import type { BaseMethod } from './api';
import type { FittedModel } from './model';

/**
 * A model that trains nothing and owns nothing: each origin's forecast is `point(values, o, H)`,
 * a pure function of values[0..o). Naive, seasonal naive and SES are this.
 */
export function formulaModel(
  method: BaseMethod,
  point: (values: Float64Array, origin: number, horizon: number) => Float64Array
): FittedModel {
  return {
    method,
    fitMs: 0,
    async predict(values, origins, horizon) {
      return origins.map((o) => point(values, o, horizon));
    },
    dispose() {},
  };
}

/** Last value carried forward: at 5-minute resolution and short horizons, the baseline to beat. */
export function naiveModel(): FittedModel {
  return formulaModel('naive', (values, o, horizon) => new Float64Array(horizon).fill(values[o - 1]));
}

/** Point forecast of seasonal naive with lag L: y[o+h] = y[o+h - L·⌈(h+1)/L⌉]. */
export function seasonalNaivePoint(
  values: ArrayLike<number>,
  origin: number,
  horizon: number,
  lag: number
): Float64Array {
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    out[h] = values[origin + h - lag * Math.ceil((h + 1) / lag)];
  }
  return out;
}

export function seasonalNaiveModel(lag: number): FittedModel {
  return formulaModel('seasonal_naive', (values, o, horizon) => seasonalNaivePoint(values, o, horizon, lag));
}
