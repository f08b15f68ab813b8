/**
 * Durations as Grafana users type them (`30s`, `5m`, `1h`, `7d`, `1w`, `1h30m`) and the training
 * step chosen for `auto`.
 */
import { MAX_POINTS_PER_SERIES } from '../io/prometheus/types';

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

export class DurationError extends Error {
  constructor(field: string, text: string) {
    super(`${field}: "${text}" is not a duration; use e.g. 30s, 5m, 1h, 7d or 1h30m`);
    this.name = 'DurationError';
  }
}

export function parseDurationMs(text: string, field = 'duration'): number {
  const trimmed = (text ?? '').trim();
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(PART_RE)) {
    if (match.index !== consumed) {
      throw new DurationError(field, text);
    }
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed += match[0].length;
  }
  if (trimmed === '' || consumed !== trimmed.length || !(total > 0)) {
    throw new DurationError(field, text);
  }
  return Math.round(total);
}

/** Steps Grafana users recognise; `auto` picks the smallest that keeps the window reasonable. */
const NICE_STEPS_MS = [
  15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000,
  86_400_000,
];

/**
 * `auto`: the smallest nice step giving at most `targetPoints` (default 11,000: one request per
 * series) over the window, and at least 60 s (scrapes are rarely finer and training cost grows with
 * the number of points).
 */
export function resolveTrainingStepMs(step: string, windowMs: number, targetPoints = MAX_POINTS_PER_SERIES): number {
  if ((step ?? '').trim() === '' || step.trim() === 'auto') {
    const wanted = Math.max(60_000, windowMs / targetPoints);
    return NICE_STEPS_MS.find((s) => s >= wanted) ?? NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
  }
  const ms = parseDurationMs(step, 'training step');
  if (ms < 1_000 || ms % 1_000 !== 0) {
    throw new DurationError('training step', step);
  }
  return ms;
}

/** Horizon in whole steps (at least one). */
export function horizonSteps(horizonMs: number, stepMs: number): number {
  return Math.max(1, Math.round(horizonMs / stepMs));
}
