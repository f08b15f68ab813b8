/**
 * A series read at a finer step than it is sampled at. Prometheus answers a range query at every
 * step with the latest sample in its look-back, so a metric scraped (or recorded) every 5 minutes
 * and read at the data source's default 1-minute step comes back with each sample five times. Then
 * the last value is right four steps in five, so the first steps' bands come out near zero width,
 * the learned models mostly learn the repeats, and nothing in the forecast says why. Said in the
 * warning line with the step to use, in the spirit of Grafana's own query hints.
 *
 * The rule, chosen so that a real gauge does not trip it: the runs of exactly equal consecutive
 * values (the first and last run left out, a gap ends a run) are at least 20 and hold at least 10
 * different values (a square wave or a few levels held in turn, a feature flag or a job's state,
 * do not); and for one k ≥ 2, at least 80 % of the runs are k or k + 1 long (k + 1 where the sample
 * interval is not a whole number of steps), or whole multiples of k with at least 30 % exactly k
 * (two samples in a row that read the same, as rounded or integer values often do, make one run
 * of 2k). A gauge that holds a value for random stretches has geometric run lengths: no two
 * neighbouring lengths from 2 up hold more than about 40 % of them, nor do the multiples of any k.
 * Measured on the 38 NAB series at their own step: one trips it, `art_daily_no_noise`, which does
 * hold each value for exactly an hour (12 steps), so the sentence is true there. Read at a half, a
 * third or a fifth of their step (each sample 2, 3 or 5 times), 35 of the 38 are found with that
 * factor exactly; the three missed are a flat line, a square wave and a flat series with rare
 * spikes, which hold fewer than 10 values.
 */
import { formatDuration, roundUpDuration } from '../common/duration';

const MIN_RUNS = 20;
const MIN_DISTINCT = 10;
const REGULAR_SHARE = 0.8;
const BASE_SHARE = 0.3;

export interface SampleRepeats {
  /** Mean length of the regular runs: how many steps each sample is repeated. */
  factor: number;
}

/** The runs of equal consecutive finite values, with their value; a missing value ends a run. */
function runsOf(values: ArrayLike<number | null>): Array<{ length: number; value: number }> {
  const runs: Array<{ length: number; value: number }> = [];
  let current: { length: number; value: number } | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) {
      current = undefined;
    } else if (current && v === current.value) {
      current.length++;
    } else {
      current = { length: 1, value: v };
      runs.push(current);
    }
  }
  return runs;
}

export function sampleRepeats(values: ArrayLike<number | null>): SampleRepeats | undefined {
  // the first and last runs are cut by the range's edges
  const runs = runsOf(values).slice(1, -1);
  if (runs.length < MIN_RUNS) {
    return undefined;
  }
  // repeats carry new readings; a square wave or a few levels held in turn do not
  if (new Set(runs.map((r) => r.value)).size < MIN_DISTINCT) {
    return undefined;
  }
  const count = new Map<number, number>();
  for (const r of runs) {
    count.set(r.length, (count.get(r.length) ?? 0) + 1);
  }
  const share = (keep: (length: number) => boolean) => runs.filter((r) => keep(r.length)).length / runs.length;
  for (const k of [...count.keys()].sort((a, b) => a - b)) {
    if (k < 2) {
      continue;
    }
    // k or k + 1 steps per sample (k + 1 where the interval is not a whole number of steps) …
    if (share((n) => n === k || n === k + 1) >= REGULAR_SHARE) {
      const regular = runs.filter((r) => r.length === k || r.length === k + 1);
      return { factor: regular.reduce((sum, r) => sum + r.length, 0) / regular.length };
    }
    // … or whole multiples of k, where two samples in a row read the same (rounded or integer values)
    if (share((n) => n === k) >= BASE_SHARE && share((n) => n % k === 0) >= REGULAR_SHARE) {
      return { factor: k };
    }
  }
  return undefined;
}

/**
 * The warning line's sentence, with the step that reads each sample once. `setting`: how the
 * front door names the step ("the training step" in the panel, "--step" in the CLI).
 */
export function repeatsWarning(r: SampleRepeats, stepMs: number, setting = 'the training step'): string {
  // the interval as measured (to the second) in the description, a step one can type in the advice
  const measured = formatDuration(Math.round((r.factor * stepMs) / 1000) * 1000);
  const advised = formatDuration(roundUpDuration(r.factor * stepMs));
  return (
    `Each sample repeats about ${Math.round(r.factor)} times: the series changes only every ~${measured} but is read ` +
    `at ${formatDuration(stepMs)} steps (Prometheus repeats a sample until the next one), so the first steps' bands ` +
    `are too narrow and the models learn the repeats. Set ${setting} to ${advised} or more.`
  );
}
