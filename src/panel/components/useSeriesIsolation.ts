/**
 * Legend clicks show or hide whole series (`../data/seriesIsolation.ts`). The panel answers the
 * legend itself, through the panel context the legend reads: Grafana's own answer writes field
 * overrides that match the query's fields by name, and the chart draws fields the panel built
 * (forecast, bands, replicas), which those overrides never reach.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DataFrame } from '@grafana/data';
import type { PanelContext } from '@grafana/ui';
import type { ActionMarker } from '../data/actionMarkers';
import type { ChartField } from '../data/chartFrames';
import {
  type LegendClickMode,
  type ShownSeries,
  hideSeries,
  keepShown,
  nextShown,
  seriesKeys,
  shownMarkers,
} from '../data/seriesIsolation';

/** Called with the one series left on show by a legend click, so the model card can follow it. */
export type OnIsolate = (seriesKey: string) => void;

export interface SeriesIsolation {
  frames: DataFrame[];
  markers: ActionMarker[];
  /** The panel context with the legend's click answered here. */
  context: PanelContext;
  /** How many series are hidden (0: all shown). */
  hidden: number;
}

export function useSeriesIsolation(
  context: PanelContext,
  frames: DataFrame[],
  roles: Map<string, ChartField>,
  markers: ActionMarker[],
  onIsolate?: OnIsolate
): SeriesIsolation {
  const [chosen, setChosen] = useState<ShownSeries>(undefined);
  const keys = useMemo(() => seriesKeys(roles), [roles]);
  // A series that left the data (a refresh without it) is no longer chosen.
  const shown = useMemo(() => keepShown(chosen, keys), [chosen, keys]);
  // The latest callback, read at click time: the panel makes a new one at every render.
  const isolated = useRef(onIsolate);
  useLayoutEffect(() => {
    isolated.current = onIsolate;
  });
  const onToggleSeriesVisibility = useCallback(
    (label: string, mode: LegendClickMode) => {
      const key = roles.get(label)?.seriesKey;
      if (key === undefined) {
        return;
      }
      const next = nextShown(shown, key, mode, keys);
      setChosen(next);
      // The card's headline and figures should be about a series that is on show.
      if (next?.size === 1) {
        isolated.current?.([...next][0]);
      }
    },
    [roles, keys, shown]
  );
  const isolatedFrames = useMemo(() => hideSeries(frames, roles, shown), [frames, roles, shown]);
  const isolatedMarkers = useMemo(() => shownMarkers(markers, roles, shown), [markers, roles, shown]);
  const isolatedContext = useMemo(
    () => ({
      ...context,
      onToggleSeriesVisibility: onToggleSeriesVisibility as PanelContext['onToggleSeriesVisibility'],
    }),
    [context, onToggleSeriesVisibility]
  );
  return {
    frames: isolatedFrames,
    markers: isolatedMarkers,
    context: isolatedContext,
    hidden: shown ? keys.length - shown.size : 0,
  };
}
