/**
 * Turns NAB CSVs (and any extra families, such as the demo exporter's history) into TSDB blocks
 * with `promtool tsdb create-blocks-from openmetrics`. `--max-block-duration=744h` matters: without
 * it a few months of 5-minute data took 13 minutes and thousands of blocks (shared NOTES).
 */
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import { listCsvFiles } from '../../src/io/csv';
import { specForCsv } from './catalogue';
import { parseNabCsv, sampleStep, shiftToEndBefore, type Sample } from './nabCsv';
import { type BackfilledSeries, seriesFamilies } from './liveReplay';
import { type MetricFamily, renderOpenMetrics } from './openmetrics';

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

/** Every NAB-format CSV under `dir` (recursively), shifted to end just before `nowMs`. */
export function loadCsvDir(dir: string, nowMs: number): LoadedCsv[] {
  return listCsvFiles(dir).map((file) => loadCsv(file, nowMs));
}

/** The CSV's gauge (and counter), continued after its history by replaying its last week. */
export function csvSeries(loaded: LoadedCsv): BackfilledSeries {
  return {
    gauge: {
      name: loaded.metric,
      help: `${path.basename(loaded.file)} (Numenta Anomaly Benchmark, MIT licence), shifted to end just before now, then its last week (or day) replayed`,
      labels: loaded.labels,
      samples: loaded.samples,
    },
    counter: loaded.counter ? { name: loaded.counter, help: `Running total of ${loaded.metric}` } : undefined,
    stepMs: sampleStep(loaded.samples),
    after: 'replay',
  };
}

/** The CSV's families as recorded (no continuation). */
export function familiesForCsv(loaded: LoadedCsv): MetricFamily[] {
  return seriesFamilies(csvSeries(loaded), Number.NEGATIVE_INFINITY);
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
