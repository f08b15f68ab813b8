/**
 * Where the actual values have a hole (samples that never arrived: a scrape target that was down),
 * one row of nulls is inserted, so the line breaks there instead of drawing a slope across hours
 * nobody recorded — what Grafana's own time series panel does with Prometheus data.
 *
 * Why not Grafana's `applyNullInsertThreshold`: it takes one interval for the whole frame, and
 * here actual values and forecast share a time axis at different steps (the actuals at the
 * dashboard's resolution, the forecast at the training step), so the actuals' step would break the
 * forecast between every point. Only gaps between two actual values count here.
 */
import type { NumArray } from '../../contract/types';
import { medianStep } from '../../contract/frameValues';

/** A gap longer than this many steps of the actuals breaks the line (timestamps a little off the grid must not). */
export const GAP_STEPS = 1.5;

export interface GapBroken {
  times: number[];
  columns: NumArray[];
}

/**
 * `times` and every column with a null row after each actual value whose next actual value lies more
 * than GAP_STEPS of the actuals' own step later (at one step after it). Unchanged arrays when there
 * is no such gap.
 */
export function breakActualGaps(times: number[], actual: NumArray, columns: NumArray[]): GapBroken {
  const at: number[] = [];
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] != null) {
      at.push(i);
    }
  }
  const step = medianStep(at.map((i) => times[i]));
  if (step === undefined) {
    return { times, columns };
  }
  const after = new Set<number>();
  for (let k = 1; k < at.length; k++) {
    if (times[at[k]] - times[at[k - 1]] > GAP_STEPS * step) {
      after.add(at[k - 1]);
    }
  }
  if (after.size === 0) {
    return { times, columns };
  }
  const outTimes: number[] = [];
  const outColumns: NumArray[] = columns.map(() => []);
  times.forEach((t, i) => {
    outTimes.push(t);
    columns.forEach((c, j) => outColumns[j].push(c[i]));
    if (after.has(i)) {
      outTimes.push(t + step);
      outColumns.forEach((c) => c.push(null));
    }
  });
  return { times: outTimes, columns: outColumns };
}
