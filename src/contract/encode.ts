/**
 * The writer side of the frame contract: the Grafana data frames the data source returns for a
 * `QueryResult` (field names and meta in ./frames.ts, read back by ./decode.ts). One wide forecast
 * frame per series, one scale-actions frame per query, and a field-less progress frame while
 * training streams. Pure: same input, same frames.
 */
import { FieldType, type DataFrame, type Field, type QueryResultMetaNotice } from '@grafana/data';
import { ACTION_FIELDS, FORECAST_FIELDS, type ForesightFrameMeta } from './frames';
import type { ActionRow, QueryResult, SeriesResult, TrainProgress } from './types';

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
 * The notices Grafana shows on the panel: the model's warning (a method that lost to a baseline), and
 * why the forecast was computed on the main thread when it was. Derived here so `SeriesResult` carries
 * no Grafana types.
 */
export function seriesNotices(result: SeriesResult): QueryResultMetaNotice[] | undefined {
  const notices: QueryResultMetaNotice[] = [];
  if (result.report.warning) {
    notices.push({ severity: 'warning', text: result.report.warning });
  }
  const inThreadReason = result.run?.compute === 'in-thread' ? result.run.computeNote : undefined;
  if (inThreadReason) {
    notices.push({ severity: 'info', text: inThreadReason });
  }
  return notices.length > 0 ? notices : undefined;
}

function seriesMeta(result: SeriesResult, horizonEndMs: number | undefined): ForesightFrameMeta {
  const { forecast } = result;
  return {
    foresight: {
      kind: 'forecast',
      seriesKey: result.seriesKey,
      seriesName: result.seriesName,
      lastSampleMs: forecast.startMs - forecast.stepMs,
      clockMs: result.clockMs,
      stale: result.stale,
      warnings: result.warnings?.length ? result.warnings : undefined,
      horizonEndMs,
      report: result.report,
      policy: result.policy,
      retire: result.retire,
      run: result.run,
    },
  };
}

/** Every actual and forecast time once, ascending (uPlot needs ascending x). */
function mergedTimes(actualTimes: readonly number[], forecastTimes: readonly number[]): number[] {
  const all = new Set<number>();
  for (const t of actualTimes) {
    if (Number.isFinite(t)) {
      all.add(t);
    }
  }
  forecastTimes.forEach((t) => all.add(t));
  return Array.from(all).sort((a, b) => a - b);
}

function rowIndex(times: readonly number[]): Map<number, number> {
  return new Map(times.map((t, i) => [t, i]));
}

/**
 * One series as one wide frame. One time axis, sorted: every actual sample and every forecast step
 * (a time that is both is one row). Each value field is null on the rows it has no value for, so
 * the panel draws actuals and forecast as separate lines. Actual samples newer than the forecast's
 * origin are kept: a forecast kept from an earlier run (a re-plan), or actuals read after the fit,
 * show what happened since the forecast was made beside what it said.
 */
export function encodeSeries(result: SeriesResult): DataFrame {
  const { forecast, actual, plan } = result;
  const horizon = forecast.mean.length;
  const forecastTimes = Array.from({ length: horizon }, (_, i) => forecast.startMs + i * forecast.stepMs);
  const times = mergedTimes(actual?.times ?? [], forecastTimes);
  const at = rowIndex(times);
  const onRows = (rowTimes: number[], values: ReadonlyArray<number | null>) => {
    const column = new Array<number | null>(times.length).fill(null);
    rowTimes.forEach((t, i) => {
      const row = at.get(t);
      if (row !== undefined && i < values.length) {
        column[row] = values[i];
      }
    });
    return column;
  };
  const actualValues = onRows(actual?.times ?? [], actual?.values ?? []);
  const pad = (values: number[]) => onRows(forecastTimes, values);
  const replicas = plan ? onRows(plan.times, plan.replicas) : [];

  const name = result.seriesName;
  const labels = result.labels;
  const valueConfig = result.unit ? { unit: result.unit } : {};
  return {
    refId: result.refId,
    name,
    length: times.length,
    meta: {
      type: 'timeseries-wide' as NonNullable<DataFrame['meta']>['type'],
      typeVersion: [0, 1],
      executedQueryString: result.executedQueryString,
      notices: seriesNotices(result),
      custom: seriesMeta(result, forecastTimes[horizon - 1]),
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

/**
 * Scale actions of every series of one query, sorted by time, one row each (usable as annotations).
 * `notices` are what concerns the whole query rather than one series (what Prometheus said beside
 * its data): the frame is written once per query, so they ride on it, as Grafana notices.
 */
export function encodeActions(refId: string, rows: ActionRow[], notices: string[] = []): DataFrame {
  const sorted = [...rows].sort((a, b) => a.timeMs - b.timeMs);
  const meta: ForesightFrameMeta = { foresight: { kind: 'actions' } };
  return {
    refId,
    name: 'scale actions',
    length: sorted.length,
    meta: {
      custom: meta,
      ...(notices.length > 0 ? { notices: notices.map((text) => ({ severity: 'warning' as const, text })) } : {}),
    },
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
export function encodeProgress(refId: string, progress: TrainProgress): DataFrame {
  const meta: ForesightFrameMeta = { foresight: { kind: 'progress', progress } };
  return { refId, name: 'progress', length: 0, fields: [], meta: { custom: meta } };
}

/**
 * The whole answer to one query: its series' frames in order, then the actions frame (written even
 * when empty, so the panel can tell "no actions" from "no actions frame"). `errors` are not frames:
 * the data source returns them as the response's errors.
 */
export function encodeQueryResult(result: QueryResult, notices: string[] = []): DataFrame[] {
  return [...result.series.map(encodeSeries), encodeActions(result.refId, result.actions, notices)];
}
