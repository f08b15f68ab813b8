import { useMemo, useState } from 'react';
import { LoadingState } from '@grafana/data';
import type { ParsedPanelData } from './parseFrames';

export interface ShownData {
  parsed: ParsedPanelData;
  /** True when some forecast on screen is a previous one, kept while a new one trains. */
  stale: boolean;
}

/** A response that may still be followed by a forecast (training, or a transient error). */
export function isPending(state: LoadingState | undefined): boolean {
  return state === LoadingState.Loading || state === LoadingState.Streaming || state === LoadingState.Error;
}

/**
 * Pure core of `useLastGood`. While a response is pending, series that have no new forecast yet
 * keep their previous one (the data source streams series one by one); new ones replace old ones.
 */
export function chooseShown(
  parsed: ParsedPanelData,
  state: LoadingState | undefined,
  last: ParsedPanelData | undefined
): ShownData {
  if (!last || !isPending(state)) {
    return { parsed, stale: false };
  }
  const fresh = new Set(parsed.forecasts.map((s) => s.key));
  const kept = last.forecasts.filter((s) => !fresh.has(s.key));
  if (kept.length === 0) {
    return { parsed, stale: false };
  }
  return {
    parsed: {
      ...parsed,
      forecasts: [...parsed.forecasts, ...kept],
      actions: parsed.actions.length > 0 ? parsed.actions : last.actions,
      plain: parsed.plain.length > 0 ? parsed.plain : last.plain,
    },
    stale: true,
  };
}

/**
 * Remembers the last final response that had forecasts and keeps it on screen while a new request
 * streams progress (or fails), so the chart does not blank out during minutes of training.
 */
export function useLastGood(parsed: ParsedPanelData, state: LoadingState | undefined): ShownData {
  const [last, setLast] = useState<ParsedPanelData | undefined>(undefined);
  if (!isPending(state) && parsed.forecasts.length > 0 && parsed !== last) {
    // Adjusting state while rendering (React's documented pattern for "remember the previous prop").
    setLast(parsed);
  }
  return useMemo(() => chooseShown(parsed, state, last), [parsed, state, last]);
}
