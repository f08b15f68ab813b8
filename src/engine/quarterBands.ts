/**
 * Interval widths by quarter of the day (Mondrian conformal, kept near the pooled band).
 *
 * Why: the pooled band comes from the last day of residuals over the whole day, so where a series
 * is calm by day and jumpy at night it is too wide by day and too narrow at night (the playground's
 * checkout CPU: the 80 % band held 1.00 of the next hour from 09:00 to 15:00 UTC and 0.40–0.65
 * from 19:00 to 01:00). Calibrating each quarter of the day on its own residuals fixes that, but a
 * quarter holds only a quarter of the residuals (72 at 5-minute steps), and a few spikes in it move
 * its quantile (measured on the stress set: bands wider on the CPU series without covering more).
 *
 * So each step's pooled width moves only as far as the quarter's own residuals say it must: to the
 * edge of the range where the quarter's quantile lies with about 99.7 % confidence (the order
 * statistics (n + 1)·p ± 3·√(n·p·(1 − p)), by the binomial count of residuals below a quantile).
 * A pooled width inside that range is kept as it is. With many residuals in a quarter the range is
 * narrow and the quarter's own quantile decides; with few it is wide and the pooled band stands.
 * Fewer than 50 in the quarter (hourly steps: 6 a quarter), or no daily season: the pooled band.
 * Scale-free (order statistics of the same residuals), and it reads only the past.
 */
import type { Calibration } from './conformal';
import { DAY_MS, dailySeasonSteps } from './seasons';

/** Below this many residuals in a quarter, the pooled band is kept. */
export const MIN_QUARTER_RESIDUALS = 50;
/** How many binomial standard deviations the quarter's quantile may lie from its estimate. */
const CONFIDENCE_Z = 3;

/** Where the grid's days begin: quarters are counted on the (UTC) clock, not from the first sample. */
export interface DayQuarters {
  /** Steps per day (0: no daily season). */
  day: number;
  /** Steps from midnight UTC to grid index 0. */
  offset: number;
}

/** The quarters of a grid at `stepMs` whose index 0 is at `startMs` (none without a daily season). */
export function dayQuarters(stepMs: number, startMs = 0): DayQuarters {
  const day = dailySeasonSteps(stepMs);
  const sinceMidnight = ((startMs % DAY_MS) + DAY_MS) % DAY_MS;
  return { day, offset: day > 0 ? Math.round(sinceMidnight / stepMs) % day : 0 };
}

/** Which quarter of the (UTC) day grid index `t` falls in (0 from midnight), or −1 without a daily season. */
export function quarterOf(t: number, q: DayQuarters): number {
  if (q.day <= 0) {
    return -1;
  }
  const inDay = (((t + q.offset) % q.day) + q.day) % q.day;
  return Math.min(3, Math.floor((inDay / q.day) * 4));
}

/**
 * The pooled calibration with each step's widths moved into the confidence range of its quarter's
 * quantile; `quarter[h]`: the residuals of step h whose target fell in the same quarter of the day
 * as the target being forecast. Widths stay non-decreasing in h, and the 95 % at least the 80 %.
 */
export function withinQuarterEvidence(pooled: Calibration, quarter: number[][]): Calibration {
  // Each step's residuals sorted once, for both levels.
  const sorted = pooled.q80.map((_, h) =>
    Float64Array.from((quarter[h] ?? []).filter((x) => Number.isFinite(x))).sort()
  );
  const q80 = pooled.q80.map((w, h) => nearQuarter(w, sorted[h], 0.8));
  const q95 = pooled.q95.map((w, h) => nearQuarter(w, sorted[h], 0.95));
  let run80 = 0;
  let run95 = 0;
  for (let h = 0; h < q80.length; h++) {
    q80[h] = run80 = Math.max(run80, q80[h]);
    q95[h] = run95 = Math.max(run95, q95[h], q80[h]);
  }
  return { ...pooled, q80, q95 };
}

function nearQuarter(pooled: number, sorted: Float64Array, level: number): number {
  const n = sorted.length;
  if (n < MIN_QUARTER_RESIDUALS || !Number.isFinite(pooled)) {
    return pooled;
  }
  const at = (k: number) => sorted[Math.min(n, Math.max(1, k)) - 1];
  const k = (n + 1) * level;
  const sd = Math.sqrt(n * level * (1 - level));
  return Math.min(at(Math.ceil(k + CONFIDENCE_Z * sd)), Math.max(at(Math.floor(k - CONFIDENCE_Z * sd)), pooled));
}
