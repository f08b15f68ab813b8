/**
 * The forecasting engine's public contract. Pure TypeScript: no Grafana, no React, no DOM.
 * Everything above the engine (policy, worker bridge, data source, CLI, bench) talks to it through
 * these types and `forecastSeries()` (exported from `src/engine/index.ts`).
 */

/** Methods the engine can fit. `auto` picks one of them per series by validation error. */
export type BaseMethod = 'naive' | 'seasonal_naive' | 'mstl' | 'lstm';
export type MethodChoice = BaseMethod | 'auto';
export type ComputeBackend = 'auto' | 'wasm' | 'webgl' | 'cpu';

/** A series as it arrives from Prometheus: epoch-millisecond timestamps, values possibly null/NaN. */
export interface RawSeries {
  times: number[];
  values: Array<number | null>;
}

export interface LstmOptions {
  /** Input window in steps. */
  window?: number;
  units?: number;
  epochs?: number;
  batchSize?: number;
  /** Early-stopping patience in epochs. */
  patience?: number;
  learningRate?: number;
}

export type TrainPhase = 'prepare' | 'baselines' | 'train' | 'backtest' | 'forecast';

export interface TrainProgress {
  phase: TrainPhase;
  /** 0..1 over the whole request. */
  fraction: number;
  epoch?: number;
  epochs?: number;
  loss?: number;
  valLoss?: number;
  message?: string;
}

/** Point forecast with 80 % and 95 % prediction intervals, one entry per horizon step. */
export interface ForecastBand {
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

export interface Forecast extends ForecastBand {
  /** Time of the first forecast step (one step after the last observation). */
  startMs: number;
  stepMs: number;
  method: BaseMethod;
}

export interface MethodScore {
  mae: number;
  rmse: number;
  mase: number;
  coverage80: number;
  coverage95: number;
  fitMs: number;
}

/** What the model card shows: out-of-sample accuracy, measured before the forecast is trusted. */
export interface ModelReport {
  requested: MethodChoice;
  method: BaseMethod;
  scores: Partial<Record<BaseMethod, MethodScore>>;
  mase: number;
  /** MAE of the chosen method divided by seasonal naive's MAE on the same origins. */
  relMaeVsSeasonalNaive: number;
  coverage80: number;
  coverage95: number;
  origins: number;
  trainedFromMs: number;
  trainedToMs: number;
  trainedAtMs: number;
  trainMs: number;
  backend: string;
  /** Set when the requested/preferred method lost to a baseline and the baseline is shown instead. */
  warning?: string;
}
