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
    /** Epoch ms of the last observation: the forecast origin (labelled "last sample 52m ago"). */
    lastSampleMs?: number;
    /** Wall clock when the data source answered: where the panel draws "now". */
    clockMs?: number;
    /** Set when the last sample is older than max(3 steps, 10 min): no scale actions are given. */
    stale?: { ageMs: number; thresholdMs: number };
    /**
     * The visible warning line: full sentences saying what was dropped, replaced or doubtful and what
     * to do ("LSTM skipped: … — widen the training window to 3d or more"). Never only in a tooltip.
     */
    warnings?: string[];
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
  /**
   * Where the model came from: trained now, reused from the cache as is (`auto-retrain`), loaded by
   * name/URL, or `base`: a first, quick answer from the untrained methods and the shipped base model
   * while this series' own model trains in the background (the response is still streaming), or
   * `none`: the series was constant over the training window, so its forecast is that constant and
   * no model was trained, reused or loaded (`ModelReport.constantValue`).
   */
  model: 'trained' | 'cache' | 'loaded' | 'base' | 'none';
  /** When the model in use was trained or last fine-tuned (epoch ms): "cached model from 14:02, fine-tuned". */
  modelTrainedAtMs?: number;
  /**
   * Set when only the plan was recomputed on a forecast kept in memory (a policy, unit or display
   * edit): no fetch, no training, no model load.
   */
  replanned?: boolean;
  /**
   * Set when `trained` started from the cached model of the same fingerprint (fine-tuned on the fresh
   * window: a refresh in `train` mode) rather than from scratch; with `base`, when the quick answer
   * stands in while that cached model (trained at `modelTrainedAtMs`) runs on the fresh data.
   */
  warmStart?: boolean;
  /** Time spent fetching the training window (all chunks, all series of the query). */
  fetchMs: number;
  /** Time spent in the engine for this series (train + backtest + forecast). */
  trainMs: number;
  trainingPoints: number;
  chunks: number;
}
