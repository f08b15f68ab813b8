/**
 * Where the actual values have a hole (samples that never arrived: a scrape target that was down),
 * the actual line gets a null there, so it breaks instead of drawing a slope across hours nobody
 * recorded — what Grafana's own time series panel does with Prometheus data.
 *
 * Why not Grafana's `applyNullInsertThreshold`: it takes one interval for the whole frame, and
 * here actual values and forecast share a time axis at different steps (the actuals at the
 * dashboard's resolution, the forecast at the training step), so the actuals' step would break the
 * forecast between every point. Only gaps between two actual values count here.
 */
import type { NumArray } from '../../contract/types';
import type { DrawnValues } from './sharedAxis';
import { medianStep } from '../../contract/frameValues';

/** A gap longer than this many steps of the actuals breaks the line (timestamps a little off the grid must not). */
export const GAP_STEPS = 1.5;

export interface GapBroken {
  times: number[];
  columns: DrawnValues[];
}

/**
 * `times` and every column, with the actual line broken after each actual value whose next actual
 * value lies more than GAP_STEPS of the actuals' own step later: a null at the first row between the
 * two (a forecast step, where the forecast overlaps the actuals), else at a row inserted one step
 * after it, which the other lines step over (undefined: the forecast does not break where samples
 * did not come). `actualColumn`: which column is the actual line (-1: none drawn). Unchanged arrays
 * when there is no such gap.
 */
export function breakActualGaps(
  times: number[],
  actual: NumArray,
  columns: DrawnValues[],
  actualColumn: number
): GapBroken {
  const at: number[] = [];
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] != null) {
      at.push(i);
    }
  }
  const step = medianStep(at.map((i) => times[i]));
  if (step === undefined || actualColumn < 0) {
    return { times, columns };
  }
  const after = new Set<number>();
  let line: DrawnValues | undefined;
  for (let k = 1; k < at.length; k++) {
    if (times[at[k]] - times[at[k - 1]] <= GAP_STEPS * step) {
      continue;
    }
    if (at[k] - at[k - 1] > 1) {
      line ??= columns[actualColumn].slice();
      line[at[k - 1] + 1] = null;
    } else {
      after.add(at[k - 1]);
    }
  }
  const marked = line ? columns.map((c, j) => (j === actualColumn ? (line as DrawnValues) : c)) : columns;
  if (after.size === 0) {
    return { times, columns: marked };
  }
  const outTimes: number[] = [];
  const outColumns: DrawnValues[] = marked.map(() => []);
  times.forEach((t, i) => {
    outTimes.push(t);
    marked.forEach((c, j) => outColumns[j].push(c[i]));
    if (after.has(i)) {
      outTimes.push(t + step);
      outColumns.forEach((c, j) => c.push(j === actualColumn ? null : undefined));
    }
  });
  return { times: outTimes, columns: outColumns };
}
