import { LoadingState } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { makeActionsFrame, makeForecastFrame, makeProgressFrame, DEFAULT_ACTIONS } from '../testing/fixtures';
import { decodeFrames } from '../../contract/decode';
import { chooseShown, queryIdentity } from './useLastGood';

const lastParsed = decodeFrames([
  makeForecastFrame({ name: 'a', key: 'ka' }),
  makeForecastFrame({ name: 'b', key: 'kb' }),
  makeActionsFrame(DEFAULT_ACTIONS),
]);
const QUERY_A = queryIdentity(
  { targets: [{ refId: 'A', expr: 'sum(rate(http_requests_total[5m]))' } as DataQuery] },
  []
);
const QUERY_B = queryIdentity({ targets: [{ refId: 'A', expr: 'sum(rate(http_errors_total[5m]))' } as DataQuery] }, []);
const last = { parsed: lastParsed, query: QUERY_A };

describe('chooseShown', () => {
  it('shows a final response as it is', () => {
    const fresh = decodeFrames([]);
    expect(chooseShown(fresh, LoadingState.Done, last)).toEqual({ parsed: fresh, stale: false });
  });

  it('keeps the previous forecasts while only progress streams', () => {
    const fresh = decodeFrames([makeProgressFrame({ phase: 'train', fraction: 0.2 })]);
    const shown = chooseShown(fresh, LoadingState.Streaming, last);
    expect(shown.stale).toBe(true);
    expect(shown.parsed.forecasts.map((s) => s.key)).toEqual(['ka', 'kb']);
    expect(shown.parsed.progress?.fraction).toBe(0.2);
    expect(shown.parsed.actions).toBe(lastParsed.actions);
  });

  it('replaces series one by one as their new forecasts stream in', () => {
    const fresh = decodeFrames([makeForecastFrame({ name: 'b', key: 'kb', base: 500 })]);
    const shown = chooseShown(fresh, LoadingState.Streaming, last);
    expect(shown.parsed.forecasts.map((s) => s.key)).toEqual(['kb', 'ka']);
    expect(shown.parsed.forecasts[0]).toBe(fresh.forecasts[0]);
  });

  it('keeps the previous forecast when the new request fails', () => {
    const shown = chooseShown(decodeFrames([]), LoadingState.Error, last, QUERY_A);
    expect(shown.stale).toBe(true);
    expect(shown.parsed.forecasts).toHaveLength(2);
  });

  it("never shows another query's forecast under an error: after an edit the error stands alone", () => {
    expect(QUERY_A).not.toEqual(QUERY_B);
    const failed = decodeFrames([]);
    const shown = chooseShown(failed, LoadingState.Error, last, QUERY_B);
    expect(shown).toEqual({ parsed: failed, stale: false });
    const training = decodeFrames([makeProgressFrame({ phase: 'train', fraction: 0.1 })]);
    expect(chooseShown(training, LoadingState.Streaming, last, QUERY_B).parsed.forecasts).toEqual([]);
  });

  it('identifies the question, not UI state: hiding keys, key order and datasource do not change it', () => {
    const a = queryIdentity(
      { targets: [{ refId: 'A', expr: 'x', key: 'Q-1', datasource: { uid: 'f' } } as DataQuery] },
      []
    );
    const b = queryIdentity({ targets: [{ expr: 'x', refId: 'A' } as DataQuery] }, []);
    expect(a).toBe(b);
    const frames = [{ refId: 'A', fields: [], length: 0, meta: { executedQueryString: 'up' } }];
    expect(queryIdentity(undefined, frames)).not.toBe(
      queryIdentity(undefined, [{ ...frames[0], meta: { executedQueryString: 'down' } }])
    );
    expect(queryIdentity(undefined, [])).toBeUndefined();
  });
});
