/**
 * The replay's view of a prepared series. `prepareSeries` fills short gaps by linear interpolation
 * (and long ones partly linearly), which uses the value *after* the gap: fine for a forecast made at
 * the end of the data, a look-ahead when the replay forecasts from inside or just after a gap. So:
 * - `measured[i]`: a finite raw sample fell into slot i (snapped to the nearest slot, as the engine does);
 * - `values`: the prepared values, except that unmeasured slots of any gap reaching into the replay
 *   (ending at or after `startIndex`) carry the last value before them forward: only the past fills them;
 * - `loads`: the measured load, NaN where nothing was measured (the replay counts those neither way).
 */
import type { RawSeries } from '../../src/engine/api';
import type { PreparedSeries } from '../../src/engine';

export interface CausalSeries {
  values: Float64Array;
  measured: Uint8Array;
  loads: number[];
  /** Unmeasured slots in the replay period (filled from the past, not counted as load). */
  unmeasuredInReplay: number;
}

export function causalSeries(raw: RawSeries, prep: PreparedSeries, startIndex: number): CausalSeries {
  const n = prep.values.length;
  const measured = new Uint8Array(n);
  raw.times.forEach((t, k) => {
    const v = raw.values[k];
    if (v === null || !Number.isFinite(v) || !Number.isFinite(t)) {
      return;
    }
    const slot = Math.round((t - prep.startMs) / prep.stepMs);
    if (slot >= 0 && slot < n) {
      measured[slot] = 1;
    }
  });
  const values = Float64Array.from(prep.values);
  // The gap that straddles the replay start begins here (startIndex itself when there is none).
  let from = Math.min(startIndex, n);
  while (from > 0 && !measured[from - 1]) {
    from--;
  }
  let unmeasuredInReplay = 0;
  for (let i = from; i < n; i++) {
    if (!measured[i]) {
      values[i] = i > 0 ? values[i - 1] : values[i];
      if (i >= startIndex) {
        unmeasuredInReplay++;
      }
    }
  }
  const loads = Array.from(prep.values, (v, i) => (measured[i] ? v : NaN));
  return { values, measured, loads, unmeasuredInReplay };
}
