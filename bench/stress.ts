/**
 * The stress set: shared series with a change applied **inside the backtest's test region only**
 * (the history every method is fitted and validated on is untouched), so it measures what happens
 * when a series leaves the range the engine learned — the failure seen on unseen real series.
 *
 * Transforms, applied from a quarter of the way into the test region (so the backtest has origins
 * both before and after the change):
 * - level ×0.1 and ×3 (a baseline that falls or triples), +5σ (σ of the history before the test region);
 * - to zero and staying there (a CPU that drops to ~0 %);
 * - a variance burst: for one day, deviations from the day's running mean ×4 (clipped at 0 for a
 *   never-negative series);
 * - a gap of one day (rows removed; the engine fills and masks it).
 */
import { basename } from 'path';
import type { RawSeries } from '../src/engine/api';
import { medianSpacing } from '../src/engine/prepare';
import { readCsvSeries } from '../src/io/csv';

export type StressKind = 'level_x0.1' | 'level_x3' | 'level_+5sd' | 'to_zero' | 'variance_burst' | 'gap_1d';
export const STRESS_KINDS: StressKind[] = [
  'level_x0.1',
  'level_x3',
  'level_+5sd',
  'to_zero',
  'variance_burst',
  'gap_1d',
];

/**
 * Base series (a representative subset, to keep the bench's run time reasonable): requests, two
 * CPUs (one of them the shared set's known failure, rds_cpu_utilization_e47b3b) and an hourly
 * ad-exchange series from nab-extra. Matched by file-name prefix.
 */
export const STRESS_SERIES = [
  'elb_request_count_8c0756',
  'rds_cpu_utilization_e47b3b',
  'ec2_cpu_utilization_825cc2',
  'exchange-2_cpc_results',
];

const DAY_MS = 86_400_000;
const SEVEN_DAYS_MS = 7 * DAY_MS;

export interface StressCase {
  name: string;
  base: string;
  kind: StressKind;
  series: RawSeries;
  /** First changed timestamp. */
  fromMs: number;
}

/**
 * First row changed: a quarter of the way into the backtest's test region, computed on the time
 * grid as backtest.ts does (the last min(20 %, 7 days) of grid points), so gaps in the raw rows do
 * not move it.
 */
function changeIndex(times: number[], stepMs: number): number {
  const n = Math.round((times[times.length - 1] - times[0]) / stepMs) + 1;
  const testLen = Math.min(Math.floor(0.2 * n), Math.round(SEVEN_DAYS_MS / stepMs));
  const fromMs = times[0] + (n - testLen + Math.floor(0.25 * testLen)) * stepMs;
  const i = times.findIndex((t) => t >= fromMs);
  return i < 0 ? times.length : i;
}

function stdBefore(values: number[], end: number): number {
  const xs = values.slice(0, end).filter((v) => Number.isFinite(v));
  const m = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
}

/** One transformed copy of a (time-sorted) series. */
export function stressSeries(name: string, series: RawSeries, kind: StressKind): StressCase {
  const order = series.times.map((_, i) => i).sort((a, b) => series.times[a] - series.times[b]);
  const times = order.map((i) => series.times[i]);
  const values = order.map((i) => Number(series.values[i]));
  const stepMs = medianSpacing(times);
  const s = changeIndex(times, stepMs);
  const fromMs = times[s];
  const nonNegative = values.slice(0, s).every((v) => !(v < 0));
  const dayEnd = fromMs + DAY_MS;
  let outTimes = times;
  let out = values.slice();
  switch (kind) {
    case 'level_x0.1':
    case 'level_x3': {
      const k = kind === 'level_x3' ? 3 : 0.1;
      out = values.map((v, i) => (i >= s ? v * k : v));
      break;
    }
    case 'level_+5sd': {
      const add = 5 * stdBefore(values, s);
      out = values.map((v, i) => (i >= s ? v + add : v));
      break;
    }
    case 'to_zero':
      out = values.map((v, i) => (i >= s ? 0 : v));
      break;
    case 'variance_burst': {
      const perDay = Math.max(2, Math.round(DAY_MS / stepMs));
      out = values.map((v, i) => {
        if (i < s || times[i] >= dayEnd) {
          return v;
        }
        const from = Math.max(0, i - perDay);
        let m = 0;
        for (let t = from; t < i; t++) {
          m += values[t];
        }
        m /= Math.max(1, i - from);
        const y = m + 4 * (v - m);
        return nonNegative ? Math.max(0, y) : y;
      });
      break;
    }
    case 'gap_1d': {
      const keep = times.map((t) => t < fromMs || t >= dayEnd);
      outTimes = times.filter((_, i) => keep[i]);
      out = values.filter((_, i) => keep[i]);
      break;
    }
  }
  return { name: `${name} ${kind}`, base: name, kind, series: { times: outTimes, values: out }, fromMs };
}

/** Every base series found under the given CSV files × every transform (or `kinds`). */
export function stressCases(files: string[], kinds: StressKind[] = STRESS_KINDS): StressCase[] {
  const out: StressCase[] = [];
  for (const prefix of STRESS_SERIES) {
    const file = files.find((f) => basename(f).startsWith(prefix));
    if (!file) {
      continue;
    }
    const s = readCsvSeries(file);
    for (const k of kinds) {
      out.push(stressSeries(s.name, s, k));
    }
  }
  return out;
}
