/**
 * How much of the training window a series' data covers. Why it is said: "too little history —
 * widen the training window" is wrong advice when the window is already wide and the server simply
 * holds no older samples (a young series, a short retention), and a window the user asked for that
 * the data does not fill is a setting the product did not honour, which the warning line names.
 */
import { formatDuration, roundDownDuration } from '../common/duration';

const DAY_MS = 86_400_000;

export interface HistoryShortfall {
  /** The first finite sample. */
  firstMs: number;
  /** From the first sample to the window's end (the first sample stands for the step it opens). */
  heldMs: number;
  windowMs: number;
}

/** Time of the first finite sample: where the data starts (undefined when it has none). */
export function firstObservationMs(series: {
  times: readonly number[];
  values: ArrayLike<number | null>;
}): number | undefined {
  return series.times.find((_, i) => {
    const v = series.values[i];
    return v !== null && Number.isFinite(v);
  });
}

/**
 * The shortfall when the data starts well after the window does; undefined when it covers the
 * window within a day or 10 % (a day: a series a few hours younger than its window is the common
 * case and changes nothing a user would do), or has no finite sample at all (said elsewhere).
 */
export function historyShortfall(
  series: { times: readonly number[]; values: ArrayLike<number | null> },
  endMs: number,
  windowMs: number,
  stepMs: number
): HistoryShortfall | undefined {
  const firstMs = firstObservationMs(series);
  if (firstMs === undefined) {
    return undefined;
  }
  const heldMs = endMs - firstMs + stepMs;
  if (windowMs - heldMs <= Math.max(DAY_MS, 0.1 * windowMs)) {
    return undefined;
  }
  return { firstMs, heldMs, windowMs };
}

/**
 * "Prometheus holds data for only the last 2d of the 7d training window (the first sample is at
 * Dec 4 20:25): a wider training window will not add history; the forecast learns from what there is."
 * `window` names the setting the way its front door does ("training window", "--range").
 */
export function shortfallSentence(
  s: HistoryShortfall,
  window: { asked: string; wider: string },
  firstAt: string
): string {
  return (
    `Prometheus holds data for only the last ${formatDuration(roundDownDuration(s.heldMs))} of the ` +
    `${formatDuration(s.windowMs)} ${window.asked} (the first sample is at ${firstAt}): ${window.wider} will not add ` +
    'history; the forecast learns from what there is.'
  );
}
