/**
 * Merges the per-chunk results of a chunked fetch into one series per label set, sorted by time,
 * with no duplicate timestamps (a sample returned by two chunks is kept once: the first seen).
 */
import type { PromSeries } from './types';

/** Stable key of a label set: labels sorted by name, so `{a,b}` and `{b,a}` are the same series. */
export function labelsKey(labels: Record<string, string>): string {
  const names = Object.keys(labels).sort();
  return '{' + names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(',') + '}';
}

export function mergeSeries(parts: PromSeries[]): PromSeries[] {
  const byKey = new Map<
    string,
    { labels: Record<string, string>; name?: string; points: Map<number, number | null>; nonFinite: Set<number> }
  >();
  for (const part of parts) {
    const key = labelsKey(part.labels);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { labels: part.labels, name: part.name, points: new Map(), nonFinite: new Set() };
      byKey.set(key, entry);
    }
    const nonFinite = new Set(part.nonFiniteTimes ?? []);
    for (let i = 0; i < part.times.length; i++) {
      const t = part.times[i];
      if (!entry.points.has(t)) {
        entry.points.set(t, part.values[i]);
        // The NaN/±Inf flag goes with the sample kept, so a time two chunks both answered counts once.
        if (nonFinite.has(t)) {
          entry.nonFinite.add(t);
        }
      }
    }
  }
  return Array.from(byKey.values()).map((entry) => {
    const times = Array.from(entry.points.keys()).sort((a, b) => a - b);
    const series: PromSeries = { labels: entry.labels, times, values: times.map((t) => entry.points.get(t) ?? null) };
    if (entry.nonFinite.size > 0) {
      series.nonFiniteTimes = times.filter((t) => entry.nonFinite.has(t));
    }
    if (entry.name !== undefined) {
      series.name = entry.name;
    }
    return series;
  });
}
