import { useMemo, useState } from 'react';
import { type DataFrame, LoadingState, type PanelData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { ParsedPanelData } from '../../contract/decode';
import type { DecodedAction } from '../../contract/types';

export interface ShownData {
  parsed: ParsedPanelData;
  /** True when some forecast on screen is a previous one, kept while a new one trains. */
  stale: boolean;
}

/** A response that may still be followed by a forecast (training, or a transient error). */
export function isPending(state: LoadingState | undefined): boolean {
  return state === LoadingState.Loading || state === LoadingState.Streaming || state === LoadingState.Error;
}

/** Keys that say nothing about which question was asked (UI state, not the query). */
const NOT_THE_QUESTION = new Set(['key', 'hide', 'datasource', 'queryType', 'editorMode']);

function stable(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stable).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => !NOT_THE_QUESTION.has(k) && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Which question a response answers: the request's queries (refId, expression, settings), else —
 * without a request — the frames' refIds and executed query strings. Undefined when nothing says.
 */
export function queryIdentity(request: { targets?: DataQuery[] } | undefined, frames: DataFrame[]): string | undefined {
  const targets = request?.targets?.filter((t) => !t.hide);
  if (targets && targets.length > 0) {
    return stable([...targets].sort((a, b) => (a.refId < b.refId ? -1 : a.refId > b.refId ? 1 : 0)));
  }
  const fromFrames = frames
    .map((f) => `${f.refId ?? ''}|${f.meta?.executedQueryString ?? ''}`)
    .filter((k) => k !== '|');
  return fromFrames.length ? stable(Array.from(new Set(fromFrames)).sort()) : undefined;
}

export interface LastGood {
  parsed: ParsedPanelData;
  /** queryIdentity of the response it came from. */
  query?: string;
  /** The response it was taken from (so one response is remembered once). */
  from?: ParsedPanelData;
}

/**
 * Pure core of `useLastGood`. While a response for the same query is pending, series that have no
 * new forecast yet keep their previous one (the data source streams series one by one); new ones
 * replace old ones. When the query changed (an edit), another query's forecast is never shown: the
 * new response (an error, progress) stands alone.
 */
/**
 * The last answer's actions of queries the new answer has nothing of yet: with several queries, a
 * refresh that has answered A keeps B's markers beside B's kept series.
 */
function otherQueries(actions: DecodedAction[], fresh: ParsedPanelData): DecodedAction[] {
  const answered = new Set([...fresh.forecasts.map((s) => s.refId), ...fresh.actions.map((a) => a.refId)]);
  return actions.filter((a) => !answered.has(a.refId));
}

export function chooseShown(
  parsed: ParsedPanelData,
  state: LoadingState | undefined,
  last: LastGood | undefined,
  query?: string
): ShownData {
  if (!last || !isPending(state)) {
    return { parsed, stale: false };
  }
  const sameQuery = last.query === undefined || query === undefined || last.query === query;
  if (!sameQuery) {
    return { parsed, stale: false };
  }
  const fresh = new Set(parsed.forecasts.map((s) => s.key));
  const kept = last.parsed.forecasts.filter((s) => !fresh.has(s.key));
  if (kept.length === 0) {
    return { parsed, stale: false };
  }
  // In the order they were on screen: when query B answers before A, B's lines, colours and warning
  // sentences must not jump ahead of A's until A answers too (seen on every 10 s refresh).
  const onScreen = new Map(last.parsed.forecasts.map((s, i) => [s.key, i]));
  const place = (key: string) => onScreen.get(key) ?? onScreen.size; // new ones after, in their order (stable sort)
  const forecasts = [...parsed.forecasts, ...kept].sort((a, b) => place(a.key) - place(b.key));
  return {
    parsed: {
      ...parsed,
      forecasts,
      actions:
        parsed.actions.length > 0
          ? [...parsed.actions, ...otherQueries(last.parsed.actions, parsed)]
          : last.parsed.actions,
      plain: parsed.plain.length > 0 ? parsed.plain : last.parsed.plain,
    },
    stale: true,
  };
}

/**
 * A Loading response that carries the last answer's frames (Grafana and the playground keep the
 * last result on screen while the next request loads, with field overrides applied again, so the
 * frames are new objects): every forecast the one already remembered, answered at the same clock.
 * Why it matters: filed under the new request's identity, the old forecast counted as the edited
 * query's own, and the edit's error was drawn over it ("showing the previous forecast").
 */
function carriesOver(parsed: ParsedPanelData, last: ParsedPanelData): boolean {
  if (parsed.forecasts.length === 0) {
    return false;
  }
  const answered = new Map(last.forecasts.map((s) => [s.key, s.clockMs]));
  return parsed.forecasts.every((s) => s.clockMs !== undefined && answered.get(s.key) === s.clockMs);
}

/**
 * What to remember after showing `shown` for a response: what is on screen whenever it has
 * forecasts, final or not, so the next request for the same question (a refresh, a time-range
 * change) starts from it; nothing after a final answer with nothing to draw; else the last.
 *
 * Why interim answers too: until 2026-12-05 only final ones were kept, so on a first visit a
 * time-range change during training took the quick forecasts off the chart and showed "Training
 * the first model…" until the new request's first quick forecast (about 4 s in the playground).
 * The merged view, not the response alone: an interim answer may hold only some series, and the
 * rest on screen came from the last one.
 */
export function nextLastGood(
  parsed: ParsedPanelData,
  state: LoadingState | undefined,
  last: LastGood | undefined,
  query: string | undefined,
  shown: ShownData
): LastGood | undefined {
  if (last?.from === parsed || (last && state === LoadingState.Loading && carriesOver(parsed, last.parsed))) {
    return last;
  }
  if (shown.parsed.forecasts.length > 0) {
    return { parsed: shown.parsed, query, from: parsed };
  }
  return isPending(state) ? last : undefined;
}

/**
 * Keeps what was last on screen while a new request for the same query streams progress (or
 * fails), so the chart does not blank out during minutes of training, nor when the time range
 * changes before the first model is done.
 */
export function useLastGood(parsed: ParsedPanelData, data: Pick<PanelData, 'state' | 'request' | 'series'>): ShownData {
  const [last, setLast] = useState<LastGood | undefined>(undefined);
  const query = useMemo(() => queryIdentity(data.request, data.series), [data.request, data.series]);
  const shown = useMemo(() => chooseShown(parsed, data.state, last, query), [parsed, data.state, last, query]);
  const next = nextLastGood(parsed, data.state, last, query, shown);
  if (next !== last) {
    // Adjusting state while rendering (React's documented pattern for "remember the previous prop").
    setLast(next);
  }
  return shown;
}
