import { useMemo } from 'react';
import { panelSeriesKey } from '../../contract/separateQueries';
import { renderHook } from '@testing-library/react';
import { LoadingState, type DataQueryRequest, type PanelData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { makeActionsFrame, makeForecastFrame, makeProgressFrame, DEFAULT_ACTIONS } from '../testing/fixtures';
import { decodeFrames, type ParsedPanelData } from '../../contract/decode';
import { encodeQueryResult } from '../../contract/encode';
import { sampleSeries } from '../../contract/testing/samples';
import { type LastGood, chooseShown, nextLastGood, queryIdentity, useLastGood } from './useLastGood';

/** The panel's key of a series of query A. */
const inA = (key: string) => panelSeriesKey('A', key);

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
    expect(shown.parsed.forecasts.map((s) => s.key)).toEqual([inA('ka'), inA('kb')]);
    expect(shown.parsed.progress?.fraction).toBe(0.2);
    expect(shown.parsed.actions).toBe(lastParsed.actions);
  });

  it("keeps another query's series and scale actions while a refresh has answered only the first query", () => {
    const answer = (refId: string, base: number) =>
      encodeQueryResult({
        refId,
        series: [sampleSeries({ refId, name: 'req/s', key: '{}', base })],
        actions: DEFAULT_ACTIONS.map((a) => ({ ...a, series: 'req/s' })),
        errors: [],
      });
    const before = { parsed: decodeFrames([...answer('A', 100), ...answer('B', 200)]), query: QUERY_A };
    const fresh = decodeFrames(answer('A', 120));
    const shown = chooseShown(fresh, LoadingState.Streaming, before, QUERY_A);
    expect(shown.parsed.forecasts.map((s) => s.refId)).toEqual(['A', 'B']);
    expect(shown.parsed.actions.filter((a) => a.refId === 'A')).toEqual(fresh.actions);
    expect(shown.parsed.actions.filter((a) => a.refId === 'B')).toEqual(
      before.parsed.actions.filter((a) => a.refId === 'B')
    );
    // B answering first keeps A ahead of it, so lines and warning sentences do not swap for a moment.
    const bFirst = chooseShown(decodeFrames(answer('B', 220)), LoadingState.Streaming, before, QUERY_A);
    expect(bFirst.parsed.forecasts.map((s) => s.refId)).toEqual(['A', 'B']);
  });

  it('replaces series one by one as their new forecasts stream in, in the order they were on screen', () => {
    const fresh = decodeFrames([makeForecastFrame({ name: 'b', key: 'kb', base: 500 })]);
    const shown = chooseShown(fresh, LoadingState.Streaming, last);
    expect(shown.parsed.forecasts.map((s) => s.key)).toEqual([inA('ka'), inA('kb')]);
    expect(shown.parsed.forecasts[1]).toBe(fresh.forecasts[0]);
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

describe('nextLastGood', () => {
  const progress = () => decodeFrames([makeProgressFrame({ phase: 'train', fraction: 0.1 })]);
  /** What the hook remembers after showing `parsed`, as it runs the two in turn. */
  const remember = (parsed: ParsedPanelData, state: LoadingState, from: LastGood | undefined, query?: string) =>
    nextLastGood(parsed, state, from, query, chooseShown(parsed, state, from, query));

  it('remembers an interim answer: a time-range change during the first training keeps its quick forecasts', () => {
    const first = remember(
      decodeFrames([makeForecastFrame({ name: 'a', key: 'ka' })]),
      LoadingState.Streaming,
      undefined,
      QUERY_A
    );
    expect(first?.parsed.forecasts.map((s) => s.key)).toEqual([inA('ka')]);
    // The new range's request streams progress before its first quick forecast.
    const shown = chooseShown(progress(), LoadingState.Streaming, first, QUERY_A);
    expect(shown.parsed.forecasts.map((s) => s.key)).toEqual([inA('ka')]);
    expect(shown.stale).toBe(true);
  });

  it('remembers what was on screen, not only the latest response', () => {
    const onlyB = decodeFrames([makeForecastFrame({ name: 'b', key: 'kb', base: 500 })]);
    const next = remember(onlyB, LoadingState.Streaming, last, QUERY_A);
    expect(next?.parsed.forecasts.map((s) => s.key)).toEqual([inA('ka'), inA('kb')]);
    expect(next?.parsed.forecasts[1]).toBe(onlyB.forecasts[0]);
  });

  it('keeps the last while only progress streams, and remembers each response once', () => {
    const p = progress();
    const next = remember(p, LoadingState.Streaming, last, QUERY_A);
    expect(next?.from).toBe(p);
    expect(remember(p, LoadingState.Streaming, next, QUERY_A)).toBe(next);
  });

  it("keeps an edit's error apart from the last answer that its Loading response carried over", () => {
    // Grafana's Loading response holds the last result's frames (re-processed: new objects) with the
    // edited query's request; they are still the old query's answer.
    const carried = decodeFrames([
      makeForecastFrame({ name: 'a', key: 'ka' }),
      makeForecastFrame({ name: 'b', key: 'kb' }),
      makeActionsFrame(DEFAULT_ACTIONS),
    ]);
    const loading = remember(carried, LoadingState.Loading, last, QUERY_B);
    expect(loading).toBe(last);
    expect(chooseShown(decodeFrames([]), LoadingState.Error, loading, QUERY_B).parsed.forecasts).toEqual([]);
    // the same query's refresh still keeps its forecast through a transient error
    expect(chooseShown(decodeFrames([]), LoadingState.Error, loading, QUERY_A).parsed.forecasts).toHaveLength(2);
  });

  it('forgets after a final answer with nothing to draw, and keeps the last through an error', () => {
    const none = decodeFrames([]);
    expect(remember(none, LoadingState.Done, last, QUERY_A)).toBe(undefined);
    expect(remember(none, LoadingState.Error, last, QUERY_B)).toBe(last);
  });
});

describe('useLastGood', () => {
  it('a first visit: the quick forecasts stay on the chart when the time range changes before the model is done', () => {
    const targets = [{ refId: 'A', expr: 'sum(rate(http_requests_total[5m]))' } as DataQuery];
    const request = (requestId: string) => ({ requestId, targets }) as unknown as DataQueryRequest;
    const quickFrames = [makeForecastFrame({ name: 'a', key: 'ka' })];
    const progressFrames = [makeProgressFrame({ phase: 'prepare', fraction: 0.1 })];
    const data = (state: LoadingState, series: PanelData['series'], requestId: string) => ({
      state,
      series,
      request: request(requestId),
    });
    const { result, rerender } = renderHook(
      // Decoded once per response, as the panel does (useMemo on data.series).
      ({ frames, d }: { frames: PanelData['series']; d: ReturnType<typeof data> }) =>
        useLastGood(
          useMemo(() => decodeFrames(frames), [frames]),
          d
        ),
      { initialProps: { frames: quickFrames, d: data(LoadingState.Streaming, quickFrames, 'r1') } }
    );
    expect(result.current.parsed.forecasts.map((s) => s.key)).toEqual([inA('ka')]);
    // The range changed: a new request, the same question, and only progress so far.
    rerender({ frames: progressFrames, d: data(LoadingState.Streaming, progressFrames, 'r2') });
    expect(result.current.parsed.forecasts.map((s) => s.key)).toEqual([inA('ka')]);
    expect(result.current.stale).toBe(true);
  });
});
