import { useState } from 'react';
import { LoadingState } from '@grafana/data';
import type { ParsedPanelData } from './parseFrames';

export interface ShownData {
  parsed: ParsedPanelData;
  /** True when the forecast on screen is a previous one, kept while a new one trains. */
  stale: boolean;
}

/** A response that may still be followed by a forecast (training, or a transient error). */
export function isPending(state: LoadingState | undefined): boolean {
  return state === LoadingState.Loading || state === LoadingState.Streaming || state === LoadingState.Error;
}

/** Pure core of `useLastGood`: what to show given the fresh response and the last one with forecasts. */
export function chooseShown(
  parsed: ParsedPanelData,
  state: LoadingState | undefined,
  last: ParsedPanelData | undefined
): ShownData {
  if (parsed.forecasts.length > 0) {
    return { parsed, stale: false };
  }
  if (last && isPending(state)) {
    return { parsed: { ...last, progress: parsed.progress, problems: parsed.problems }, stale: true };
  }
  return { parsed, stale: false };
}

/**
 * Keeps the last response that had forecasts, and shows it while a new request streams progress
 * (or fails) without forecasts, so the chart does not blank out during minutes of training.
 */
export function useLastGood(parsed: ParsedPanelData, state: LoadingState | undefined): ShownData {
  const [last, setLast] = useState<ParsedPanelData | undefined>(undefined);
  if (parsed.forecasts.length > 0 && parsed !== last) {
    // Adjusting state while rendering (React's documented pattern for "remember the previous prop").
    setLast(parsed);
  }
  return chooseShown(parsed, state, last);
}
