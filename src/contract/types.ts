/**
 * The wire types of Foresight's answer, free of Grafana: what the use case (src/advisor) produces for
 * one query, what `encode` writes as data frames for the data source, what the headless runner turns
 * into Prometheus metrics, and what `decode` reads back for the panel. Engine and policy types the
 * panel needs are re-exported from here, so the panel depends on this folder only.
 */
import type { Forecast, ModelReport, TrainProgress } from '../engine/api';
import type { ReplicaPlan, RetireAdvice, ScaleAction, ScalingPolicy } from '../policy/types';
import type { ForesightRunInfo } from './frames';

export type { ForesightRunInfo } from './frames';

export type { BaseMethod, Forecast, MethodScore, ModelReport, TrainProgress } from '../engine/api';
export type {
  ActionKind,
  Headroom,
  PolicyKind,
  ReplicaPlan,
  RetireAdvice,
  ScaleAction,
  ScalingPolicy,
} from '../policy/types';

/** One series' answer: its actuals, forecast, plan, the model's report and what the user must read. */
export interface SeriesResult {
  refId: string;
  /** Stable key of the series (its label set), shared by its forecast and its action rows. */
  seriesKey: string;
  /** Display name (legend format applied). */
  seriesName: string;
  labels: Record<string, string>;
  /** Actuals over the displayed range, null where Prometheus had no value (absent when none were fetched). */
  actual?: { times: number[]; values: Array<number | null> };
  forecast: Forecast;
  /** Absent when there is no plan (stale data, or no policy result): no replicas are drawn. */
  plan?: ReplicaPlan;
  report: ModelReport;
  /** The policy planned with, when anyone stated the replicas (`advisor/policy.ts` `replicasStated`). */
  policy?: ScalingPolicy;
  retire?: RetireAdvice;
  run?: ForesightRunInfo;
  /** Grafana unit id of the value fields (`reqps`, `percent`). */
  unit?: string;
  /** Wall clock of the answer: where the panel draws "now". */
  clockMs?: number;
  /** Set when the last sample is too old to act on. */
  stale?: { ageMs: number; thresholdMs: number };
  /** The visible warning line: full sentences. */
  warnings?: string[];
  /** What ran, for the query inspector (`Expr: …\nTraining: …`). */
  executedQueryString?: string;
}

/** One scale action, with the display name of the series it belongs to. */
export interface ActionRow extends ScaleAction {
  series: string;
}

/** The whole answer to one query (one panel target, or one headless job). */
export interface QueryResult {
  refId: string;
  series: SeriesResult[];
  /** Every series' actions, sorted by time. */
  actions: ActionRow[];
  /** Per-series failures and query-wide notices ("showing the first 10 of 42 series"), as sentences. */
  errors: string[];
}

/** Progress of a query still running (streamed to the panel while training). */
export interface QueryProgress {
  refId: string;
  progress: TrainProgress;
}

/** A value column as the panel reads it: null where the line has no value (or the value was unreadable). */
export type NumArray = Array<number | null>;

/** A colour scheme the user chose for a series: Grafana's colour mode id and, where it has one, its colour. */
export interface SeriesColorScheme {
  mode: string;
  fixedColor?: string;
}

/**
 * The decoded view of one `SeriesResult` (one forecast frame), as `decode` gives it to the panel:
 * actuals and forecast on one ascending time axis, null where a line has no value, and the meta.
 * Also what `decode` makes of a forecast frame from another producer, so most fields are optional.
 */
export interface ForecastSeries {
  key: string;
  name: string;
  /**
   * The name the data source gave, where the user's display name replaced it: scale actions and frame
   * notices name the series by it (`decode` renames them to `name`).
   */
  sourceName?: string;
  /** Labels of the series (from its value fields); empty when the frame had none. */
  labels: Record<string, string>;
  times: number[];
  actual: NumArray;
  forecast: NumArray;
  lower80: NumArray;
  upper80: NumArray;
  lower95: NumArray;
  upper95: NumArray;
  replicas: NumArray;
  /** Which optional columns the frame carried (a missing one is a partial result, not an error). */
  has: { actual: boolean; forecast: boolean; band80: boolean; band95: boolean; replicas: boolean };
  /** Epoch ms of the forecast origin: meta.lastSampleMs, else the last actual value. */
  lastSampleMs?: number;
  /** Wall clock of the answer (meta.clockMs): where the chart draws "now". */
  clockMs?: number;
  /** Grid step of the series (median gap between rows), for the staleness rule. */
  stepMs?: number;
  /** Set by the data source when the last sample is too old to plan on. */
  stale?: { ageMs: number; thresholdMs: number };
  /** Sentences for the visible warning line (what was dropped or replaced, and what to do). */
  warnings: string[];
  horizonEndMs?: number;
  report?: ModelReport;
  policy?: ScalingPolicy;
  retire?: RetireAdvice;
  run?: ForesightRunInfo;
  /** Unit and decimals of the metric, from the actual (or forecast) field's config. */
  unit?: string;
  decimals?: number;
  /**
   * The value axis' fixed range, from the same field's config: the panel's Standard options → Min
   * and Max, which Grafana writes onto every field of the data it hands the panel.
   */
  min?: number;
  max?: number;
  /**
   * The colour scheme the user chose for the series (Standard options → Color scheme, or an
   * override on its actual values): Grafana's mode id and, for a single colour or its shades, the
   * colour. Absent: the classic palette by series order.
   */
  color?: SeriesColorScheme;
  /** The panel query (A, B, …) the frame answered, where the frame says. */
  refId?: string;
}

/** An action row as `decode` reads it: with the panel query its actions frame answered. */
export interface DecodedAction extends ActionRow {
  refId?: string;
}

/** A notice to show on the visible warning line, with the name of the frame it came from. */
export interface FrameNotice {
  text: string;
  /** Name of the series (or frame) it concerns, when it names one. */
  source?: string;
  severity: 'info' | 'warning' | 'error';
  /** The panel query of the frame it came from. */
  refId?: string;
}
