/**
 * The reader side of the frame contract (the writer is ./encode.ts): sorts the frames a query
 * returned into what the panel draws: Foresight forecast series, scale actions, training progress,
 * and plain time series from any other data source. Never throws: what it cannot use it reports in
 * `problems`, and frame notices go to `notices` for the visible warning line.
 */
import { type DataFrame, FieldType } from '@grafana/data';
import { decodeActionsFrame, decodeForecastFrame } from './decodeSeries';
import type { ForesightFrameMeta } from './frames';
import { foresightMeta } from './frameValues';
import { nameKey, renameReferences } from './separateQueries';
import type { DecodedAction, ForecastSeries, FrameNotice, TrainProgress } from './types';

export { toTimeMs } from './frameValues';

/** Everything `decodeFrames` read from one response. */
export interface ParsedPanelData {
  forecasts: ForecastSeries[];
  /** Every actions frame's rows, sorted by time; `series` is empty when the frame did not say. */
  actions: DecodedAction[];
  progress?: TrainProgress;
  /** Frames from other data sources (or non-Foresight frames) with a time field and numbers. */
  plain: DataFrame[];
  /** Human-readable notes on what could not be used: shown as "partial results". */
  problems: string[];
  /**
   * Frame notices (`meta.notices`, any frame) and warnings of non-forecast Foresight frames, with the
   * name of the frame they came from: they go to the visible warning line.
   */
  notices: FrameNotice[];
}

function isPlainTimeSeries(frame: DataFrame): boolean {
  return frame.fields.some((f) => f.type === FieldType.time) && frame.fields.some((f) => f.type === FieldType.number);
}

function frameNotices(frame: DataFrame, meta: ForesightFrameMeta['foresight'] | undefined): FrameNotice[] {
  // An actions frame's notices concern its whole query (encodeActions), not a series named "scale actions".
  const source = meta?.kind === 'actions' ? undefined : (meta?.seriesName ?? frame.name);
  const out: FrameNotice[] = [];
  for (const notice of frame.meta?.notices ?? []) {
    if (notice && typeof notice.text === 'string' && notice.text.trim() !== '') {
      const severity = notice.severity === 'error' || notice.severity === 'info' ? notice.severity : 'warning';
      out.push({ text: notice.text, source, severity, refId: frame.refId });
    }
  }
  // Forecast frames' warnings travel with their series (ForecastSeries.warnings); others land here.
  if (meta && meta.kind !== 'forecast' && Array.isArray(meta.warnings)) {
    for (const w of meta.warnings) {
      if (typeof w === 'string' && w.trim() !== '') {
        out.push({ text: w, source: meta.seriesName, severity: 'warning', refId: frame.refId });
      }
    }
  }
  return out;
}

/**
 * Scale actions and notices name their series as the data source did; where the user gave the series a
 * display name (Standard options → Display name, an override), they are renamed with it, so each still
 * finds its series (before, a display name dropped every action marker without a word).
 */
function followDisplayNames(result: ParsedPanelData): void {
  const renamed = new Map<string, string>();
  for (const s of result.forecasts) {
    if (s.sourceName !== undefined) {
      renamed.set(nameKey(s.refId, s.sourceName), s.name);
    }
  }
  if (renamed.size > 0) {
    const { actions, notices } = renameReferences(
      result.actions,
      result.notices,
      (refId, name) => renamed.get(nameKey(refId, name)) ?? name
    );
    result.actions = actions;
    result.notices = notices;
  }
}

export function decodeFrames(series: DataFrame[] | undefined | null): ParsedPanelData {
  const result: ParsedPanelData = { forecasts: [], actions: [], plain: [], problems: [], notices: [] };
  (series ?? []).forEach((frame, index) => {
    if (!frame || !Array.isArray(frame.fields)) {
      result.problems.push(`Result ${index + 1} is not a data frame; skipped.`);
      return;
    }
    const meta = foresightMeta(frame);
    result.notices.push(...frameNotices(frame, meta));
    if (meta?.progress) {
      result.progress = meta.progress;
    }
    switch (meta?.kind) {
      case 'forecast': {
        const decoded = decodeForecastFrame(frame, index, result.problems);
        if (decoded) {
          result.forecasts.push(decoded);
        }
        return;
      }
      case 'actions':
        result.actions.push(...decodeActionsFrame(frame, result.problems));
        return;
      case 'progress':
        return;
      default:
        if (isPlainTimeSeries(frame)) {
          result.plain.push(frame);
        } else if (frame.length > 0) {
          result.problems.push(`Result "${frame.name ?? index + 1}" is not a time series; skipped.`);
        }
    }
  });
  result.actions.sort((a, b) => a.timeMs - b.timeMs);
  followDisplayNames(result);
  return result;
}
