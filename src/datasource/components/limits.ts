/**
 * What the editors accept in each number field, checked as the user types so a bad value is
 * explained next to its input and never starts a run (issue 13.7: 0, −1, 1.5 and absurd values).
 * The LSTM ranges and defaults are the engine's own (`src/engine/options.ts`, free of TensorFlow.js),
 * so the editor and the engine can never disagree.
 */
import { LSTM_DEFAULTS, LSTM_LIMITS, type OptionLimit } from '../../engine/options';
import { MAX_REPLICAS } from '../../policy/validate';
import { typedText } from '../../common/typedText';

export interface NumberLimit {
  /** Words for messages, e.g. "LSTM units". */
  name: string;
  min: number;
  max: number;
  integer: boolean;
  /** `min` itself is not allowed (e.g. capacity must be above 0). */
  minExclusive?: boolean;
}

function fromEngine(limit: OptionLimit): NumberLimit {
  return {
    name: limit.label,
    min: limit.min,
    max: limit.max,
    integer: limit.integer,
    minExclusive: limit.minExclusive,
  };
}

/** Above the maxima a value is a typo, not a setting (a week-long training, 100,000 replicas). */
export const EDITOR_LIMITS = {
  lstmWindow: fromEngine(LSTM_LIMITS.window),
  lstmUnits: fromEngine(LSTM_LIMITS.units),
  lstmEpochs: fromEngine(LSTM_LIMITS.epochs),
  currentReplicas: { name: 'Current replicas', min: 0, max: MAX_REPLICAS, integer: true },
  minReplicas: { name: 'Min replicas', min: 0, max: MAX_REPLICAS, integer: true },
  maxReplicas: { name: 'Max replicas', min: 1, max: MAX_REPLICAS, integer: true },
  capacityPerReplica: { name: 'Capacity per replica', min: 0, max: 1e15, integer: false, minExclusive: true },
  lowThreshold: { name: 'Scale-down threshold', min: 0, max: 1e15, integer: false },
  highThreshold: { name: 'Scale-up threshold', min: 0, max: 1e15, integer: false, minExclusive: true },
  retireThreshold: { name: 'Retire threshold', min: 0, max: 1e15, integer: false },
  maxRelMae: { name: 'Max error vs seasonal naive', min: 0, max: 100, integer: false, minExclusive: true },
  maxSeries: { name: 'Series per query', min: 1, max: 100, integer: true },
} satisfies Record<string, NumberLimit>;

/** Engine defaults the LSTM fields show as placeholders. */
export const LSTM_PLACEHOLDERS = {
  window: LSTM_DEFAULTS.window,
  units: LSTM_DEFAULTS.units,
  epochs: LSTM_DEFAULTS.epochs,
} as const;

export type ParseResult<T> = { ok: true; value: T | undefined } | { ok: false; problem: string };

function range(limit: NumberLimit): string {
  const max = limit.max.toLocaleString('en-US');
  return limit.minExclusive ? `above ${limit.min} and up to ${max}` : `from ${limit.min} to ${max}`;
}

/**
 * Parses what a number field holds. Empty means "inherit the default" (`value: undefined`); anything
 * else must be a plain number inside the limit, or the result says what is wrong in one sentence.
 */
export function parseLimitedNumber(text: string, limit: NumberLimit): ParseResult<number> {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: true, value: undefined };
  }
  // Number('') and Number(' ') are 0 and Number('0x10') is 16: accept decimal notation only.
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : NaN;
  const kind = limit.integer ? 'a whole number' : 'a number';
  if (Number.isNaN(n)) {
    return { ok: false, problem: `${limit.name}: "${typedText(trimmed)}" is not a number` };
  }
  // A number written past a double's range (1e400) is a number, just far outside the limit.
  if (limit.integer && !Number.isInteger(n)) {
    return { ok: false, problem: `${limit.name} must be ${kind} ${range(limit)} (got ${trimmed})` };
  }
  if (n < limit.min || n > limit.max || (limit.minExclusive && n === limit.min)) {
    return { ok: false, problem: `${limit.name} must be ${kind} ${range(limit)} (got ${trimmed})` };
  }
  return { ok: true, value: n };
}
