/**
 * Reading time series from CSV files (the NAB data, `--csv` in the CLI, the bench and the playground's
 * backfill). Node only (`fs`): the plugin bundle never imports it.
 */
import { readFileSync, readdirSync, statSync } from 'fs';
import { basename, join } from 'path';

/**
 * A series as read from a CSV: sample times (ms) and values, `null` where a value was unreadable.
 * The same shape as the engine's `RawSeries`, written out here because io sits below the engine.
 */
export interface CsvSeries {
  times: number[];
  values: Array<number | null>;
  /** Rows skipped because their timestamp could not be read. */
  badRows: number;
}

/**
 * Reads a NAB-style CSV (`timestamp,value`). Timestamps may be naive local date-times
 * (`2014-07-01 00:30:00`, read as UTC so no daylight-saving shifts are invented), ISO strings with
 * a zone, or epoch seconds / milliseconds. Unparseable rows become gaps, never crashes.
 */
export function parseCsvSeries(text: string): CsvSeries {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) {
    throw new Error('CSV is empty.');
  }
  const header = lines[0].toLowerCase();
  const start = /[a-z]/.test(header) && !/^\d/.test(header) ? 1 : 0;
  const times: number[] = [];
  const values: Array<number | null> = [];
  let badRows = 0;
  for (let i = start; i < lines.length; i++) {
    const [ts, val] = lines[i].split(',');
    const t = parseTimestamp(ts?.trim() ?? '');
    if (t === undefined) {
      badRows++;
      continue;
    }
    const v = Number(val?.trim());
    times.push(t);
    values.push(val !== undefined && val.trim() !== '' && Number.isFinite(v) ? v : null);
  }
  if (times.length === 0) {
    throw new Error('CSV has no rows with a readable timestamp (expected header `timestamp,value`).');
  }
  return { times, values, badRows };
}

export function parseTimestamp(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n < 1e11 ? n * 1000 : n;
  }
  const naive = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/.exec(s);
  const t = Date.parse(naive ? `${naive[1]}T${naive[2]}Z` : s);
  return Number.isFinite(t) ? t : undefined;
}

export function readCsvSeries(path: string): CsvSeries & { name: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { name: basename(path).replace(/\.csv$/i, ''), ...parseCsvSeries(text) };
}

/** Every `.csv` under `dir` (recursive, sorted), as paths; a clear error when `dir` does not exist. */
export function listCsvFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new Error(`No such directory of CSV series: ${dir} (${e instanceof Error ? e.message : String(e)})`);
  }
  const out: string[] = [];
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      out.push(...listCsvFiles(p));
    } else if (name.toLowerCase().endsWith('.csv')) {
      out.push(p);
    }
  }
  return out;
}
