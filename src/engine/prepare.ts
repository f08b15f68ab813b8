import type { RawSeries } from './api';
import { EngineError } from './errors';

/**
 * Series preparation: raw samples (irregular times, nulls, NaN, ±Inf, Prometheus stale markers,
 * duplicates) onto a regular grid of `stepMs`.
 *
 * Decisions (documented in src/engine/README.md):
 * - The grid is anchored at the last finite sample, so the forecast starts exactly one step after it.
 *   Samples snap to the nearest grid slot; several samples in one slot are averaged.
 * - Non-finite values (null, NaN, stale markers, ±Inf) and values beyond ±1e15 are missing.
 * - Leading and trailing missing slots are trimmed.
 * - Short gaps (≤ `shortGapSteps`, default max(3 steps, 1 hour)) are linearly interpolated.
 * - Long gaps are filled with the value one season earlier where that exists (so daily shape is
 *   kept), else linearly, and are **masked**: imputed points never serve as a training target, a
 *   calibration residual or a scored point.
 */
export interface PreparedSeries {
  /** Time of values[0]. */
  startMs: number;
  stepMs: number;
  values: Float64Array;
  /** 1 where the value was observed (or short-gap interpolated), 0 where imputed across a long gap. */
  observed: Uint8Array;
  /** Number of raw samples that were usable. */
  finiteSamples: number;
  /** What preparation did, in words (shown in reports). */
  notes: string[];
}

export interface PrepareOptions {
  shortGapSteps?: number;
  seasonSteps?: number;
}

const MAX_ABS_VALUE = 1e15;
/** Refuse grids that would allocate absurd memory (e.g. a 1 ms step over a year). */
const MAX_GRID_POINTS = 2_000_000;

export function prepareSeries(raw: RawSeries, stepMs: number, opts: PrepareOptions = {}): PreparedSeries {
  if (!raw || !Array.isArray(raw.times) || !Array.isArray(raw.values)) {
    throw new EngineError('Series must have `times` and `values` arrays.', 'bad_input');
  }
  if (raw.times.length !== raw.values.length) {
    throw new EngineError(
      `Series has ${raw.times.length} timestamps but ${raw.values.length} values; they must match.`,
      'bad_input'
    );
  }
  if (!Number.isFinite(stepMs) || stepMs <= 0) {
    throw new EngineError(`Step must be a positive number of milliseconds, got ${stepMs}.`, 'bad_input');
  }
  const notes: string[] = [];
  const pts: Array<[number, number]> = [];
  let dropped = 0;
  for (let i = 0; i < raw.times.length; i++) {
    const t = raw.times[i];
    const v = raw.values[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      dropped++;
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_ABS_VALUE) {
      dropped++;
      continue;
    }
    pts.push([t, v]);
  }
  if (dropped > 0) {
    notes.push(`${dropped} sample(s) were missing, NaN, infinite or stale and were treated as gaps.`);
  }
  if (pts.length === 0) {
    throw new EngineError('Series has no finite values to forecast from.', 'too_short');
  }
  pts.sort((a, b) => a[0] - b[0]);
  const lastT = pts[pts.length - 1][0];
  const firstSlot = Math.round((pts[0][0] - lastT) / stepMs);
  const n = 1 - firstSlot;
  if (n > MAX_GRID_POINTS) {
    throw new EngineError(
      `Series spans ${n} steps of ${stepMs} ms; at most ${MAX_GRID_POINTS} are supported. Use a coarser step.`,
      'bad_input'
    );
  }
  const sums = new Float64Array(n);
  const counts = new Uint32Array(n);
  let merged = 0;
  for (const [t, v] of pts) {
    const slot = Math.round((t - lastT) / stepMs) - firstSlot;
    if (counts[slot] > 0) {
      merged++;
    }
    sums[slot] += v;
    counts[slot]++;
  }
  if (merged > 0) {
    notes.push(`${merged} sample(s) shared a grid slot with another (duplicates or finer step) and were averaged.`);
  }
  const values = new Float64Array(n);
  const observed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (counts[i] > 0) {
      values[i] = sums[i] / counts[i];
      observed[i] = 1;
    }
  }
  const shortGap = opts.shortGapSteps ?? Math.max(3, Math.round(3_600_000 / stepMs));
  const season = opts.seasonSteps ?? Math.round(86_400_000 / stepMs);
  const { shortFilled, longFilled } = fillGaps(values, observed, shortGap, season);
  if (shortFilled > 0) {
    notes.push(`${shortFilled} missing point(s) in short gaps (≤ ${shortGap} steps) were linearly interpolated.`);
  }
  if (longFilled > 0) {
    notes.push(
      `${longFilled} point(s) in long gaps were filled from the previous day (or linearly) and are excluded from training and scoring.`
    );
  }
  return {
    startMs: lastT + firstSlot * stepMs,
    stepMs,
    values,
    observed,
    finiteSamples: pts.length,
    notes,
  };
}

/** Fills missing slots in place; observed[i] becomes 1 for short-gap fills, stays 0 for long-gap fills. */
function fillGaps(
  values: Float64Array,
  observed: Uint8Array,
  shortGap: number,
  season: number
): { shortFilled: number; longFilled: number } {
  let shortFilled = 0;
  let longFilled = 0;
  const n = values.length;
  let i = 0;
  while (i < n) {
    if (observed[i]) {
      i++;
      continue;
    }
    // first and last slots are always observed (grid starts and ends at a sample)
    const gapStart = i;
    while (i < n && !observed[i]) {
      i++;
    }
    const gapEnd = i; // exclusive; values[gapEnd] is observed
    const len = gapEnd - gapStart;
    const a = values[gapStart - 1];
    const b = values[gapEnd];
    if (len <= shortGap) {
      for (let k = gapStart; k < gapEnd; k++) {
        values[k] = a + ((b - a) * (k - gapStart + 1)) / (len + 1);
        observed[k] = 1;
      }
      shortFilled += len;
    } else {
      for (let k = gapStart; k < gapEnd; k++) {
        const linear = a + ((b - a) * (k - gapStart + 1)) / (len + 1);
        values[k] = season >= 2 && k - season >= 0 ? values[k - season] : linear;
      }
      longFilled += len;
    }
  }
  return { shortFilled, longFilled };
}

/** Median spacing of sorted timestamps (the backtest protocol's step). */
export function medianSpacing(times: number[]): number {
  const diffs: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const d = times[i] - times[i - 1];
    if (d > 0) {
      diffs.push(d);
    }
  }
  if (diffs.length === 0) {
    throw new EngineError('Cannot infer a step: fewer than two distinct timestamps.', 'too_short');
  }
  diffs.sort((x, y) => x - y);
  const m = diffs.length >> 1;
  return diffs.length % 2 ? diffs[m] : (diffs[m - 1] + diffs[m]) / 2;
}

/** True when every value is the same (includes all-zero): nothing to learn, forecast the constant. */
export function isConstant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) {
    if (values[i] !== values[0]) {
      return false;
    }
  }
  return true;
}
