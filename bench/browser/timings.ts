/**
 * From what the page and the driver recorded to the benchmark's figures, on the page's clock (ms
 * since navigation). t_data is the end of the last response of the training fetch that arrived
 * before the first forecast was shown (before the query ended, or the visit's end, when none was).
 * The training fetch is told apart from the panel's display-range query by its step, the query's
 * training step; when no request has it, every range query before the first forecast counts.
 */
import type { ProbeData } from './probe';
import type { RangeQuery } from './rangeQueries';

export interface VisitTimings {
  /** Page clock (ms since navigation) of each event; absent when it did not happen. */
  tDataMs?: number;
  tFirstMs?: number;
  tAllMs?: number;
  tDoneMs?: number;
  /** The same events from t_data (commit of the panel's data), and the first paint after t_first. */
  firstAfterDataMs?: number;
  firstPaintAfterDataMs?: number;
  allAfterDataMs?: number;
  doneAfterDataMs?: number;
  /** State of the panel's data at the end of the visit, and the most series with a forecast seen. */
  finalState: string;
  maxForecastSeries: number;
  backends: string[];
  computes: string[];
  errors: string[];
  /** Range queries of the visit: all, those of the training fetch, those after the first forecast. */
  rangeQueries: number;
  trainingQueries: number;
  rangeQueriesAfterFirst: number;
  rangeBytes: number;
  /** The largest gap between the driver's and the page's end of the same response (clock check). */
  clockCheckMs?: number;
}

const FINAL = new Set(['Done', 'Error']);

const minus = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a - b;

const maxOf = (xs: number[]) => (xs.length > 0 ? Math.max(...xs) : undefined);

/** Driver and page clocks agree to a few ms when idle; more than this apart is another request. */
const SAME_REQUEST_MS = 1000;

type OnPage = RangeQuery & { endMs: number; driverMinusPageMs?: number };

/**
 * The driver-seen queries on the page's clock: each takes the end of the Resource Timing entry
 * nearest in time (pairs matched greedily, one entry per query), so t_data is when the page had the
 * data; a query without an entry keeps the driver's own time.
 */
function onPageClock(queries: RangeQuery[], probe: ProbeData): OnPage[] {
  const driverEnds = queries.map((q) => q.endedAtMs - probe.timeOrigin);
  const pairs = driverEnds
    .flatMap((d, qi) => probe.resources.map((r, ri) => ({ qi, ri, gap: Math.abs(r.endMs - d) })))
    .filter((p) => p.gap <= SAME_REQUEST_MS)
    .sort((a, b) => a.gap - b.gap);
  const pageEnd = new Map<number, number>();
  const usedEntries = new Set<number>();
  for (const p of pairs) {
    if (!pageEnd.has(p.qi) && !usedEntries.has(p.ri)) {
      pageEnd.set(p.qi, probe.resources[p.ri].endMs);
      usedEntries.add(p.ri);
    }
  }
  return queries.map((q, i) => {
    const page = pageEnd.get(i);
    return page === undefined
      ? { ...q, endMs: driverEnds[i] }
      : { ...q, endMs: page, driverMinusPageMs: driverEnds[i] - page };
  });
}

export function visitTimings(
  probe: ProbeData,
  queries: RangeQuery[],
  expectedSeries: number,
  trainingStepS: number
): VisitTimings {
  const changes = probe.changes;
  const first = changes.find((c) => c.forecastSeries > 0);
  const all = changes.find((c) => c.forecastSeries >= expectedSeries);
  const done = changes.find((c) => FINAL.has(c.state));
  const horizon = first?.atMs ?? done?.atMs ?? Number.POSITIVE_INFINITY;
  const onPage = onPageClock(queries, probe);
  const training = onPage.filter((q) => Math.abs(q.stepS - trainingStepS) < 1e-6);
  const candidates = (training.length > 0 ? training : onPage).filter((q) => q.endMs <= horizon);
  const tDataMs = maxOf(candidates.map((q) => q.endMs));
  const last = changes[changes.length - 1];
  const uniq = (xs: string[]) => Array.from(new Set(xs));
  return {
    tDataMs,
    tFirstMs: first?.atMs,
    tAllMs: all?.atMs,
    tDoneMs: done?.atMs,
    firstAfterDataMs: minus(first?.atMs, tDataMs),
    firstPaintAfterDataMs: minus(first?.paintMs, tDataMs),
    allAfterDataMs: minus(all?.atMs, tDataMs),
    doneAfterDataMs: minus(done?.atMs, tDataMs),
    finalState: last?.state ?? 'NotStarted',
    maxForecastSeries: Math.max(0, ...changes.map((c) => c.forecastSeries)),
    backends: uniq(changes.flatMap((c) => c.backends)),
    computes: uniq(changes.flatMap((c) => c.computes)),
    errors: uniq(changes.flatMap((c) => c.errors)),
    rangeQueries: onPage.length,
    trainingQueries: training.length,
    rangeQueriesAfterFirst: first ? onPage.filter((q) => q.endMs > first.atMs).length : 0,
    rangeBytes: onPage.reduce((s, q) => s + q.bytes, 0),
    clockCheckMs: maxOf(
      onPage.flatMap((q) => (q.driverMinusPageMs === undefined ? [] : [Math.abs(q.driverMinusPageMs)]))
    ),
  };
}
