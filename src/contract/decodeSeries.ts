/**
 * Readers of the two Foresight frame kinds that carry rows (./decode.ts dispatches to them): a
 * forecast frame back into the decoded view of its `SeriesResult`, an actions frame back into
 * `ActionRow`s. Lenient about shape (see ./frameValues.ts); what they skip they say in `problems`.
 */
import { type DataFrame, getFieldDisplayName } from '@grafana/data';
import { ACTION_FIELDS, FORECAST_FIELDS, type ForesightFrameMeta } from './frames';
import {
  fieldValues,
  findField,
  foresightMeta,
  medianStep,
  numbers,
  timeField,
  toNumber,
  toTimeMs,
} from './frameValues';
import { panelSeriesKey } from './separateQueries';
import type { ActionKind, DecodedAction, ForecastSeries, NumArray } from './types';

const ACTION_KINDS: ActionKind[] = ['up', 'down', 'hold', 'retire'];

function lastActualTime(times: number[], actual: NumArray): number | undefined {
  for (let i = actual.length - 1; i >= 0; i--) {
    if (actual[i] != null) {
      return times[i];
    }
  }
  return undefined;
}

function validStale(v: unknown): ForecastSeries['stale'] {
  if (!v || typeof v !== 'object') {
    return undefined;
  }
  const { ageMs, thresholdMs } = v as { ageMs?: unknown; thresholdMs?: unknown };
  const age = toNumber(ageMs);
  const threshold = toNumber(thresholdMs);
  return age != null && threshold != null ? { ageMs: age, thresholdMs: threshold } : undefined;
}

function validWarnings(meta: ForesightFrameMeta['foresight'] | undefined): string[] {
  return Array.isArray(meta?.warnings)
    ? meta.warnings.filter((w): w is string => typeof w === 'string' && w.trim() !== '')
    : [];
}

/** Row order by time, rows with an unreadable time left out (uPlot needs ascending x). */
function timeOrder(frame: DataFrame): { order: Array<{ t: number; i: number }>; rows: number } | undefined {
  const tField = timeField(frame);
  if (!tField) {
    return undefined;
  }
  const rawTimes = fieldValues(tField).map(toTimeMs);
  const order = rawTimes
    .map((t, i) => ({ t, i }))
    .filter((r): r is { t: number; i: number } => r.t != null)
    .sort((a, b) => a.t - b.t);
  return { order, rows: rawTimes.length };
}

/** The field's colour scheme, if it is a well-formed one (a saved dashboard may hold anything). */
function colorScheme(color: unknown): ForecastSeries['color'] {
  if (typeof color !== 'object' || color === null) {
    return undefined;
  }
  const { mode, fixedColor } = color as { mode?: unknown; fixedColor?: unknown };
  if (typeof mode !== 'string' || mode === '') {
    return undefined;
  }
  return typeof fixedColor === 'string' && fixedColor !== '' ? { mode, fixedColor } : { mode };
}

