/**
 * The frame contract between the Foresight data source (producer) and the Foresight panel (consumer).
 * Field names follow the data-plane "timeseries-wide" convention: one time field, numeric value
 * fields carrying the series labels. Plain TypeScript constants and types only.
 */
import type { ModelReport, TrainProgress } from '../engine/api';
import type { RetireAdvice, ScalingPolicy } from '../policy/types';

/** Value fields of a forecast frame (one frame per series, aligned on one time field). */
export const FORECAST_FIELDS = {
  time: 'time',
  actual: 'actual',
  forecast: 'forecast',
  lower80: 'lower_80',
  upper80: 'upper_80',
  lower95: 'lower_95',
  upper95: 'upper_95',
  replicas: 'recommended_replicas',
} as const;

/** Fields of the scale-actions frame (one row per action; usable as annotations). */
export const ACTION_FIELDS = {
  time: 'time',
  action: 'action',
  from: 'from',
  to: 'to',
  reason: 'reason',
  series: 'series',
} as const;

export type ForesightFrameKind = 'forecast' | 'actions' | 'progress';

/** Stored under `frame.meta.custom` of every frame the data source returns. */
export interface ForesightFrameMeta {
  foresight: {
    kind: ForesightFrameKind;
    /** Stable key of the series (its label set), shared by its forecast and action rows. */
    seriesKey?: string;
    /** Display name of the series (legend format applied). */
    seriesName?: string;
    /** Epoch ms of the last observation: where the forecast begins. */
    nowMs?: number;
    horizonEndMs?: number;
    report?: ModelReport;
    policy?: ScalingPolicy;
    retire?: RetireAdvice;
    progress?: TrainProgress;
    /** How the forecast was computed (forecast frames): where, with what, how long. */
    run?: ForesightRunInfo;
  };
}

/** Run details of one series' forecast, for the model card and for diagnosing slow queries. */
export interface ForesightRunInfo {
  /** `worker` (off the main thread) or `in-thread` (fallback, see `computeNote`). */
  compute: 'worker' | 'in-thread';
  /** Why the computation ran on the main thread, when it did. */
  computeNote?: string;
  /** tfjs backend the engine used (`wasm`, `cpu`, …). */
  backend: string;
  /** Where the model came from: trained now, reused from the cache as is (`auto-retrain`), or loaded by name/URL. */
  model: 'trained' | 'cache' | 'loaded';
  /**
   * Set when `trained` started from the cached model of the same fingerprint (fine-tuned on the fresh
   * window: a refresh in `train` mode) rather than from scratch.
   */
  warmStart?: boolean;
  /** Time spent fetching the training window (all chunks, all series of the query). */
  fetchMs: number;
  /** Time spent in the engine for this series (train + backtest + forecast). */
  trainMs: number;
  trainingPoints: number;
  chunks: number;
}
