/**
 * Tolerant readers of frame values for ./decode.ts: frames may come from other producers (or older
 * versions of ours), so numbers may arrive as strings, times as ISO strings or Dates, and `values`
 * as any array-like. Nothing here throws; what cannot be read is null.
 */
import { type DataFrame, type Field, FieldType } from '@grafana/data';
import { FORECAST_FIELDS, type ForesightFrameMeta } from './frames';
import type { NumArray } from './types';

/** The Foresight meta of a frame, or undefined for a frame of another producer. */
export function foresightMeta(frame: DataFrame): ForesightFrameMeta['foresight'] | undefined {
  const custom = frame.meta?.custom as Partial<ForesightFrameMeta> | undefined;
  const meta = custom?.foresight;
  return meta && typeof meta === 'object' && typeof meta.kind === 'string' ? meta : undefined;
}

/** A finite number from a number or a numeric string; null otherwise (NaN and ±Infinity included). */
export function toNumber(v: unknown): number | null {
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

export function fieldValues(field: Field | undefined): unknown[] {
  if (!field) {
    return [];
  }
  const values: unknown = field.values;
  return Array.isArray(values) ? values : Array.from((values as ArrayLike<unknown>) ?? []);
}

export function findField(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

/** The first field typed as time, else the field named `time`. */
export function timeField(frame: DataFrame): Field | undefined {
  return frame.fields.find((f) => f.type === FieldType.time) ?? findField(frame, FORECAST_FIELDS.time);
}

/** The first `length` values of a field as numbers (null where unreadable or missing). */
export function numbers(field: Field | undefined, length: number): NumArray {
  const values = fieldValues(field);
  const out: NumArray = new Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = toNumber(values[i]);
  }
  return out;
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
