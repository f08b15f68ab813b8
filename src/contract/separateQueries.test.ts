import type { DataFrame } from '@grafana/data';
import { decodeFrames } from './decode';
import { encodeQueryResult } from './encode';
import { panelSeriesKey, separateQueries } from './separateQueries';
import { DEFAULT_ACTIONS, makeReport, sampleSeries } from './testing/samples';
import type { QueryResult } from './types';

/** One query's answer as the data source writes it: one series, and its actions. */
function query(refId: string, name: string, key: string, actions = false): QueryResult {
  return {
    refId,
    series: [sampleSeries({ refId, name, key, report: makeReport({ warning: 'The LSTM lost.' }) })],
    actions: actions ? DEFAULT_ACTIONS.map((a) => ({ ...a, series: name })) : [],
    errors: [],
  };
}

/** What the panel shows of an answer: decoded, then named apart across its queries. */
const shown = (frames: DataFrame[]) => separateQueries(decodeFrames(frames));

describe('several queries in one panel', () => {
  it('keys each series by its query: two label-less sums are two series, not one', () => {
    const parsed = shown([
      ...encodeQueryResult(query('A', 'requests', '{}')),
      ...encodeQueryResult(query('B', 'errors', '{}')),
    ]);
    expect(parsed.forecasts.map((s) => s.key)).toEqual([panelSeriesKey('A', '{}'), panelSeriesKey('B', '{}')]);
    // Names that differ stay as the data source wrote them.
    expect(parsed.forecasts.map((s) => s.name)).toEqual(['requests', 'errors']);
  });

  it("names apart two queries' series that share a legend, and keeps each query's actions with its own series", () => {
    const parsed = shown([
      ...encodeQueryResult(query('A', 'req/s', '{}')),
      ...encodeQueryResult(query('B', 'req/s', '{}', true)),
    ]);
    expect(parsed.forecasts.map((s) => s.name)).toEqual(['req/s (A)', 'req/s (B)']);
    expect(new Set(parsed.actions.map((a) => a.series))).toEqual(new Set(['req/s (B)']));
    expect(parsed.actions.map((a) => a.timeMs)).toEqual(DEFAULT_ACTIONS.map((a) => a.timeMs));
    // The warning line names the series the same way.
    expect(parsed.notices.map((n) => n.source)).toEqual(['req/s (A)', 'req/s (B)']);
  });

  it('leaves series alone when no two queries share a name', () => {
    const decoded = decodeFrames([
      ...encodeQueryResult(query('A', 'requests', '{}', true)),
      ...encodeQueryResult(query('B', 'errors', '{}')),
    ]);
    expect(separateQueries(decoded)).toBe(decoded);
  });

  it("keeps a query's letter while a refresh has answered it and still shows the other query's last series", () => {
    // What useLastGood shows then: A's new series beside B's kept one (kept as decoded, before naming).
    const previous = decodeFrames([
      ...encodeQueryResult(query('A', 'req/s', '{}')),
      ...encodeQueryResult(query('B', 'req/s', '{}')),
    ]);
    const fresh = decodeFrames(encodeQueryResult(query('A', 'req/s', '{}', true)));
    const merged = { ...fresh, forecasts: [...fresh.forecasts, previous.forecasts[1]] };
    const names = separateQueries(merged).forecasts.map((s) => s.name);
    expect(names).toEqual(['req/s (A)', 'req/s (B)']);
    expect(new Set(separateQueries(merged).actions.map((a) => a.series))).toEqual(new Set(['req/s (A)']));
  });

  it("keeps a query's own notices (what Prometheus said) unattributed to any series", () => {
    const parsed = shown([
      ...encodeQueryResult(query('A', 'req/s', '{}'), ['Prometheus (query A): partial response: store B is down']),
      ...encodeQueryResult(query('B', 'req/s', '{}')),
    ]);
    expect(parsed.notices).toContainEqual({
      text: 'Prometheus (query A): partial response: store B is down',
      source: undefined,
      severity: 'warning',
      refId: 'A',
    });
  });
});
