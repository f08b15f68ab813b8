/**
 * Pure builders of the frames the data source returns (contract: src/contract/frames.ts):
 * one wide forecast frame per series, one scale-actions frame per query, and a progress frame
 * while training streams.
 */
import { FieldType, type DataFrame, type Field, type QueryResultMetaNotice } from '@grafana/data';
import { ACTION_FIELDS, FORECAST_FIELDS, type ForesightFrameMeta, type ForesightRunInfo } from '../contract/frames';
import type { Forecast, ModelReport, TrainProgress } from '../engine/api';
import type { PromSeries } from '../io/prometheus/types';
import type { ReplicaPlan, RetireAdvice, ScaleAction, ScalingPolicy } from '../policy/types';

export type RunInfo = ForesightRunInfo;

export interface ForecastFrameInput {
  refId: string;
  seriesKey: string;
  seriesName: string;
  labels: Record<string, string>;
  /** Actuals over the dashboard range (may be absent when the series has no recent data). */
  actual?: PromSeries;
  forecast: Forecast;
  plan?: ReplicaPlan;
  report: ModelReport;
  policy: ScalingPolicy;
  retire?: RetireAdvice;
  run?: RunInfo;
  executedQueryString?: string;
  notices?: QueryResultMetaNotice[];
  /** Grafana unit id of the value fields. */
  unit?: string;
  /** Wall clock of the answer: where the panel draws "now". */
  clockMs?: number;
  /** Set when the last sample is too old to act on. */
  stale?: { ageMs: number; thresholdMs: number };
  /** The visible warning line (full sentences). */
  warnings?: string[];
}

function numberField(
  name: string,
  displayName: string,
  values: Array<number | null>,
  labels: Record<string, string>,
  extra: Partial<Field['config']> = {}
): Field {
  return { name, type: FieldType.number, labels, config: { displayNameFromDS: displayName, ...extra }, values };
}

/**
 * One time axis: the actual samples of the dashboard range, then the forecast steps. Each value
 * field is null where it has no value, so the panel draws actuals and forecast as separate lines.
 */
export function buildForecastFrame(input: ForecastFrameInput): DataFrame {
  const { forecast, actual, plan } = input;
  const horizon = forecast.mean.length;
  const forecastTimes = Array.from({ length: horizon }, (_, i) => forecast.startMs + i * forecast.stepMs);
  const actualTimes = (actual?.times ?? []).filter((t) => t < forecast.startMs);
  const times = [...actualTimes, ...forecastTimes];
  const nActual = actualTimes.length;
  const pad = (values: number[]) => [...new Array<null>(nActual).fill(null), ...values];
  const actualValues: Array<number | null> = [
    ...(actual?.values.slice(0, nActual) ?? []),
    ...new Array<null>(horizon).fill(null),
  ];

  const replicasByTime = new Map<number, number>();
  plan?.times.forEach((t, i) => replicasByTime.set(t, plan.replicas[i]));
  const replicas = times.map((t) => replicasByTime.get(t) ?? null);

  const name = input.seriesName;
  const labels = input.labels;
  const valueConfig = input.unit ? { unit: input.unit } : {};
  const meta: ForesightFrameMeta = {
    foresight: {
      kind: 'forecast',
      seriesKey: input.seriesKey,
      seriesName: name,
      lastSampleMs: forecast.startMs - forecast.stepMs,
      clockMs: input.clockMs,
      stale: input.stale,
      warnings: input.warnings?.length ? input.warnings : undefined,
      horizonEndMs: forecastTimes[horizon - 1],
      report: input.report,
      policy: input.policy,
      retire: input.retire,
      run: input.run,
    },
  };
  return {
    refId: input.refId,
    name,
    length: times.length,
    meta: {
      type: 'timeseries-wide' as NonNullable<DataFrame['meta']>['type'],
      typeVersion: [0, 1],
      executedQueryString: input.executedQueryString,
      notices: input.notices,
      custom: meta,
    },
    fields: [
      { name: FORECAST_FIELDS.time, type: FieldType.time, config: { interval: forecast.stepMs }, values: times },
      numberField(FORECAST_FIELDS.actual, name, actualValues, labels, valueConfig),
      numberField(FORECAST_FIELDS.forecast, `${name} forecast`, pad(forecast.mean), labels, valueConfig),
      numberField(FORECAST_FIELDS.lower80, `${name} lower 80%`, pad(forecast.lower80), labels, valueConfig),
      numberField(FORECAST_FIELDS.upper80, `${name} upper 80%`, pad(forecast.upper80), labels, valueConfig),
      numberField(FORECAST_FIELDS.lower95, `${name} lower 95%`, pad(forecast.lower95), labels, valueConfig),
      numberField(FORECAST_FIELDS.upper95, `${name} upper 95%`, pad(forecast.upper95), labels, valueConfig),
      // No plan (no policy result, or stale data): no replicas field, so nothing draws an empty line.
      ...(plan
        ? [
            numberField(FORECAST_FIELDS.replicas, `${name} recommended replicas`, replicas, labels, {
              unit: 'none',
              decimals: 0,
            }),
          ]
        : []),
    ],
  };
}

export interface ActionRow extends ScaleAction {
  series: string;
}

/** Scale actions of every series of one query, sorted by time (usable as annotations). */
export function buildActionsFrame(refId: string, rows: ActionRow[]): DataFrame {
  const sorted = [...rows].sort((a, b) => a.timeMs - b.timeMs);
  const meta: ForesightFrameMeta = { foresight: { kind: 'actions' } };
  return {
    refId,
    name: 'scale actions',
    length: sorted.length,
    meta: { custom: meta },
    fields: [
      { name: ACTION_FIELDS.time, type: FieldType.time, config: {}, values: sorted.map((r) => r.timeMs) },
      {
        name: ACTION_FIELDS.action,
        type: FieldType.string,
        config: { displayNameFromDS: 'action' },
        values: sorted.map((r) => r.action),
      },
      {
        name: ACTION_FIELDS.from,
        type: FieldType.number,
        config: { displayNameFromDS: 'from replicas', decimals: 0 },
        values: sorted.map((r) => r.from),
      },
      {
        name: ACTION_FIELDS.to,
        type: FieldType.number,
        config: { displayNameFromDS: 'to replicas', decimals: 0 },
        values: sorted.map((r) => r.to),
      },
      {
        name: ACTION_FIELDS.reason,
        type: FieldType.string,
        config: { displayNameFromDS: 'reason' },
        values: sorted.map((r) => r.reason),
      },
      {
        name: ACTION_FIELDS.series,
        type: FieldType.string,
        config: { displayNameFromDS: 'series' },
        values: sorted.map((r) => r.series),
      },
    ],
  };
}

/** A field-less frame that carries training progress while the response streams. */
export function buildProgressFrame(refId: string, progress: TrainProgress): DataFrame {
  const meta: ForesightFrameMeta = { foresight: { kind: 'progress', progress } };
  return { refId, name: 'progress', length: 0, fields: [], meta: { custom: meta } };
}
