/**
 * One series' samples as both Prometheus readers hand them on (Grafana's frames in
 * `datasource/promFrames.ts`, the HTTP client's JSON in `httpClient.ts`), so the two cannot differ:
 * finite values as numbers, everything else as null, and the times of the NaN and ±Inf samples
 * kept apart in `nonFiniteTimes`.
 *
 * Why null and a list rather than the NaN itself: every consumer of a series' values (the advisor's
 * counter, repeat and retire checks, the reactive floor, the actuals drawn, JSON on the wire, which
 * writes NaN as null) reads "not a finite number" as "no sample", and keeps doing so. Why the list: a
 * NaN or ±Inf is a value the query computed (a ratio over zero), not a missed scrape, and the
 * engine's preparation says it in the warning line where it would let a few nulls pass
 * (`engine/prepare.ts`, `MATERIAL_SHARE`); times rather than a count so chunk merging, which keeps
 * one sample per time, keeps the flag of the sample it kept.
 */
import type { PromSeries } from './types';

/** Prometheus's spellings of the non-finite floats ("NaN", "+Inf", "-Inf"; Go also reads "Inf"). */
const NON_FINITE_TEXT = /^[+-]?(inf|infinity|nan)$/i;

/** A sample value as read: a finite number, a gap (null), or NaN/±Inf (a gap too, but one that is said). */
export function readSampleValue(raw: unknown): number | null | 'nonFinite' {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? raw : 'nonFinite';
  }
  if (typeof raw !== 'string') {
    return null;
  }
  const text = raw.trim();
  if (NON_FINITE_TEXT.test(text)) {
    return 'nonFinite';
  }
  // Text that is no number at all is not something Prometheus computed: a plain gap.
  const n = text === '' ? NaN : Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Collects one series' samples in time order; `series()` gives the reader's `PromSeries`. */
export class SampleCollector {
  private readonly times: number[] = [];
  private readonly values: Array<number | null> = [];
  private readonly nonFiniteTimes: number[] = [];

  add(timeMs: number, raw: unknown): void {
    const value = readSampleValue(raw);
    this.times.push(timeMs);
    if (value === 'nonFinite') {
      this.values.push(null);
      this.nonFiniteTimes.push(timeMs);
    } else {
      this.values.push(value);
    }
  }

  series(labels: Record<string, string>): PromSeries {
    const out: PromSeries = { labels, times: this.times, values: this.values };
    if (this.nonFiniteTimes.length > 0) {
      out.nonFiniteTimes = this.nonFiniteTimes;
    }
    return out;
  }
}
