/**
 * Policy durations are stored in seconds (the policy layer's `*Sec` fields, unchanged so saved
 * queries keep working) but typed and shown as durations (`5m`, `15m`, `1h30m`). Parsing goes
 * through the shared parser (`common/duration`); this file only adds the policy's rules.
 */
import { parseDurationMs } from '../../common/duration';
import { typedText } from '../../common/typedText';
import type { ParseResult } from './limits';

const UNITS: Array<[string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];
/** The policy layer's upper bound for its durations (validatePolicy: 7 days). */
export const MAX_POLICY_DURATION_SEC = 7 * 86_400;

/** Exact and compact, so the text parses back to the same seconds: 300 → "5m", 5400 → "1h30m", 0 → "0s". */
export function secondsToDurationText(sec: number): string {
  if (!Number.isFinite(sec) || sec <= 0) {
    return '0s';
  }
  let rest = Math.round(sec);
  let text = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      text += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return text || '0s';
}

/**
 * A policy duration field's text as seconds. Empty inherits (`undefined`); `0` (any unit) is allowed
 * because "no cooldown" is a real setting; a bare number is refused because it used to mean seconds
 * and now would be ambiguous.
 */
export function parsePolicyDuration(text: string, name: string): ParseResult<number> {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: true, value: undefined };
  }
  if (/^0+(\.0*)?(ms|s|m|h|d|w)?$/.test(trimmed)) {
    return { ok: true, value: 0 };
  }
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const shown = typedText(trimmed);
    return { ok: false, problem: `${name}: "${shown}" has no unit; write a duration such as ${shown}s or 5m` };
  }
  let ms: number;
  try {
    ms = parseDurationMs(trimmed, name);
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  }
  const sec = ms / 1000;
  if (!Number.isInteger(sec)) {
    return { ok: false, problem: `${name} must be whole seconds (got ${trimmed})` };
  }
  if (sec > MAX_POLICY_DURATION_SEC) {
    return { ok: false, problem: `${name} must be at most 7d (got ${trimmed})` };
  }
  return { ok: true, value: sec };
}

/** A duration field in seconds with its own bounds (e.g. the request timeout: 1s to 1h). */
export function parseBoundedDuration(text: string, name: string, minSec: number, maxSec: number): ParseResult<number> {
  const parsed = parsePolicyDuration(text, name);
  if (!parsed.ok || parsed.value === undefined) {
    return parsed;
  }
  if (parsed.value < minSec || parsed.value > maxSec) {
    const range = `from ${secondsToDurationText(minSec)} to ${secondsToDurationText(maxSec)}`;
    return { ok: false, problem: `${name} must be ${range} (got ${text.trim()})` };
  }
  return parsed;
}
