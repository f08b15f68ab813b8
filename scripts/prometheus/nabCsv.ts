/**
 * Reads series in the Numenta Anomaly Benchmark CSV format (`timestamp,value`, naive timestamps
 * `YYYY-MM-DD HH:MM:SS`). NAB timestamps carry no zone; we read them as UTC so that the 2014 US
 * daylight-saving change shows up as duplicate rows (which we drop) instead of a shifted hour.
 */

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

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseNabTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return Number.isFinite(t) ? t : undefined;
}

/** Parses, sorts by time and drops duplicate timestamps (keeping the first row in file order). */
export function parseNabCsv(text: string): ParsedSeries {
  const lines = text.split(/\r?\n/);
  const seen = new Set<number>();
  const samples: Sample[] = [];
  let duplicates = 0;
  let invalid = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || (i === 0 && /^timestamp\s*,/i.test(line))) {
      continue;
    }
    const comma = line.indexOf(',');
    const t = comma > 0 ? parseNabTimestamp(line.slice(0, comma)) : undefined;
    const v = comma > 0 ? Number(line.slice(comma + 1)) : NaN;
    if (t === undefined || !Number.isFinite(v) || line.slice(comma + 1).trim() === '') {
      invalid++;
      continue;
    }
    if (seen.has(t)) {
      duplicates++;
      continue;
    }
    seen.add(t);
    samples.push({ t, v });
  }
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
