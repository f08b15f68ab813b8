/**
 * Every series the demo backfills from the NAB CSVs, and what follows each one's history: the NAB
 * series replay their last week (they keep reporting while the demo runs), the edge cases' CPU
 * that fell to zero and the host back from an outage hold their zero, and the stale series stays
 * stopped. The playground's stack and compose's history writer both build their backfill from this,
 * and the demo exporter continues it live (scripts/exporter/replayMetrics.ts).
 */
import path from 'path';
import { csvSeries, type LoadedCsv } from './backfill';
import { sampleStep } from './nabCsv';
import type { BackfilledSeries } from './liveReplay';

/** The NAB series the stale demo series is cut from (requests, 5-minute step). */
export const STALE_DEMO_SOURCE = /elb_request_count_8c0756\.csv$/;
export const STALE_DEMO_METRIC = 'foresight_stale_demo';
/** How old the stale demo series' last sample is: well past max(3 steps, 10 min) at any step up to 20m. */
export const STALE_DEMO_AGE_MS = 3_600_000;

/**
 * A series whose data stopped about an hour before the start (a scrape target that went away), for
 * the stale data warning: the ELB requests series, cut `STALE_DEMO_AGE_MS` before now, never continued.
 */
export function staleDemoSeries(loaded: LoadedCsv, nowMs: number, ageMs = STALE_DEMO_AGE_MS): BackfilledSeries {
  return {
    gauge: {
      name: STALE_DEMO_METRIC,
      help: `${path.basename(loaded.file)} cut ${Math.round(ageMs / 60_000)} minutes before the demo started: a series that stopped reporting (stale data demo)`,
      labels: { job: 'foresight-demo', instance: 'stale' },
      samples: loaded.samples.filter((s) => s.t <= nowMs - ageMs),
    },
    stepMs: sampleStep(loaded.samples),
    after: 'stop',
  };
}

/** The NAB series the level-shift demo is made from (an EC2 CPU at 80–97 %, 5-minute step). */
export const DROP_DEMO_SOURCE = /ec2_cpu_utilization_825cc2\.csv$/;
export const DROP_DEMO_METRIC = 'foresight_drop_demo';
/** How long before the start the demo CPU fell to zero: longer than an hour and a 1 h horizon, so it is a level shift. */
export const DROP_DEMO_AGE_MS = 2 * 3_600_000;

/**
 * A CPU that fell to zero `DROP_DEMO_AGE_MS` before the start and stays there (the failure the
 * engine's level-shift rule answers): the EC2 CPU series with every later value set to 0, held.
 */
export function dropDemoSeries(loaded: LoadedCsv, nowMs: number, ageMs = DROP_DEMO_AGE_MS): BackfilledSeries {
  return {
    gauge: {
      name: DROP_DEMO_METRIC,
      help: `${path.basename(loaded.file)} with every value from ${Math.round(ageMs / 60_000)} minutes before the demo started set to 0: a CPU that fell to zero and stayed there (level shift demo)`,
      labels: { job: 'foresight-demo', instance: 'drop' },
      samples: loaded.samples.map((s) => (s.t > nowMs - ageMs ? { t: s.t, v: 0 } : s)),
    },
    stepMs: sampleStep(loaded.samples),
    after: 'hold',
  };
}

export const OUTAGE_DEMO_METRIC = 'foresight_outage_demo';
/** The demo outage: no samples for three hours, then the values of the last `OUTAGE_DEMO_BACK_MS` are 0. */
export const OUTAGE_DEMO_GAP_MS = 3 * 3_600_000;
export const OUTAGE_DEMO_BACK_MS = 15 * 60_000;

/**
 * A host that stopped reporting for hours and came back idle (the level changed while nothing was
 * recorded): the same EC2 CPU with no samples from `gapMs` before the start until `backMs` before
 * it, and 0 since, held. The engine counts the shift from the start of the gap (src/engine/shift.ts).
 */
export function outageDemoSeries(
  loaded: LoadedCsv,
  nowMs: number,
  gapMs = OUTAGE_DEMO_GAP_MS,
  backMs = OUTAGE_DEMO_BACK_MS
): BackfilledSeries {
  const dropped = dropDemoSeries(loaded, nowMs, backMs);
  return {
    ...dropped,
    gauge: {
      name: OUTAGE_DEMO_METRIC,
      help: `${path.basename(loaded.file)} with no samples from ${gapMs / 60_000} to ${backMs / 60_000} minutes before the demo started and 0 since: a host back from an outage, idle (level shift after a gap demo)`,
      labels: { job: 'foresight-demo', instance: 'outage' },
      samples: dropped.gauge.samples.filter((s) => s.t <= nowMs - gapMs || s.t > nowMs - backMs),
    },
  };
}

/** Every CSV series, then the edge cases' series made from them where their source is there. */
export function demoSeries(loaded: LoadedCsv[], nowMs: number): BackfilledSeries[] {
  const series = loaded.map(csvSeries);
  const staleSource = loaded.find((s) => STALE_DEMO_SOURCE.test(s.file));
  if (staleSource) {
    series.push(staleDemoSeries(staleSource, nowMs));
  }
  const dropSource = loaded.find((s) => DROP_DEMO_SOURCE.test(s.file));
  if (dropSource) {
    series.push(dropDemoSeries(dropSource, nowMs), outageDemoSeries(dropSource, nowMs));
  }
  return series;
}
