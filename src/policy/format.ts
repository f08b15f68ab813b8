/**
 * Number, time and duration formatting for the words in scale actions ("forecast 2,840 req/s at 14:35
 * exceeds 2,500"). Fixed to en-US digits and a 24-hour clock so reasons read the same in every browser
 * and in tests.
 */
import { formatDuration } from '../common/duration';

const formatters = new Map<number, Intl.NumberFormat>();

function numberFormat(maxFractionDigits: number): Intl.NumberFormat {
  let f = formatters.get(maxFractionDigits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxFractionDigits });
    formatters.set(maxFractionDigits, f);
  }
  return f;
}

/** 2840.4 → "2,840"; 12.345 → "12.3"; 0.0612 → "0.06". Non-finite values say what they are. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : '-∞';
  }
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return numberFormat(digits).format(value);
}

/**
 * Grafana unit ids a query's unit may be (the panel's unit picker), as people write them. A policy's
 * own unit is free text ("req/s") and passes through; `suffix:` units are Grafana's custom ones.
 */
const UNIT_WORDS: Record<string, string> = {
  reqps: 'req/s',
  rps: 'reads/s',
  wps: 'writes/s',
  ops: 'ops/s',
  percent: '%',
  ms: 'ms',
  s: 's',
  bytes: 'B',
  decbytes: 'B',
  Bps: 'B/s',
  binBps: 'B/s',
  short: '',
  none: '',
};

/** A unit as words: "reqps" → "req/s", "suffix: jobs" → "jobs", free text as typed. */
export function unitWords(unit: string | undefined): string {
  if (!unit) {
    return '';
  }
  if (unit.startsWith('suffix:')) {
    return unit.slice('suffix:'.length).trim();
  }
  return UNIT_WORDS[unit] ?? unit;
}

/** "2,840 req/s" or "2,840" when there is no unit. */
export function formatLoad(value: number, unit?: string): string {
  const words = unitWords(unit);
  return words ? `${formatNumber(value)} ${words}` : formatNumber(value);
}

interface DateParts {
  day: string;
  clock: string;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateParts(ms: number, timeZone: string): DateParts {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('month')} ${get('day')}`, clock: `${get('hour')}:${get('minute')}` };
}

/**
 * "14:35", or "Nov 22 14:35" when `ms` falls on another calendar day than `referenceMs` (forecasts can
 * span days). Time zone defaults to UTC; the data source passes the dashboard's zone.
 */
export function formatTime(ms: number, referenceMs: number = ms, timeZone = 'UTC'): string {
  if (!Number.isFinite(ms)) {
    return 'an unknown time';
  }
  const at = dateParts(ms, timeZone);
  const ref = Number.isFinite(referenceMs) ? dateParts(referenceMs, timeZone) : at;
  return at.day === ref.day ? at.clock : `${at.day} ${at.clock}`;
}

/**
 * A policy span given in seconds (the policy's `*Sec` fields) in the one duration style of
 * `common/duration`: 900 → "15m"; 90 → "1m 30s"; 5400 → "1h 30m"; 0 → "0s".
 */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return 'an unknown time';
  }
  return formatDuration(Math.round(Math.max(0, seconds)) * 1000);
}

/** "1 replica" / "3 replicas". */
export function replicaWord(n: number): string {
  return n === 1 ? '1 replica' : `${n} replicas`;
}
