import { decodeFrames } from './decode';
import { encodeQueryResult } from './encode';
import { panelSeriesKey } from './separateQueries';
import { DEFAULT_ACTIONS, makeReport, sampleSeries, STEP, T0 } from './testing/samples';
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

describe('several queries in one panel', () => {
  it('keys each series by its query: two label-less sums are two series, not one', () => {
    const parsed = decodeFrames([
      ...encodeQueryResult(query('A', 'requests', '{}')),
      ...encodeQueryResult(query('B', 'errors', '{}')),
    ]);
    expect(parsed.forecasts.map((s) => s.key)).toEqual([panelSeriesKey('A', '{}'), panelSeriesKey('B', '{}')]);
    // Names that differ stay as the data source wrote them.
    expect(parsed.forecasts.map((s) => s.name)).toEqual(['requests', 'errors']);
  });

  it("names apart two queries' series that share a legend, and keeps each query's actions with its own series", () => {
    const parsed = decodeFrames([
      ...encodeQueryResult(query('A', 'req/s', '{}')),
      ...encodeQueryResult(query('B', 'req/s', '{}', true)),
    ]);
    expect(parsed.forecasts.map((s) => s.name)).toEqual(['req/s (A)', 'req/s (B)']);
    expect(new Set(parsed.actions.map((a) => a.series))).toEqual(new Set(['req/s (B)']));
    expect(parsed.actions.map((a) => a.timeMs)).toEqual(DEFAULT_ACTIONS.map((a) => a.timeMs));
    // The warning line names the series the same way.
    expect(parsed.notices.map((n) => n.source)).toEqual(['req/s (A)', 'req/s (B)']);
  });

  it('leaves one query alone, and reads an action row that gives its series by key', () => {
    const one = query('A', 'req/s', '{job="api"}');
    one.actions = [{ timeMs: T0 + STEP, action: 'up', from: 1, to: 2, reason: 'r', series: '{job="api"}' }];
    const parsed = decodeFrames(encodeQueryResult(one));
    expect(parsed.forecasts.map((s) => s.name)).toEqual(['req/s']);
    expect(parsed.actions.map((a) => a.series)).toEqual(['req/s']);
  });

  it("keeps a query's own notices (what Prometheus said) unattributed to any series", () => {
    const parsed = decodeFrames([
      ...encodeQueryResult(query('A', 'req/s', '{}'), ['Prometheus (query A): partial response: store B is down']),
      ...encodeQueryResult(query('B', 'req/s', '{}')),
    ]);
    expect(parsed.notices).toContainEqual({
      text: 'Prometheus (query A): partial response: store B is down',
      source: undefined,
      severity: 'warning',
    });
  });
});
