/**
 * Reads the frames a query returned and sorts them into what the panel draws: Foresight forecast
 * series (per src/contract/frames.ts), scale actions, training progress and plain time series from
 * any other data source. Never throws: what it cannot use it reports in `problems`.
 */
import { type DataFrame, type Field, FieldType, getFieldDisplayName } from '@grafana/data';
import { ACTION_FIELDS, FORECAST_FIELDS, type ForesightFrameMeta, type ForesightRunInfo } from '../../contract/frames';
import type { ModelReport, TrainProgress } from '../../engine/api';
import type { ActionKind, RetireAdvice, ScalingPolicy } from '../../policy/types';

export type NumArray = Array<number | null>;

export interface ForecastSeries {
  key: string;
  name: string;
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
}

export interface ActionRow {
  timeMs: number;
  action: ActionKind;
  from: number;
  to: number;
  reason: string;
  /** Series key (or name) the action belongs to; empty when the frame did not say. */
  series: string;
}

export interface ParsedPanelData {
  forecasts: ForecastSeries[];
  actions: ActionRow[];
  progress?: TrainProgress;
  /** Frames from other data sources (or non-Foresight frames) with a time field and numbers. */
  plain: DataFrame[];
  /** Human-readable notes on what could not be used: shown as "partial results". */
  problems: string[];
  /**
   * Frame notices (`meta.notices`, any frame) and warnings of non-forecast Foresight frames, with the
   * name of the frame they came from: they go to the visible warning line.
   */
  notices: FrameNotice[];
}

export interface FrameNotice {
  text: string;
  /** Name of the series (or frame) it concerns, when it names one. */
  source?: string;
  severity: 'info' | 'warning' | 'error';
}

const ACTION_KINDS: ActionKind[] = ['up', 'down', 'hold', 'retire'];

export function foresightMeta(frame: DataFrame): ForesightFrameMeta['foresight'] | undefined {
  const custom = frame.meta?.custom as Partial<ForesightFrameMeta> | undefined;
  const meta = custom?.foresight;
  return meta && typeof meta === 'object' && typeof meta.kind === 'string' ? meta : undefined;
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? v : null;
  }
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Epoch ms from a number, a numeric string, an ISO string or a Date-like value. */
export function toTimeMs(v: unknown): number | null {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? v : null;
  }
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isFinite(t) ? t : null;
  }
  if (typeof v === 'string' && v.trim() !== '') {
    const asNumber = Number(v);
    if (Number.isFinite(asNumber)) {
      return asNumber;
    }
    const parsed = Date.parse(v);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

function fieldValues(field: Field | undefined): unknown[] {
  if (!field) {
    return [];
  }
  const values: unknown = field.values;
  return Array.isArray(values) ? values : Array.from((values as ArrayLike<unknown>) ?? []);
}

function findField(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function timeField(frame: DataFrame): Field | undefined {
  return frame.fields.find((f) => f.type === FieldType.time) ?? findField(frame, FORECAST_FIELDS.time);
}

function numbers(field: Field | undefined, length: number): NumArray {
  const values = fieldValues(field);
  const out: NumArray = new Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = toNumber(values[i]);
  }
  return out;
}

function lastActualTime(times: number[], actual: NumArray): number | undefined {
  for (let i = actual.length - 1; i >= 0; i--) {
    if (actual[i] != null) {
      return times[i];
    }
  }
  return undefined;
}

/** Median gap between consecutive rows: the series' step, robust to a few missing rows. */
export function medianStep(times: number[]): number | undefined {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    if (times[i] > times[i - 1]) {
      gaps.push(times[i] - times[i - 1]);
    }
  }
  if (gaps.length === 0) {
    return undefined;
  }
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
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

function parseForecastFrame(frame: DataFrame, index: number, problems: string[]): ForecastSeries | undefined {
  const meta = foresightMeta(frame);
  const label = meta?.seriesName ?? frame.name ?? `series ${index + 1}`;
  const tField = timeField(frame);
  if (!tField) {
    problems.push(`Forecast frame "${label}" has no time field; skipped.`);
    return undefined;
  }
  // Rows with an unreadable time are dropped, and the rest sorted, because uPlot needs ascending x.
  const rawTimes = fieldValues(tField).map(toTimeMs);
  const order = rawTimes
    .map((t, i) => ({ t, i }))
    .filter((r): r is { t: number; i: number } => r.t != null)
    .sort((a, b) => a.t - b.t);
  if (order.length < rawTimes.length) {
    problems.push(
      `Forecast frame "${label}": ${rawTimes.length - order.length} rows without a valid time were dropped.`
    );
  }
  const n = rawTimes.length;
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
  const name =
    meta?.seriesName ?? frame.name ?? (fields.actual ? getFieldDisplayName(fields.actual, frame) : undefined) ?? label;
  return {
    key: meta?.seriesKey ?? name,
    name,
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
    warnings: Array.isArray(meta?.warnings)
      ? meta.warnings.filter((w): w is string => typeof w === 'string' && w.trim() !== '')
      : [],
    horizonEndMs: toNumber(meta?.horizonEndMs) ?? (times.length ? times[times.length - 1] : undefined),
    report: meta?.report,
    policy: meta?.policy,
    retire: meta?.retire,
    run: meta?.run,
    unit: unitSource?.config.unit,
    decimals: unitSource?.config.decimals ?? undefined,
  };
}

function parseActionsFrame(frame: DataFrame, problems: string[]): ActionRow[] {
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
  const rows: ActionRow[] = [];
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
    });
  }
  if (skipped > 0) {
    problems.push(`${skipped} scale-action rows with an unknown action or time were skipped.`);
  }
  return rows;
}

