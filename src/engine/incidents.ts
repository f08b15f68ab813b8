/**
 * Which of the days before an origin were incidents the series came back from: after the day, the
 * series sat inside the range it had the day before it. `auto`'s week-long score leaves the worst
 * such day out (`recent.ts` `weekError`).
 *
 * Why: one incident in a week (an outage, a burst of traffic, NAB's labelled anomalies) can decide
 * a week's error by itself, and the method that happened to miss it least is then shown all week,
 * though the incident is over. When the series came back, that day says nothing about the next
 * forecast. When it did not (a level that doubled, a CPU that fell to zero and stayed), that day is
 * the evidence of which methods follow a new level, and it must stay: dropping the worst day
 * without this test cost the stress set 10 of 288 (series, phase) cells, all on
 * `rds_cpu_utilization_e47b3b`, whose own baseline jumps from 17 % to 28 % in that week.
 *
 * Level- and scale-free (the series is compared with its own range) and causal: the answer at
 * `before` reads only values before it.
 */
import { medianOfSorted } from './sorted';
import { slidingRange } from './shift';

/** `cameBack(before)[b]`: day b before `before` (b = 0 the latest, targets [before − (b+1)·span, before − b·span)) was an incident the series came back from. */
export type CameBack = (before: number) => boolean[];

export function incidentDays(
  values: ArrayLike<number>,
  observed: ArrayLike<number>,
  span: number,
  days: number
): CameBack {
  const { lo, hi, known } = slidingRange(values, observed, span);
  return (before: number) => {
    const out: boolean[] = [];
    // The latest day has no day after it yet: whether the series came back is not known.
    out.push(false);
    for (let b = 1; b < days; b++) {
      const start = before - (b + 1) * span;
      const after =
        start >= 0 && known[start] ? medianOfObserved(values, observed, start + span, start + 2 * span) : NaN;
      out.push(after >= lo[start] && after <= hi[start]);
    }
    return out;
  };
}

/** The median of the observed values in [from, to), NaN when fewer than half of them were observed. */
function medianOfObserved(values: ArrayLike<number>, observed: ArrayLike<number>, from: number, to: number): number {
  const seen: number[] = [];
  for (let t = from; t < to; t++) {
    if (observed[t] && Number.isFinite(values[t])) {
      seen.push(values[t]);
    }
  }
  if (seen.length === 0 || seen.length < (to - from) / 2) {
    return NaN;
  }
  return medianOfSorted(seen.sort((a, b) => a - b));
}
