/**
 * One series' frame carries two time axes on one sorted set of rows: the actual samples (at the
 * dashboard's resolution) and the forecast steps (at the training step). They overlap where actual
 * samples newer than the forecast's origin arrived: a re-plan on a kept forecast, or actuals read
 * after the fit. uPlot breaks a line at a null and steps over an undefined, so a row that belongs to
 * the other axis only is undefined in a line's column: the dashed forecast does not break at every
 * actual sample between two of its steps, nor the actual line at every forecast step between two
 * samples. A real hole stays null (gapBreaks.ts breaks the actual line where samples never came).
 */
import type { NumArray } from '../../contract/types';

/** A drawn column: a number, null (a hole: the line breaks) or undefined (not this line's row). */
export type DrawnValues = Array<number | null | undefined>;

export interface AxisColumn {
  /** The actual line lives on the actual samples' rows; every other line on the forecast's. */
  actual: boolean;
  values: NumArray;
}

/** Index of the last row holding a value, -1 when none. */
function lastIndex(values: NumArray): number {
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] != null) {
      return i;
    }
  }
  return -1;
}

/**
 * Each column with its foreign rows made undefined, from after the seed (the last actual before
 * the forecast, where the forecast line starts) to where its own axis ends. Before the seed every
 * row is an actual sample, and past its axis's end a line draws nothing, so where the axes do not
 * overlap every column comes back as it was.
 */
export function skipForeignRows(
  actual: NumArray,
  forecast: NumArray,
  seedIndex: number,
  columns: AxisColumn[]
): DrawnValues[] {
  const start = Math.max(0, seedIndex + 1);
  const end = { actual: lastIndex(actual), forecast: lastIndex(forecast) };
  return columns.map(({ actual: isActual, values }) => {
    let out: DrawnValues | undefined;
    for (let i = start; i < (isActual ? end.actual : end.forecast); i++) {
      const foreign = isActual ? actual[i] == null && forecast[i] != null : forecast[i] == null;
      if (foreign && values[i] == null) {
        out ??= values.slice();
        out[i] = undefined;
      }
    }
    return out ?? values;
  });
}
