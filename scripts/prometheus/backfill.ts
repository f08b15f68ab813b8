/**
 * Turns NAB CSVs (and any extra families, such as the demo exporter's history) into TSDB blocks
 * with `promtool tsdb create-blocks-from openmetrics`. `--max-block-duration=744h` matters: without
 * it a few months of 5-minute data took 13 minutes and thousands of blocks (shared NOTES).
 */
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import { specForCsv } from './catalogue';
import { parseNabCsv, sampleStep, shiftToEndBefore, type Sample } from './nabCsv';
import { type MetricFamily, renderOpenMetrics, runningTotal } from './openmetrics';

const execFileAsync = promisify(execFile);

export interface LoadedCsv {
  file: string;
  metric: string;
  labels: Record<string, string>;
  counter?: string;
  /** Samples after sorting, de-duplication and the whole-step shift. */
  samples: Sample[];
  shiftMs: number;
  duplicates: number;
  invalid: number;
}

export function loadCsv(file: string, nowMs: number): LoadedCsv {
  const parsed = parseNabCsv(fs.readFileSync(file, 'utf8'));
  if (parsed.samples.length === 0) {
    throw new Error(`${file}: no valid "timestamp,value" rows`);
  }
  const spec = specForCsv(file);
  // Whole steps, not whole days: the history then ends within one step before now (fresh data).
  const shiftMs = shiftToEndBefore(parsed.samples[parsed.samples.length - 1].t, nowMs, sampleStep(parsed.samples));
  return {
    file,
    metric: spec.metric,
    labels: spec.labels,
    counter: spec.counter,
    samples: parsed.samples.map(({ t, v }) => ({ t: t + shiftMs, v })),
    shiftMs,
    duplicates: parsed.duplicates,
    invalid: parsed.invalid,
  };
}

export function familiesForCsv(loaded: LoadedCsv): MetricFamily[] {
  const help = `${path.basename(loaded.file)} (Numenta Anomaly Benchmark, MIT licence), shifted to end just before now`;
  const families: MetricFamily[] = [
    { type: 'gauge', name: loaded.metric, help, labels: loaded.labels, samples: loaded.samples },
  ];
  if (loaded.counter) {
    families.push({
      type: 'counter',
      name: loaded.counter,
      help: `Running total of ${loaded.metric}`,
      labels: loaded.labels,
      samples: runningTotal(loaded.samples),
    });
  }
  return families;
}

/** The NAB series the stale demo series is cut from (requests, 5-minute step). */
export const STALE_DEMO_SOURCE = /elb_request_count_8c0756\.csv$/;
export const STALE_DEMO_METRIC = 'foresight_stale_demo';
/** How old the stale demo series' last sample is: well past max(3 steps, 10 min) at any step up to 20m. */
export const STALE_DEMO_AGE_MS = 3_600_000;

/**
 * A series whose data stopped about an hour ago (a scrape target that went away), for the stale
 * data warning: the ELB requests series, cut `STALE_DEMO_AGE_MS` before now.
 */
export function staleDemoFamily(loaded: LoadedCsv, nowMs: number, ageMs = STALE_DEMO_AGE_MS): MetricFamily {
  return {
    type: 'gauge',
    name: STALE_DEMO_METRIC,
    help: `${path.basename(loaded.file)} cut ${Math.round(ageMs / 60_000)} minutes before now: a series that stopped reporting (stale data demo)`,
    labels: { job: 'foresight-demo', instance: 'stale' },
    samples: loaded.samples.filter((s) => s.t <= nowMs - ageMs),
  };
}

/** The NAB series the level-shift demo is made from (an EC2 CPU at 80–97 %, 5-minute step). */
export const DROP_DEMO_SOURCE = /ec2_cpu_utilization_825cc2\.csv$/;
export const DROP_DEMO_METRIC = 'foresight_drop_demo';
/** How long ago the demo CPU fell to zero: longer than an hour and a 1 h horizon, so it is a level shift. */
export const DROP_DEMO_AGE_MS = 2 * 3_600_000;

/**
 * A CPU that fell to zero `DROP_DEMO_AGE_MS` before now and stayed there (the failure the engine's
 * level-shift rule answers): the EC2 CPU series with every later value set to 0.
 */
export function dropDemoFamily(loaded: LoadedCsv, nowMs: number, ageMs = DROP_DEMO_AGE_MS): MetricFamily {
  return {
    type: 'gauge',
    name: DROP_DEMO_METRIC,
    help: `${path.basename(loaded.file)} with every value of the last ${Math.round(ageMs / 60_000)} minutes set to 0: a CPU that fell to zero and stayed there (level shift demo)`,
    labels: { job: 'foresight-demo', instance: 'drop' },
    samples: loaded.samples.map((s) => (s.t > nowMs - ageMs ? { t: s.t, v: 0 } : s)),
  };
}

export const OUTAGE_DEMO_METRIC = 'foresight_outage_demo';
/** The demo outage: no samples for three hours, then the values of the last `OUTAGE_DEMO_BACK_MS` are 0. */
export const OUTAGE_DEMO_GAP_MS = 3 * 3_600_000;
export const OUTAGE_DEMO_BACK_MS = 15 * 60_000;

/**
 * A host that stopped reporting for hours and came back idle (the level changed while nothing was
 * recorded): the same EC2 CPU with no samples from `gapMs` before now until `backMs` before now,
 * and 0 since. The engine counts the shift from the start of the gap (src/engine/shift.ts).
 */
export function outageDemoFamily(
  loaded: LoadedCsv,
  nowMs: number,
  gapMs = OUTAGE_DEMO_GAP_MS,
  backMs = OUTAGE_DEMO_BACK_MS
): MetricFamily {
  const dropped = dropDemoFamily(loaded, nowMs, backMs);
  return {
    ...dropped,
    name: OUTAGE_DEMO_METRIC,
    help: `${path.basename(loaded.file)} with no samples from ${gapMs / 60_000} to ${backMs / 60_000} minutes before now and 0 since: a host back from an outage, idle (level shift after a gap demo)`,
    labels: { job: 'foresight-demo', instance: 'outage' },
    samples: dropped.samples.filter((s) => s.t <= nowMs - gapMs || s.t > nowMs - backMs),
  };
}

/** Writes OpenMetrics for all families and creates blocks in `tsdbDir` (which Prometheus then opens). */
export async function backfill(
  promtool: string,
  families: MetricFamily[],
  tsdbDir: string,
  workDir: string
): Promise<void> {
  fs.mkdirSync(tsdbDir, { recursive: true });
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, 'backfill.om.txt');
  fs.writeFileSync(file, renderOpenMetrics(families));
  try {
    await execFileAsync(
      promtool,
      ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=744h', file, tsdbDir],
      {
        maxBuffer: 64 * 1024 * 1024,
      }
    );
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(
      `promtool could not backfill ${file}: ${(err.stderr ?? err.message).trim().split('\n').slice(-3).join(' ')}`
    );
  }
}
