import type { LoadPoint } from './rules';

/**
 * The highest usable value of a line over [fromMs, toMs): what a predictive policy must be able to
 * serve until its next chance to act. NaN/±Infinity points are skipped (a gap is not a load); negative
 * values, which forecasts of a non-negative metric can produce, count as 0. Returns null when the window
 * holds no usable point.
 *
 * `sampleMs` > 0: point i is the load over [times[i], times[i] + sampleMs) and counts when that
 * interval overlaps the window. Without it a point counts only when it *starts* inside the window,
 * which misses the sample in progress whenever samples are longer than the evaluation interval
 * (30-min data evaluated every 5 min: at 08:40 the window [08:40, 09:00) holds no sample start,
 * although the 08:30 sample is the load until 09:00).
 */
export function peakInWindow(
  times: readonly number[],
  values: ReadonlyArray<number | null>,
  fromMs: number,
  toMs: number,
  label: string,
  sampleMs = 0
): LoadPoint | null {
  let peak: LoadPoint | null = null;
  const n = Math.min(times.length, values.length);
  const span = sampleMs > 0 && Number.isFinite(sampleMs) ? sampleMs : 0;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    const outside = span > 0 ? t >= toMs || t + span <= fromMs : t < fromMs || t >= toMs;
    if (outside) {
      continue;
    }
    const v = values[i];
    if (v === null || !Number.isFinite(v)) {
      continue;
    }
    const value = Math.max(0, v);
    if (peak === null || value > peak.value) {
      peak = { value, timeMs: t, label };
    }
  }
  return peak;
}

/** The higher of two load points (either may be missing); ties keep `a`. */
export function higherLoad(a: LoadPoint | null, b: LoadPoint | null): LoadPoint | null {
  if (a === null) {
    return b;
  }
  return b !== null && b.value > a.value ? b : a;
}

/** The latest observation as a load point, or null when it is not a usable number. */
export function observedLoad(value: number | null | undefined, timeMs: number): LoadPoint | null {
  return value !== null && value !== undefined && Number.isFinite(value)
    ? { value: Math.max(0, value), timeMs, label: 'current' }
    : null;
}

/** Words for the line a policy plans on. */
export function lineLabel(headroom: 'mean' | 'upper80' | 'upper95'): string {
  switch (headroom) {
    case 'upper80':
      return 'forecast upper 80 % bound';
    case 'upper95':
      return 'forecast upper 95 % bound';
    default:
      return 'forecast';
  }
}
