import { formatDuration } from '../common/duration';
import { plural } from '../common/plural';
import type { RawSeries } from './api';
import { assertGridFits } from './budget';
import { EngineError } from './errors';
import { medianOfSorted } from './sorted';

/**
 * Series preparation: raw samples (irregular times, nulls, NaN, ±Inf, Prometheus stale markers,
 * duplicates) onto a regular grid of `stepMs`.
 *
 * Decisions (documented in src/engine/README.md):
 * - The grid is anchored at the last finite sample, so the forecast starts exactly one step after it.
 *   Samples snap to the nearest grid slot; several samples in one slot are averaged.
 * - Non-finite values (null, NaN, stale markers, ±Inf) are missing; every finite magnitude is kept
 *   (1e16 byte counters, 1e300 test data): averaging and interpolation are written so they cannot
 *   overflow, and `forecastSeries` rescales extreme series by a power of two (`magnitude.ts`).
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
  /**
   * The notes that change what the forecast is fitted on enough to say in the visible warning line:
   * NaN or ±Inf values, samples without a time, long gaps filled and left out of training, and nulls
   * and short repairs once they pass `MATERIAL_SHARE` of the grid (a missed scrape now and then is
   * routine, and a line that always speaks is not read).
   */
  warnings: string[];
}

/** Past this share of the grid, interpolated or averaged points are said in the warning line. */
export const MATERIAL_SHARE = 0.05;

/** What preparation replaced or dropped, counted. */
interface Repairs {
  badValue: number;
  /** Of `badValue`, the NaN and ±Inf numbers (the rest are null: a sample the source did not have). */
  nonFinite: number;
  badTime: number;
  merged: number;
  shortFilled: number;
  longFilled: number;
}

export interface PrepareOptions {
  shortGapSteps?: number;
  seasonSteps?: number;
}

/** Checks the request's shape; what cannot be a series is refused in words before any work. */
function checkRaw(raw: RawSeries, stepMs: number): void {
  if (!raw || !Array.isArray(raw.times) || !Array.isArray(raw.values)) {
    throw new EngineError('Series must have `times` and `values` arrays.', 'bad_input');
  }
  if (raw.times.length !== raw.values.length) {
    throw new EngineError(
      `Series has ${raw.times.length} timestamps but ${raw.values.length} values; they must match.`,
      'bad_input'
    );
  }
  if (raw.nonFiniteTimes !== undefined && !Array.isArray(raw.nonFiniteTimes)) {
    throw new EngineError('Series `nonFiniteTimes` must be an array of timestamps.', 'bad_input');
  }
  if (!Number.isFinite(stepMs) || stepMs <= 0) {
    throw new EngineError(`Step must be a positive number of milliseconds, got ${stepMs}.`, 'bad_input');
  }
}

/** The finite samples as [time, value] pairs; what was dropped is counted in `repairs`. */
function finitePoints(raw: RawSeries, repairs: Repairs): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  let badTime = 0;
  let badValue = 0;
  let nonFinite = 0;
  // A null the source said was NaN or ±Inf (`RawSeries.nonFiniteTimes`) counts as that NaN or ±Inf.
  const saidNonFinite = new Set(raw.nonFiniteTimes ?? []);
  for (let i = 0; i < raw.times.length; i++) {
    const t = raw.times[i];
    const v = raw.values[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      badTime++;
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      badValue++;
      nonFinite += typeof v === 'number' || saidNonFinite.has(t) ? 1 : 0;
      continue;
    }
    pts.push([t, v]);
  }
  repairs.badValue = badValue;
  repairs.nonFinite = nonFinite;
  repairs.badTime = badTime;
  if (pts.length === 0) {
    throw new EngineError('Series has no finite values to forecast from.', 'too_short');
  }
  return pts;
}

