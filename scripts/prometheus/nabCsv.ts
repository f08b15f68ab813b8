/**
 * Reads series in the Numenta Anomaly Benchmark CSV format (`timestamp,value`, naive timestamps
 * `YYYY-MM-DD HH:MM:SS`). NAB timestamps carry no zone; we read them as UTC so that the 2014 US
 * daylight-saving change shows up as duplicate rows (which we drop) instead of a shifted hour.
 */
import { parseCsvSeries } from '../../src/io/csv';

export interface Sample {
  /** Epoch milliseconds. */
  t: number;
  v: number;
}

export interface ParsedSeries {
  samples: Sample[];
  /** Rows dropped because their timestamp was already seen (the first one wins, as promtool does). */
  duplicates: number;
  /** Rows that could not be parsed (bad timestamp or non-finite value). */
  invalid: number;
}

/**
 * Parses (with the CLI's CSV reader), sorts by time and drops duplicate timestamps, keeping the
 * first row in file order as promtool does. Rows with no readable timestamp or value are counted.
 */
export function parseNabCsv(text: string): ParsedSeries {
  const raw = parseCsvSeries(text);
  const seen = new Set<number>();
  const samples: Sample[] = [];
  let duplicates = 0;
  let invalid = raw.badRows;
  raw.times.forEach((t, i) => {
    const v = raw.values[i];
    if (v === null) {
      invalid++;
    } else if (seen.has(t)) {
      duplicates++;
    } else {
      seen.add(t);
      samples.push({ t, v });
    }
  });
  samples.sort((a, b) => a.t - b.t);
  return { samples, duplicates, invalid };
}

/** The series' sampling step: the median spacing of consecutive samples (robust to a few gaps). */
export function sampleStep(samples: Sample[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    gaps.push(samples[i].t - samples[i - 1].t);
  }
  gaps.sort((a, b) => a - b);
  return gaps.length ? Math.max(1000, gaps[Math.floor(gaps.length / 2)]) : 60_000;
}

/**
 * Shift (a whole number of `unitMs`) that moves the last sample to at most `marginMs` before
 * `nowMs`, and within one unit of it. Shifting by whole *steps* makes the history end within one
 * step before now, so fresh-data rules (stale after max(3 steps, 10 min)) see it as current; the
 * price is that time of day and weekday drift from the original recording (said in the README).
 * History must never end in the future: Prometheus would then reject every live scrape.
 */
export function shiftToEndBefore(lastMs: number, nowMs: number, unitMs: number, marginMs = 1_000): number {
  return Math.floor((nowMs - marginMs - lastMs) / unitMs) * unitMs;
}
