/**
 * Reading time series from CSV files (the NAB data, `--csv` in the CLI, the bench and the playground's
 * backfill). Node only (`fs`): the plugin bundle never imports it.
 */
import { readFileSync, readdirSync, statSync } from 'fs';
import { basename, join } from 'path';
import { formatDuration } from '../common/duration';

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

/** Header names read as the time column and the value column, in any order and any case. */
const TIME_NAMES = new Set(['timestamp', 'time', 'ts', 'date', 'datetime']);
const VALUE_NAMES = new Set(['value', 'y', 'v']);

/** One field: trimmed, surrounding double quotes removed (`"2014-04-10 00:04:00"`). */
function field(cell: string | undefined): string {
  const t = (cell ?? '').trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/**
 * Which columns hold the time and the value. With a header the names decide (`value,timestamp`
 * works too); two unnamed columns are time then value; more columns need both names, since
 * guessing would forecast a label or an id.
 */
function columns(header: string[] | undefined): { time: number; value: number } {
  if (!header) {
    return { time: 0, value: 1 };
  }
  const names = header.map((h) => field(h).toLowerCase());
  const time = names.findIndex((n) => TIME_NAMES.has(n));
  const value = names.findIndex((n) => VALUE_NAMES.has(n));
  if (time >= 0 && value >= 0) {
    return { time, value };
  }
  if (names.length === 1) {
    throw new Error(
      `CSV header \`${header.join(',')}\` is one column; separate the fields with commas: \`timestamp,value\`.`
    );
  }
  if (names.length === 2) {
    return time === 1 || value === 0 ? { time: 1, value: 0 } : { time: 0, value: 1 };
  }
  throw new Error(
    `CSV header \`${header.join(',')}\` has ${names.length} columns; name the time column \`timestamp\` and the value column \`value\`.`
  );
}

/**
 * Reads a NAB-style CSV (`timestamp,value`). Timestamps may be naive local date-times
 * (`2014-07-01 00:30:00`, read as UTC so no daylight-saving shifts are invented), ISO strings with
 * a zone, or epoch seconds / milliseconds. Unparseable rows become gaps, never crashes; a value
 * column with no number at all is refused, naming the column and a sample.
 */
export function parseCsvSeries(text: string): CsvSeries {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) {
    throw new Error('CSV is empty.');
  }
  const first = lines[0].toLowerCase();
  const hasHeader = /[a-z]/.test(first) && !/^"?\d/.test(first);
  const col = columns(hasHeader ? lines[0].split(',') : undefined);
  const times: number[] = [];
  const values: Array<number | null> = [];
  let badRows = 0;
  let sample: string | undefined;
  let badTime: string | undefined;
  const width = hasHeader ? lines[0].split(',').length : undefined;
  for (let i = hasHeader ? 1 : 0; i < lines.length; i++) {
    const cells = lines[i].split(',');
    if (width !== undefined && cells.length > width) {
      throw new Error(
        `CSV row ${i + 1} has ${cells.length} fields but the header has ${width} (a comma inside a value? decimals take a dot).`
      );
    }
    const cell = field(cells[col.time]);
    if (AMBIGUOUS_DATE.test(cell)) {
      // Read as month/day by Date.parse: 14/04/2014 was skipped and 04/05/2014 became April 5, so
      // two weeks of data became eleven months of filler without an error.
      throw new Error(
        `CSV row ${i + 1}: "${cell}" could be day/month or month/day; write timestamps as 2014-04-05 23:55:00 (ISO 8601) or epoch seconds.`
      );
    }
    const t = parseTimestamp(cell);
    if (t === undefined) {
      badRows++;
      badTime ??= cell;
      continue;
    }
    const raw = field(cells[col.value]);
    const v = Number(raw);
    const ok = raw !== '' && Number.isFinite(v);
    sample ??= raw !== '' && !ok ? raw : undefined;
    times.push(t);
    values.push(ok ? v : null);
  }
  if (times.length === 0) {
    throw new Error(
      badTime === undefined
        ? 'CSV has a header and no rows.'
        : `CSV has no row with a readable timestamp in column ${col.time + 1} (e.g. "${printable(badTime)}"); ` +
            'write timestamps as 2014-04-05 23:55:00 (ISO 8601) or epoch seconds.'
    );
  }
  if (values.every((v) => v === null)) {
    throw new Error(
      sample === undefined
        ? `CSV has no value in column ${col.value + 1}: every row's value is empty.`
        : `CSV has no numeric value in column ${col.value + 1} (e.g. "${printable(sample)}"); values are plain numbers with a dot for decimals.`
    );
  }
  checkSpan(times);
  return { times, values, badRows };
}

/** A cell quoted in an error: control and binary bytes shown as "?", at most 40 characters (`--csv /bin/ls`). */
function printable(cell: string): string {
  const text = cell.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Dates like 04/05/2014 or 4.5.14: day and month cannot be told apart. */
const AMBIGUOUS_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;

/** Past this share of the span without rows, a series is mostly filler: most likely a stray timestamp. */
const MAX_EMPTY_SHARE = 0.9;

/**
 * Refuses a series whose rows cover less than a tenth of its time span (a row dated a year early
 * turned 1,501 rows into 106,620 grid points, nearly all filled in), naming the widest gap.
 */
function checkSpan(times: number[]): void {
  if (times.length < 3) {
    return;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]);
  const positive = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  const step = positive[Math.floor(positive.length / 2)] ?? 0;
  const span = sorted[sorted.length - 1] - sorted[0];
  if (!(step > 0) || span / step + 1 <= sorted.length / (1 - MAX_EMPTY_SHARE)) {
    return;
  }
  const widest = gaps.indexOf(Math.max(...gaps));
  const iso = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);
  throw new Error(
    `CSV rows are ${formatDuration(step)} apart but span ${formatDuration(span)}: more than ${MAX_EMPTY_SHARE * 100} % of that has no row. ` +
      `The widest gap is ${formatDuration(gaps[widest])}, from ${iso(sorted[widest])} to ${iso(sorted[widest + 1])} UTC; a stray or mistyped timestamp?`
  );
}

/**
 * Epoch numbers by magnitude: seconds below 1e11 (until the year 5138), then milliseconds, then
 * microseconds (1e14) and nanoseconds (1e17), which exporters such as InfluxDB and OpenTelemetry
 * write. Read as milliseconds, microseconds made 5-minute data "300000 s apart". Scientific notation
 * (`1.39708824e+09`, a spreadsheet's export) is a number too.
 */
const EPOCH_NUMBER = /^\d+(\.\d+)?([eE][+]?\d+)?$/;
// Divided, not multiplied by 1e-3: a power of ten's reciprocal is inexact, and the product was off
// by fractions of a millisecond.
const EPOCH_UNITS: Array<{ below: number; toMs: (n: number) => number }> = [
  { below: 1e11, toMs: (n) => n * 1000 },
  { below: 1e14, toMs: (n) => n },
  { below: 1e17, toMs: (n) => n / 1e3 },
  { below: Infinity, toMs: (n) => n / 1e6 },
];

export function parseTimestamp(s: string): number | undefined {
  if (EPOCH_NUMBER.test(s)) {
    const n = Number(s);
    if (!Number.isFinite(n)) {
      return undefined;
    }
    return EPOCH_UNITS.find((u) => n < u.below)!.toMs(n);
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
  try {
    return { name: basename(path).replace(/\.csv$/i, ''), ...parseCsvSeries(text) };
  } catch (e) {
    // Which file, when one of a folder of them is wrong (pretrain reads dozens).
    throw new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
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