export function decodeForecastFrame(frame: DataFrame, index: number, problems: string[]): ForecastSeries | undefined {
  const meta = foresightMeta(frame);
  const label = meta?.seriesName ?? frame.name ?? `series ${index + 1}`;
  const rowOrder = timeOrder(frame);
  if (!rowOrder) {
    problems.push(`Forecast frame "${label}" has no time field; skipped.`);
    return undefined;
  }
  const { order, rows: n } = rowOrder;
  if (order.length < n) {
    problems.push(`Forecast frame "${label}": ${n - order.length} rows without a valid time were dropped.`);
  }
  const pick = (name: string): NumArray => {
    const all = numbers(findField(frame, name), n);
    return order.map((r) => all[r.i]);
  };
  const fields = {
    actual: findField(frame, FORECAST_FIELDS.actual),
    forecast: findField(frame, FORECAST_FIELDS.forecast),
  };
  const has = {
    actual: Boolean(fields.actual),
    forecast: Boolean(fields.forecast),
    band80: Boolean(findField(frame, FORECAST_FIELDS.lower80) && findField(frame, FORECAST_FIELDS.upper80)),
    band95: Boolean(findField(frame, FORECAST_FIELDS.lower95) && findField(frame, FORECAST_FIELDS.upper95)),
    replicas: Boolean(findField(frame, FORECAST_FIELDS.replicas)),
  };
  if (!has.actual && !has.forecast) {
    problems.push(`Forecast frame "${label}" has neither "actual" nor "forecast" values; skipped.`);
    return undefined;
  }
  if (!has.forecast) {
    problems.push(`"${label}": no forecast in this response (actual values only).`);
  }
  const times = order.map((r) => r.t);
  const actual = pick(FORECAST_FIELDS.actual);
  const unitSource = fields.actual ?? fields.forecast;
  // A display name the user gave (Standard options → Display name, or an override on the series'
  // values; Grafana has interpolated it) wins over the data source's, as in Grafana's own panels.
  const userName = unitSource?.config.displayName?.trim();
  const sourceName =
    meta?.seriesName ?? frame.name ?? (fields.actual ? getFieldDisplayName(fields.actual, frame) : undefined) ?? label;
  const name = userName || sourceName;
  return {
    key: panelSeriesKey(frame.refId, meta?.seriesKey ?? name),
    refId: frame.refId,
    name,
    sourceName: name === sourceName ? undefined : sourceName,
    labels: { ...unitSource?.labels },
    times,
    actual,
    forecast: pick(FORECAST_FIELDS.forecast),
    lower80: pick(FORECAST_FIELDS.lower80),
    upper80: pick(FORECAST_FIELDS.upper80),
    lower95: pick(FORECAST_FIELDS.lower95),
    upper95: pick(FORECAST_FIELDS.upper95),
    replicas: pick(FORECAST_FIELDS.replicas),
    has,
    lastSampleMs: toNumber(meta?.lastSampleMs) ?? lastActualTime(times, actual),
    clockMs: toNumber(meta?.clockMs) ?? undefined,
    stepMs: medianStep(times),
    stale: validStale(meta?.stale),
    warnings: validWarnings(meta),
    horizonEndMs: toNumber(meta?.horizonEndMs) ?? (times.length ? times[times.length - 1] : undefined),
    report: meta?.report,
    policy: meta?.policy,
    retire: meta?.retire,
    run: meta?.run,
    unit: unitSource?.config.unit,
    decimals: unitSource?.config.decimals ?? undefined,
    min: toNumber(unitSource?.config.min) ?? undefined,
    max: toNumber(unitSource?.config.max) ?? undefined,
    color: colorScheme(unitSource?.config.color),
  };
}

export function decodeActionsFrame(frame: DataFrame, problems: string[]): DecodedAction[] {
  const tField = timeField(frame);
  if (!tField) {
    problems.push('Scale-actions frame has no time field; actions not shown.');
    return [];
  }
  const times = fieldValues(tField);
  const kinds = fieldValues(findField(frame, ACTION_FIELDS.action));
  const from = fieldValues(findField(frame, ACTION_FIELDS.from));
  const to = fieldValues(findField(frame, ACTION_FIELDS.to));
  const reasons = fieldValues(findField(frame, ACTION_FIELDS.reason));
  const series = fieldValues(findField(frame, ACTION_FIELDS.series));
  const rows: DecodedAction[] = [];
  let skipped = 0;
  for (let i = 0; i < times.length; i++) {
    const timeMs = toTimeMs(times[i]);
    const action = String(kinds[i] ?? '') as ActionKind;
    if (timeMs == null || !ACTION_KINDS.includes(action)) {
      skipped++;
      continue;
    }
    rows.push({
      timeMs,
      action,
      from: toNumber(from[i]) ?? NaN,
      to: toNumber(to[i]) ?? NaN,
      reason: reasons[i] == null ? '' : String(reasons[i]),
      series: series[i] == null ? '' : String(series[i]),
      refId: frame.refId,
    });
  }
  if (skipped > 0) {
    problems.push(`${skipped} scale-action rows with an unknown action or time were skipped.`);
  }
  return rows;
}
