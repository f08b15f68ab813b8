/**
 * Reads a NAB CSV (`timestamp,value`, naive local times such as `2014-07-01 00:30:00`) into a raw
 * series. Times are read as UTC: only spacing and time of day matter to the replay. Bad rows are
 * skipped and counted, never fatal; regularising (gaps, duplicates, odd minutes) is the engine's
 * `prepareSeries`.
 */
import { readFileSync } from 'fs';
import type { RawSeries } from '../../src/engine/api';

export interface NabSeries extends RawSeries {
  skippedRows: number;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseNabCsv(text: string): NabSeries {
  const times: number[] = [];
  const values: Array<number | null> = [];
  let skippedRows = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || (i === 0 && /^timestamp\s*,/i.test(line))) {
      continue;
    }
    const [ts, raw] = line.split(',');
    const m = TIMESTAMP.exec(ts?.trim() ?? '');
    const value = Number(raw);
    if (!m || raw === undefined || raw.trim() === '' || !Number.isFinite(value)) {
      skippedRows++;
      continue;
    }
    const [, y, mo, d, h, mi, s] = m;
    times.push(Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0));
    values.push(value);
  }
  return { times, values, skippedRows };
}

export function readNabCsv(path: string): NabSeries {
  return parseNabCsv(readFileSync(path, 'utf8'));
}
