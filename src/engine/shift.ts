/**
 * Where the current regime began, when the series has left the range it had (a level shift): every
 * observation since some step c lies above the maximum, or every one below the minimum, of the
 * `span` steps (a day) before c, and there are at least `minRun` of them (`shiftMinRun`).
 *
 * Why: after a level shift, the errors the methods made on forecasts issued before it say how well
 * they predicted the old level, not which one follows the new one; the errors of the shift itself
 * hit every method alike. So `auto` then compares the methods only on forecasts issued after c
 * (`recent.ts`), and while there are none the last value is shown: after a jump nothing is safer
 * than "same as now". Measured on the stress set (hourly ad-exchange series): a fall to a tenth
 * went from 1.40 to 1.09 × naive, a fall to zero from 1.74 to 1.24; the shared set at H = 12 did not
 * lose (0.632 → 0.631).
 *
 * After a gap in the data (a scrape target down for hours, a restart) the run is counted from the
 * start of the gap, and compared with the day before the gap: when the first observations after
 * it all lie outside that day's range, the level changed while nothing was recorded, and those
 * observations are all the evidence of it there is. Measured on the stress set, where the hourly
 * ad-exchange series comes back from a 20-hour gap at its new level: a fall to zero went from 1.24 to
 * 0.69 × naive, a fall to a tenth from 1.09 to 0.70, and the 95 % coverage of the tripled level from
 * 0.84 to 0.92; the shared set did not move (H = 12 0.621, nab-extra 0.620).
 *
 * Why a run at least as long as the horizon: a shorter excursion is a spike, and after a spike
 * "same as now" is the worst forecast there is. Measured with a 3-step run: one spike on
 * Twitter_volume_FB turned `auto` to naive at one origin and its H = 12 MASE went from 0.647 to 0.687.
 *
 * Level- and scale-free (values are compared with the series' own range) and causal: the answer at
 * `before` reads only values before it.
 */
export interface Shift {
  /** First step of the new level. */
  start: number;
  /**
   * The first forecast origin that saw the new level (start + 1: an origin forecasts from the values
   * before it). Selection reads forecasts issued from here on; the one issued at `start` still
   * carried the old level, and would charge naive the whole jump.
   */
  since: number;
  /** Where the values since `start` lie: all above the day's range before it, or all below. */
  direction: 'above' | 'below';
  /**
   * Set when `start` is the first observation after a gap in the data: the first unobserved step.
   * The new level began somewhere in the gap, so the run is counted from here and compared with the
   * day before it.
   */
  gapFrom?: number;
}

export type RegimeStart = (before: number) => Shift | undefined;

/**
 * The shortest run that counts: the horizon, at least an hour and at least 3 steps. An hour because
 * at short horizons a 15-minute excursion is still a spike (measured at H = 3 on the shared set, a
 * 3-step run cost `auto` 0.2 %; an hour gave it back).
 */
export function shiftMinRun(stepMs: number, horizon: number): number {
  return Math.max(3, horizon, Math.round(3_600_000 / stepMs));
}

export function regimeStarts(
  values: ArrayLike<number>,
  observed: ArrayLike<number>,
  span: number,
  minRun: number
): RegimeStart {
  const n = values.length;
  const { lo, hi, known } = slidingRange(values, observed, span);
  return (before: number) => {
    const end = Math.max(0, Math.min(n, Math.floor(before)));
    let runMin = Infinity;
    let runMax = -Infinity;
    let count = 0;
    let shift: Shift | undefined;
    // The earliest c within a day whose run qualifies. A run that reaches back a whole day is no
    // shift: a level that changed a day ago is the regime the recent errors already describe, and a
    // series outside its earlier range all day long is a trend (a counter read without rate()).
    const limit = Math.max(1, end - span);
    for (let c = end - 1; c >= limit; c--) {
      if (!observed[c]) {
        continue;
      }
      runMin = Math.min(runMin, values[c]);
      runMax = Math.max(runMax, values[c]);
      count++;
      // A run right after a gap in the data began somewhere in the gap: it has lasted since the gap
      // began, and its reference is the day before the gap.
      let from = c;
      while (from > 0 && !observed[from - 1]) {
        from--;
      }
      const long = count >= minRun || (from < c && end - from >= minRun);
      if (known[from] && (runMin > hi[from] || runMax < lo[from]) && long) {
        const direction = runMin > hi[from] ? 'above' : 'below';
        shift = { start: c, since: c + 1, direction, ...(from < c ? { gapFrom: from } : {}) };
      }
    }
    return shift && shift.start > limit ? shift : undefined;
  };
}

/**
 * lo[c], hi[c]: min and max of the observed values in [c − span, c); known[c]: at least half of
 * that window was observed (a range read off a few points after a long gap is no range).
 */
export function slidingRange(values: ArrayLike<number>, observed: ArrayLike<number>, span: number) {
  const n = values.length;
  const lo = new Float64Array(n).fill(Infinity);
  const hi = new Float64Array(n).fill(-Infinity);
  const minQ: number[] = [];
  const maxQ: number[] = [];
  const known = new Uint8Array(n);
  let seen = 0;
  let minHead = 0;
  let maxHead = 0;
  for (let c = 0; c < n; c++) {
    // window [c − span, c): drop indices < c − span, then read, then add c
    while (minHead < minQ.length && minQ[minHead] < c - span) {
      minHead++;
    }
    while (maxHead < maxQ.length && maxQ[maxHead] < c - span) {
      maxHead++;
    }
    if (minHead < minQ.length) {
      lo[c] = values[minQ[minHead]];
    }
    if (maxHead < maxQ.length) {
      hi[c] = values[maxQ[maxHead]];
    }
    known[c] = seen >= span / 2 ? 1 : 0;
    const ok = observed[c] && Number.isFinite(values[c]);
    seen += (ok ? 1 : 0) - (c - span >= 0 && observed[c - span] && Number.isFinite(values[c - span]) ? 1 : 0);
    if (ok) {
      while (minQ.length > minHead && values[minQ[minQ.length - 1]] >= values[c]) {
        minQ.pop();
      }
      minQ.push(c);
      while (maxQ.length > maxHead && values[maxQ[maxQ.length - 1]] <= values[c]) {
        maxQ.pop();
      }
      maxQ.push(c);
    }
  }
  return { lo, hi, known };
}
