/**
 * Plain shapes for Prometheus data once it has left Grafana's frames or Prometheus's JSON.
 * No Grafana imports here: the engine, the CLI and the tests all read these.
 */

/** One series: its label set, epoch-ms timestamps (ascending) and values (null for missing / NaN / ±Inf). */
export interface PromSeries {
  labels: Record<string, string>;
  times: number[];
  values: Array<number | null>;
  /**
   * The times whose sample Prometheus gave as NaN, +Inf or -Inf (null in `values`); absent when none.
   * Handed to the engine with the series so its warning line says them (`samples.ts`).
   */
  nonFiniteTimes?: number[];
  /** Frame or metric name when one was given (Grafana puts `__name__` or the legend here). */
  name?: string;
}

/** A closed `[startMs, endMs]` range query on a step grid, as Prometheus evaluates it. */
export interface RangeQuery {
  expr: string;
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** One native histogram sample's body: `[boundaryRule, lower, upper, count]` per bucket, numbers as text. */
export interface PromHistogram {
  count: string;
  sum: string;
  buckets?: Array<[number, string, string, string]>;
}

/**
 * Prometheus's matrix result item (`/api/v1/query_range` with `resultType: matrix`). A series of
 * native histograms has `histograms` instead of (or, where it changed type, beside) `values`.
 */
export interface PromMatrixItem {
  metric: Record<string, string>;
  values: Array<[number, string]>;
  histograms?: Array<[number, PromHistogram]>;
}

/** Prometheus refuses range queries with more points than this per series. */
export const MAX_POINTS_PER_SERIES = 11_000;
