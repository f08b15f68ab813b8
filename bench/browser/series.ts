/**
 * The benchmark's 100 series: deterministic variants of the 13 shared NAB series (scaled, shifted
 * in level, rotated by whole days), each resampled onto one 5-minute grid of 14 days that ends at
 * the same instant, written as NAB-format CSVs. One folder, so one selector (`{job="<folder>"}`)
 * returns them all.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listCsvFiles } from '../../src/io/csv';
import { parseNabCsv, type Sample } from '../../scripts/prometheus/nabCsv';

export const STEP_MS = 300_000;
export const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 14;
export const POINTS_PER_SERIES = (HISTORY_DAYS * DAY_MS) / STEP_MS;
/** Where every series ends before the stack shifts it to just before now (whole steps, all alike). */
const END_MS = Date.UTC(2014, 4, 1);

/** Variant k of a source: value × factor + level × mean, then rotated forward by k whole days. */
const FACTORS = [1, 2, 0.5, 1.5, 0.75, 3, 1.25, 0.25];
const LEVELS = [0, 0.5, 0, 1, 0.25, 0, 2, 0.1];

export interface BenchSeries {
  /** Instance label and file stem; plain so the catalogue adds no `_count` counter beside it. */
  name: string;
  source: string;
  factor: number;
  /** Added level, as a multiple of the source's mean. */
  level: number;
  rotateDays: number;
  points: number;
}

/** Linear interpolation of the samples onto `n` grid points ending at the last sample's step. */
export function resample(samples: Sample[], n: number, stepMs = STEP_MS): number[] {
  const end = Math.floor(samples[samples.length - 1].t / stepMs) * stepMs;
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const t = end - (n - 1 - i) * stepMs;
    while (j < samples.length - 1 && samples[j + 1].t <= t) {
      j++;
    }
    const a = samples[j];
    const b = samples[Math.min(j + 1, samples.length - 1)];
    // Before the first sample (a source a few minutes short of 14 days) the first value holds.
    if (t <= a.t || b.t === a.t) {
      out.push(a.v);
    } else {
      out.push(a.v + (b.v - a.v) * Math.min(1, (t - a.t) / (b.t - a.t)));
    }
  }
  return out;
}

/** The values shifted forward by whole days; the days pushed past the end wrap to the start. */
export function rotateDays(values: number[], days: number, stepMs = STEP_MS): number[] {
  const n = values.length;
  const shift = ((((days * DAY_MS) / stepMs) % n) + n) % n;
  return values.map((_, i) => values[(i - shift + n) % n]);
}

export function variant(values: number[], k: number): number[] {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const factor = FACTORS[k % FACTORS.length];
  const level = LEVELS[k % LEVELS.length] * mean;
  return rotateDays(values, k).map((v) => v * factor + level);
}

function naiveTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function csvText(values: number[]): string {
  const start = END_MS - (values.length - 1) * STEP_MS;
  const rows = values.map((v, i) => `${naiveTimestamp(start + i * STEP_MS)},${Number(v.toPrecision(8))}`);
  return `timestamp,value\n${rows.join('\n')}\n`;
}

/**
 * Writes `count` CSVs into `outDir`: variant 0 of every source, then variant 1 of every source, …
 * (so 100 = 7 full rounds of 13 plus 9). Returns what each file is.
 */
export function writeBenchSeries(nabDir: string, outDir: string, count = 100): BenchSeries[] {
  const sources = listCsvFiles(nabDir).map((file) => ({
    name: path.basename(file, '.csv'),
    values: resample(parseNabCsv(readFileSync(file, 'utf8')).samples, POINTS_PER_SERIES),
  }));
  if (sources.length === 0) {
    throw new Error(`No NAB CSVs under ${nabDir}.`);
  }
  mkdirSync(outDir, { recursive: true });
  const written: BenchSeries[] = [];
  for (let i = 0; i < count; i++) {
    const k = Math.floor(i / sources.length);
    const source = sources[i % sources.length];
    const name = `series_${String(i).padStart(3, '0')}`;
    writeFileSync(path.join(outDir, `${name}.csv`), csvText(variant(source.values, k)));
    written.push({
      name,
      source: source.name,
      factor: FACTORS[k % FACTORS.length],
      level: LEVELS[k % LEVELS.length],
      rotateDays: k,
      points: POINTS_PER_SERIES,
    });
  }
  return written;
}
