/**
 * What comes after a backfilled series' history, so the demo's NAB series keep reporting instead of
 * going stale a few minutes after a start: the recording's own last week (or day) played again on
 * the same step, one period later, so the daily and weekly shape carry on; or the last value held
 * (a CPU that fell to zero stays there); or nothing (a series that stopped, for the stale warning).
 * The backfill writes the continuation up to where its history ends and the demo exporter serves
 * the rest live (scripts/exporter/replayMetrics.ts), with each sample's own timestamp, so Prometheus
 * stores the same 5-minute samples a live NAB source would have sent.
 */
import type { Sample } from './nabCsv';
import { type MetricFamily, runningTotal } from './openmetrics';

/** `replay`: the recording's last period again; `hold`: the last value; `stop`: no more samples. */
export type After = 'replay' | 'hold' | 'stop';

export interface BackfilledSeries {
  /** The gauge as recorded (shifted to end before now), in time order. */
  gauge: { name: string; help: string; labels: Record<string, string>; samples: Sample[] };
  /** Also a running-total counter of the gauge (family name without `_total`), as for request counts. */
  counter?: { name: string; help: string };
  stepMs: number;
  after: After;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * How far back the replay reaches: a week when the recording has one (the weekly shape is kept),
 * else a day, else the whole recording. Always a whole number of steps, so replayed samples land on
 * the recorded ones.
 */
export function replayPeriodMs(samples: Sample[], stepMs: number): number {
  const spanMs = samples.length ? samples[samples.length - 1].t - samples[0].t + stepMs : stepMs;
  const wanted = spanMs >= WEEK_MS ? WEEK_MS : spanMs >= DAY_MS ? DAY_MS : spanMs;
  return Math.max(stepMs, Math.floor(wanted / stepMs) * stepMs);
}

/** Index of the latest sample at or before `t` (samples in time order; -1 if none). */
function latestAtOrBefore(samples: Sample[], t: number): number {
  let lo = 0;
  let hi = samples.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].t <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The samples after the history, on its step from its last sample, up to `untilMs` (inclusive).
 * A replayed sample takes the value recorded whole periods earlier (the latest one at or before
 * that time, so a gap in the recording repeats the value before it, as Prometheus's lookback does).
 */
export function continuation(history: Sample[], stepMs: number, after: After, untilMs: number): Sample[] {
  if (after === 'stop' || history.length === 0 || stepMs <= 0) {
    return [];
  }
  const last = history[history.length - 1];
  const periodMs = replayPeriodMs(history, stepMs);
  const out: Sample[] = [];
  for (let t = last.t + stepMs; t <= untilMs; t += stepMs) {
    if (after === 'hold') {
      out.push({ t, v: last.v });
      continue;
    }
    // Whole periods back until the time falls inside the recording.
    const periods = Math.ceil((t - last.t) / periodMs);
    const index = latestAtOrBefore(history, t - periods * periodMs);
    out.push({ t, v: history[Math.max(0, index)].v });
  }
  return out;
}

/** The series' families (gauge, and its counter if any) with the continuation up to `untilMs`. */
export function seriesFamilies(series: BackfilledSeries, untilMs: number): MetricFamily[] {
  const samples = [
    ...series.gauge.samples,
    ...continuation(series.gauge.samples, series.stepMs, series.after, untilMs),
  ];
  const families: MetricFamily[] = [{ type: 'gauge', ...series.gauge, samples }];
  if (series.counter) {
    families.push({ type: 'counter', ...series.counter, labels: series.gauge.labels, samples: runningTotal(samples) });
  }
  return families;
}

/** The families cut to samples in (`fromMs`, `toMs`]: the part of the continuation one writer adds. */
export function familiesBetween(families: MetricFamily[], fromMs: number, toMs: number): MetricFamily[] {
  return families
    .map((f) => ({ ...f, samples: f.samples.filter((s) => s.t > fromMs && s.t <= toMs) }))
    .filter((f) => f.samples.length > 0);
}
