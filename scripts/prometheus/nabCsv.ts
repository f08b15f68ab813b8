/**
 * Reads series in the Numenta Anomaly Benchmark CSV format (`timestamp,value`, naive timestamps
 * `YYYY-MM-DD HH:MM:SS`). NAB timestamps carry no zone; we read them as UTC so that the 2014 US
 * daylight-saving change shows up as duplicate rows (which we drop) instead of a shifted hour.
 */
import { parseCsvSeries } from '../../src/cli/csv';

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

const DAY_MS = 86_400_000;

/**
 * Whole days to add so the last sample lands just before `nowMs` (at least `marginMs` before it).
 * Whole days keep time-of-day; callers wanting weekday alignment pass `unitMs` = one week.
 */
export function shiftToEndBefore(lastMs: number, nowMs: number, marginMs = 60_000, unitMs = DAY_MS): number {
  return Math.floor((nowMs - marginMs - lastMs) / unitMs) * unitMs;
}