function isPlainTimeSeries(frame: DataFrame): boolean {
  return frame.fields.some((f) => f.type === FieldType.time) && frame.fields.some((f) => f.type === FieldType.number);
}

function frameNotices(frame: DataFrame, meta: ForesightFrameMeta['foresight'] | undefined): FrameNotice[] {
  const source = meta?.seriesName ?? frame.name;
  const out: FrameNotice[] = [];
  for (const notice of frame.meta?.notices ?? []) {
    if (notice && typeof notice.text === 'string' && notice.text.trim() !== '') {
      const severity = notice.severity === 'error' || notice.severity === 'info' ? notice.severity : 'warning';
      out.push({ text: notice.text, source, severity });
    }
  }
  // Forecast frames' warnings travel with their series (ForecastSeries.warnings); others land here.
  if (meta && meta.kind !== 'forecast' && Array.isArray(meta.warnings)) {
    for (const w of meta.warnings) {
      if (typeof w === 'string' && w.trim() !== '') {
        out.push({ text: w, source: meta.seriesName, severity: 'warning' });
      }
    }
  }
  return out;
}

export function parseFrames(series: DataFrame[] | undefined | null): ParsedPanelData {
  const result: ParsedPanelData = { forecasts: [], actions: [], plain: [], problems: [], notices: [] };
  (series ?? []).forEach((frame, index) => {
    if (!frame || !Array.isArray(frame.fields)) {
      result.problems.push(`Result ${index + 1} is not a data frame; skipped.`);
      return;
    }
    const meta = foresightMeta(frame);
    result.notices.push(...frameNotices(frame, meta));
    if (meta?.progress) {
      result.progress = meta.progress;
    }
    switch (meta?.kind) {
      case 'forecast': {
        const parsed = parseForecastFrame(frame, index, result.problems);
        if (parsed) {
          result.forecasts.push(parsed);
        }
        return;
      }
      case 'actions':
        result.actions.push(...parseActionsFrame(frame, result.problems));
        return;
      case 'progress':
        return;
      default:
        if (isPlainTimeSeries(frame)) {
          result.plain.push(frame);
        } else if (frame.length > 0) {
          result.problems.push(`Result "${frame.name ?? index + 1}" is not a time series; skipped.`);
        }
    }
  });
  result.actions.sort((a, b) => a.timeMs - b.timeMs);
  return result;
}
