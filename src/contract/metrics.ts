/**
 * The names the headless runner exposes on `/metrics`, in one place: the exporter fills them, and
 * the deploy recipes (scrape config, alerting rules, KEDA ScaledObject) and their tests read them
 * from here, so a rename cannot leave a rule querying a metric that no longer exists.
 */

export const METRIC = {
  /** Forecast value at a fixed lead time: `{job, …series, lead, band}`. */
  forecast: 'foresight_forecast',
  /** Replicas the plan asks for at the evaluation time (first plan step): `{job, …series}`. */
  recommendedReplicas: 'foresight_recommended_replicas',
  /** Most replicas the plan asks for over the horizon: `{job, …series}`. */
  recommendedReplicasMax: 'foresight_recommended_replicas_max',
  /** 1 for the next action within the horizon, 0 for the others: `{job, …series, action}`. */
  scaleAction: 'foresight_scale_action',
  /** Always 1; the labels say which method and where the model came from: `{job, …series, method, model}`. */
  modelInfo: 'foresight_model_info',
  /** MAE of the chosen method divided by last-value naive's MAE on the same origins: `{job, …series}`. */
  relativeMae: 'foresight_relative_mae',
  /** Share of held-out values inside the band: `{job, …series, level}`. */
  intervalCoverage: 'foresight_interval_coverage',
  /**
   * Unix seconds of the series' last sample, the forecast's origin: `{job, …series}`. The result age
   * says when serve last evaluated; this says how old the data behind that evaluation is (a scrape
   * target that stopped reporting still gets evaluated, on its old samples).
   */
  lastSample: 'foresight_last_sample_timestamp_seconds',
  /** Unix seconds of the job's last successful evaluation: `{job}`. */
  lastSuccess: 'foresight_last_success_timestamp_seconds',
  /** Seconds since the job's last successful evaluation (grows while Prometheus is down): `{job}`. */
  resultAge: 'foresight_result_age_seconds',
  /** Seconds the job's last evaluation took (gauge) and their distribution (histogram): `{job}`. */
  evaluationDuration: 'foresight_evaluation_duration_seconds',
  evaluationDurationHistogram: 'foresight_evaluation_duration_histogram_seconds',
  /** Failed evaluations by reason (a `ForesightError` kind): `{job, reason}`. */
  evaluationErrors: 'foresight_evaluation_errors_total',
  /** Ticks skipped because the previous evaluation was still running: `{job}`. */
  skippedEvaluations: 'foresight_evaluations_skipped_total',
  /** Series this shard forecasts for the job: `{job}`. */
  series: 'foresight_series',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Label names Foresight sets itself; a series label with one of these names becomes `exported_<name>`. */
export const LABEL = {
  job: 'job',
  lead: 'lead',
  band: 'band',
  action: 'action',
  method: 'method',
  requested: 'requested',
  model: 'model',
  level: 'level',
  reason: 'reason',
} as const;

export const RESERVED_LABELS: readonly string[] = Object.values(LABEL);

/** `band` label values, in the order of the forecast fields they come from. */
export const BANDS = [
  { band: 'mean', field: 'mean' },
  { band: 'lower_80', field: 'lower80' },
  { band: 'upper_80', field: 'upper80' },
  { band: 'lower_95', field: 'lower95' },
  { band: 'upper_95', field: 'upper95' },
] as const;

export type BandLabel = (typeof BANDS)[number]['band'];

/** `action` label values. */
export const ACTIONS = ['up', 'down', 'hold', 'retire'] as const;

/** `level` label values of the coverage gauge. */
export const COVERAGE_LEVELS = ['80', '95'] as const;

/** Lead times offered as `lead` labels, those ≤ the job's horizon and ≥ one step (ms). */
export const LEAD_LADDER_MS: readonly number[] = [
  5 * 60_000,
  15 * 60_000,
  30 * 60_000,
  3_600_000,
  2 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  86_400_000,
];
