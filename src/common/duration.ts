/**
 * Durations, the one vocabulary for them: parsing what people type (`30s`, `5m`, `1h30m`, `7d`, `1w`)
 * and writing spans back in one style ("2d 4h", "35m", "45s") wherever a user reads one — the data
 * source's messages, the CLI, the engine's errors, the panel's model card and the policy's reasons.
 */
import { typedText } from './typedText';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};
const PART_RE = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g;

/** A text that is not a duration; `name` lets callers (the CLI, errors.ts) recognise it without instanceof. */
export class DurationError extends Error {
  /** `why` replaces "is not a duration" where the text is one but not an allowed one. */
  constructor(field: string, text: string, why?: string) {
    super(`${field}: "${typedText(text)}" ${why ?? 'is not a duration; use e.g. 30s, 5m, 1h, 7d or 1h30m'}`);
    this.name = 'DurationError';
  }
}

/**
 * Milliseconds in a Prometheus/Grafana-style duration: parts in descending or any order, no spaces
 * between them, surrounding whitespace ignored, total above zero. A bare number is refused (it has
 * no unit). Throws `DurationError` naming `field`.
 */
export function parseDurationMs(text: string, field = 'duration'): number {
  const trimmed = (text ?? '').trim();
  // "0", "0s", "-1h": a duration of the wrong sign, not gibberish, and said so (every front door).
  const refuse = () =>
    new DurationError(
      field,
      text,
      isNonPositiveDuration(trimmed) ? 'must be greater than zero; use e.g. 30s, 5m, 1h or 7d' : undefined
    );
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(PART_RE)) {
    if (match.index !== consumed) {
      throw refuse();
    }
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed += match[0].length;
  }
  if (trimmed === '' || consumed !== trimmed.length || !(total > 0)) {
    throw refuse();
  }
  return Math.round(total);
}

/**
 * A span in the one style: at most two parts, largest first ("2d 4h", "1h 40m", "35m", "45s",
 * "250ms"); seconds are dropped once a span reaches a day. Zero, negative and non-finite spans
 * read "0s" — callers with a "missing" state show their own mark before calling this.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) {
    return '0s';
  }
  if (ms < 1000) {
    return `${Math.round(ms)}ms`;
  }
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts: string[] = [];
  if (d) {
    parts.push(`${d}d`);
  }
  if (h) {
    parts.push(`${h}h`);
  }
  if (m) {
    parts.push(`${m}m`);
  }
  if (sec && !d) {
    parts.push(`${sec}s`);
  }
  return parts.slice(0, 2).join(' ') || '0s';
}

/** Durations people type in an editor, in ms, ascending. */
const FRIENDLY_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map(
  (s) => s * 1000
);
const DAY_MS = 86_400_000;

/** The smallest friendly duration ≥ ms ("widen the training window to 2d or more"). */
export function roundUpDuration(ms: number): number {
  for (const f of FRIENDLY_MS) {
    if (f >= ms) {
      return f;
    }
  }
  return Math.ceil(ms / DAY_MS) * DAY_MS;
}

/** The largest friendly duration ≤ ms ("a training window of 12h or less"); 0 when ms < 1 s. */
export function roundDownDuration(ms: number): number {
  if (ms >= DAY_MS) {
    return Math.floor(ms / DAY_MS) * DAY_MS;
  }
  let best = 0;
  for (const f of FRIENDLY_MS) {
    if (f <= ms) {
      best = f;
    }
  }
  return best;
}

/**
 * The longest wait a JavaScript timer holds (2³¹ − 1 ms, about 24.8 days); a longer one fires at
 * once. Every duration that becomes a timer (a request timeout, a job interval) is checked or
 * clamped against it.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Whether text that is not a duration is a number of zero or less ("0s", "-5m"), so a message can
 * say "must be greater than zero" instead of "is not a duration".
 */
export function isNonPositiveDuration(text: unknown): boolean {
  const number = /^\s*([-+]?\d*\.?\d+)\s*[a-z]*\s*$/i.exec(String(text ?? ''));
  return number !== null && Number(number[1]) <= 0;
}
