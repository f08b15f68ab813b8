import type { FittedModel } from './model';

/** Last value carried forward: at 5-minute resolution and short horizons, the baseline to beat. */
export function naiveModel(): FittedModel {
  return {
    method: 'naive',
    fitMs: 0,
    async predict(values, origins, horizon) {
      return origins.map((o) => new Float64Array(horizon).fill(values[o - 1]));
    },
    dispose() {},
  };
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
  return {
    method: 'seasonal_naive',
    fitMs: 0,
    async predict(values, origins, horizon) {
      return origins.map((o) => seasonalNaivePoint(values, o, horizon, lag));
    },
    dispose() {},
  };
}