export function prepareSeries(raw: RawSeries, stepMs: number, opts: PrepareOptions = {}): PreparedSeries {
  checkRaw(raw, stepMs);
  const repairs: Repairs = { badValue: 0, nonFinite: 0, badTime: 0, merged: 0, shortFilled: 0, longFilled: 0 };
  const pts = finitePoints(raw, repairs);
  pts.sort((a, b) => a[0] - b[0]);
  const lastT = pts[pts.length - 1][0];
  const firstSlot = Math.round((pts[0][0] - lastT) / stepMs);
  const n = 1 - firstSlot;
  // Before the grid is allocated: refuse what the memory budget cannot hold, saying what fits.
  assertGridFits(n, stepMs);
  // Running mean per slot, m·(c−1)/c + v/c: unlike a sum it cannot overflow near ±1.8e308.
  const means = new Float64Array(n);
  const counts = new Uint32Array(n);
  let merged = 0;
  for (const [t, v] of pts) {
    const slot = Math.round((t - lastT) / stepMs) - firstSlot;
    const c = ++counts[slot];
    if (c > 1) {
      merged++;
      means[slot] = (means[slot] / c) * (c - 1) + v / c;
    } else {
      means[slot] = v;
    }
  }
  repairs.merged = merged;
  const values = new Float64Array(n);
  const observed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (counts[i] > 0) {
      values[i] = means[i];
      observed[i] = 1;
    }
  }
  const shortGap = opts.shortGapSteps ?? Math.max(3, Math.round(3_600_000 / stepMs));
  const season = opts.seasonSteps ?? Math.round(86_400_000 / stepMs);
  Object.assign(repairs, fillGaps(values, observed, shortGap, season));
  const said = repairSentences(repairs, shortGap * stepMs, n);
  return {
    startMs: lastT + firstSlot * stepMs,
    stepMs,
    values,
    observed,
    finiteSamples: pts.length,
    notes: said.map((x) => x.text),
    warnings: said.filter((x) => x.material).map((x) => x.text),
  };
}

/** Each repair in words, and whether it is material enough for the warning line (see `warnings`). */
function repairSentences(
  r: Repairs,
  shortGapMs: number,
  gridPoints: number
): Array<{ text: string; material: boolean }> {
  const routine = r.merged + r.shortFilled <= MATERIAL_SHARE * gridPoints;
  const gap = formatDuration(shortGapMs);
  const said = [
    {
      count: r.badValue,
      // A null is a sample the source did not have (a missed scrape, a grid filled with nulls): routine
      // like a short gap. A NaN or ±Inf is a value the query computed (a ratio over zero): always said.
      material: r.nonFinite > 0 || !routine,
      text: `${plural(r.badValue, 'sample')} missing, NaN, infinite or stale: treated as gaps.`,
    },
    { count: r.badTime, material: true, text: `${plural(r.badTime, 'sample')} without a valid timestamp: dropped.` },
    {
      count: r.merged,
      material: !routine,
      text: `${plural(r.merged, 'sample')} sharing a time step with another (duplicates or a finer step): averaged.`,
    },
    {
      count: r.shortFilled,
      material: !routine,
      text: `${plural(r.shortFilled, 'missing point')} in gaps of up to ${gap}: interpolated linearly.`,
    },
    {
      count: r.longFilled,
      material: true,
      text: `${plural(r.longFilled, 'missing point')} in gaps longer than ${gap}: filled from the day before (or linearly) and left out of training and scoring.`,
    },
  ];
  return said.filter((x) => x.count > 0);
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
        values[k] = between(a, b, k - gapStart + 1, len + 1);
        observed[k] = 1;
      }
      shortFilled += len;
    } else {
      for (let k = gapStart; k < gapEnd; k++) {
        const linear = between(a, b, k - gapStart + 1, len + 1);
        values[k] = season >= 2 && k - season >= 0 ? values[k - season] : linear;
      }
      longFilled += len;
    }
  }
  return { shortFilled, longFilled };
}

/** a + (b − a)·k/of; as a weighted mean when b − a overflows (opposite extremes near ±1e308). */
function between(a: number, b: number, k: number, of: number): number {
  const d = b - a;
  if (Number.isFinite(d)) {
    return a + (d * k) / of;
  }
  const w = k / of;
  return a * (1 - w) + b * w;
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
  return medianOfSorted(diffs.sort((x, y) => x - y));
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
