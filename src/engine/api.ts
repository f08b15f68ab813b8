/**
 * The forecasting engine's public contract. Pure TypeScript: no Grafana, no React, no DOM.
 * Everything above the engine (policy, worker bridge, data source, CLI, bench) talks to it through
 * these types and `forecastSeries()` (exported from `src/engine/index.ts`).
 */
import type { SentencePart } from '../common/figures';
import type { MethodId } from '../common/methodNames';

/** Methods the engine can fit (their ids and display names: `common/methodNames.ts`). `auto` picks one of them per series by validation error. */
/** `lstm_base`: the shipped base model zero-shot (no training); see `lstm/baseModel.ts`. */
/** `seasonal_mean`: the same time of day over the last 7 days, highest and lowest dropped (`seasonalMean.ts`). */
/** `linear`: the LSTM's level-free inputs, weighted linearly, fitted by least absolute deviations (`linear.ts`). */
/** `ensemble` and `model_median` are never requested: `auto` adds them, medians of the candidates that ran (`ensemble.ts`). */
export type BaseMethod = MethodId;
export type MethodChoice = BaseMethod | 'auto';
export type ComputeBackend = 'auto' | 'wasm' | 'webgl' | 'cpu';

/** A series as it arrives from Prometheus: epoch-millisecond timestamps, values possibly null/NaN. */
export interface RawSeries {
  times: number[];
  values: Array<number | null>;
  /**
   * Times whose value the source gave as NaN or ±Inf but hands on as null (Foresight's Prometheus
   * readers do, so no other consumer meets a NaN). Preparation counts those nulls as the NaN and ±Inf
   * they were, which it always says in the warning line.
   */
  nonFiniteTimes?: number[];
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
  /** Safety net, default 60,000: epochs and early stopping end training; when this fires, `report.notes` says so. */
  maxTrainMs?: number;
  /** Training windows sampled per epoch; default 2048. */
  samplesPerEpoch?: number;
  /** Seed for window sampling and weight initialisation (reproducible runs). */
  seed?: number;
}

/** `fetch`: the use case waiting for the data source (Prometheus); the engine itself never reports it. */
export type TrainPhase = 'fetch' | 'prepare' | 'baselines' | 'train' | 'backtest' | 'forecast';

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
  /**
   * MAE of the chosen method divided by last-value naive's, where the per-method scores are not at
   * hand: a forecast read back from a Foresight server, which publishes only this ratio
   * (`foresight_relative_mae`). The engine leaves it unset; its `scores` hold both MAEs.
   */
  relMaeVsNaive?: number;
  coverage80: number;
  coverage95: number;
  origins: number;
  /**
   * The validation origins `coverage80/95` were counted on, when fewer than `origins`: the drawn
   * band replayed at up to 48 of them (`bandReplay.ts`).
   */
  coverageOrigins?: number;
  trainedFromMs: number;
  trainedToMs: number;
  trainedAtMs: number;
  trainMs: number;
  backend: string;
  /**
   * Set when the series was constant over the training window: the forecast is this value with no
   * band, and nothing was trained, loaded or compared. Front doors say "no model needed" rather than
   * "trained now".
   */
  constantValue?: number;
  /** Set when the requested/preferred method lost to a baseline and the baseline is shown instead. */
  warning?: string;
  /**
   * `warning` with its error figures kept as numbers in the series' units, when it has any
   * (`common/figures.ts`): the panel shows them in the series' unit; printed plainly it is `warning`.
   */
  warningParts?: SentencePart[];
  /** What preparation and selection did, in words (gaps filled, samples dropped). */
  notes?: string[];
  /**
   * Candidates that were requested (or part of `auto`) but not used, each with a sentence that says
   * why and what to change ("this window gives 461 points, it needs 535 — widen the training window
   * to 3d or more"). Front doors show these in their visible warning line.
   */
  skipped?: Array<{ method: BaseMethod; reason: string }>;
  /**
   * Set when a level shift began before the origin (`shift.ts`; `auto` then compares the methods
   * only on forecasts made since it): whatever the method, the scores above are mostly from before
   * it, and `measuredSince` says whether any forecast made since has been checked yet. Front doors
   * say so beside the accuracy figures.
   */
  levelShift?: { agoMs: number; measuredSince: boolean };
  /** Per horizon step: half-width of the 80 % / 95 % intervals (calibrated from out-of-sample errors). */
  intervalHalfWidth80?: number[];
  intervalHalfWidth95?: number[];
}

/** Opaque-to-callers saved model: tfjs artifacts plus the metadata needed to validate and reuse it. */
export interface SavedModelMeta {
  engineVersion: string;
  method: BaseMethod;
  stepMs: number;
  horizon: number;
  window: number;
  seasonSteps: number;
  trainedFromMs: number;
  trainedToMs: number;
  trainedAtMs: number;
  /** Fingerprint of query + window + step + method, so a cache hit is never a different question. */
  fingerprint: string;
  /** Scaler fitted on training data only. */
  scaler: { offset: number; scale: number; log: boolean };
  report?: ModelReport;
}

/**
 * The one shape of a saved model across the project (IndexedDB cache, named models, files, URLs):
 * Foresight metadata plus tfjs model artifacts, opaque to callers. Whatever the source, it goes
 * through the engine's one load path (`src/engine/lstm/persist.ts` `normaliseSavedModel`), which
 * JSON-cleans and validates it before tfjs builds anything.
 */
export interface SavedModel {
  meta: SavedModelMeta;
  artifacts: unknown;
}

export interface ForecastRequest {
  series: RawSeries;
  /** Grid step of the series in ms (the training step). */
  stepMs: number;
  /** Forecast horizon in steps. */
  horizon: number;
  method: MethodChoice;
  lstm?: LstmOptions;
  backend?: ComputeBackend;
  /** Fingerprint stored with a trained model (query + window + step + method). */
  fingerprint?: string;
  /** Reuse this model: forecast only, or fine-tune on the new data when `fineTune` is set. */
  savedModel?: SavedModel;
  fineTune?: boolean;
  /**
   * A first answer in tens of milliseconds: `auto` among the methods that train nothing (naive,
   * seasonal naive and the base model zero-shot when one is loaded), scored on fewer validation
   * origins. What a dashboard shows while the full run (LSTM fine-tune) goes on in the background.
   */
  quick?: boolean;
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
}

export interface ForecastOutcome {
  forecast: Forecast;
  report: ModelReport;
  /** Present when an LSTM was trained or fine-tuned, for caching / saving. */
  model?: SavedModel;
}
