/**
 * Which series the chart shows after legend clicks, as on Grafana's own time-series panel: a click
 * shows only the clicked series (again: all of them), ctrl/cmd-click adds or removes it. Grafana
 * does this per line; here a click on any line of a series (its actual values, forecast, capacity or
 * replicas) shows or hides the whole series with its bands and scale-action markers, because a
 * forecast without its actual values, or a marker without its series, reads as another series.
 * Pure: the chart keeps the state.
 */
import type { DataFrame } from '@grafana/data';
import type { ChartField } from './chartFrames';
import type { ActionMarker } from './actionMarkers';

/** Grafana's legend click modes (`SeriesVisibilityChangeMode`, not exported by @grafana/ui). */
export type LegendClickMode = 'select' | 'append';

/** The series keys shown; undefined shows every series. */
export type ShownSeries = ReadonlySet<string> | undefined;

/** The shown series after a click on `key` (one of `all`, the keys on the chart, in their order). */
export function nextShown(shown: ShownSeries, key: string, mode: LegendClickMode, all: readonly string[]): ShownSeries {
  if (!all.includes(key)) {
    return shown;
  }
  if (mode === 'select') {
    // Clicking the one series shown brings every series back.
    return shown?.size === 1 && shown.has(key) ? undefined : new Set([key]);
  }
  const next = new Set(shown ?? all);
  if (next.has(key)) {
    next.delete(key);
  } else {
    next.add(key);
  }
  return next.size === 0 || all.every((k) => next.has(k)) ? undefined : next;
}

/** The shown keys that are still on the chart after new data; undefined when none is. */
export function keepShown(shown: ShownSeries, all: readonly string[]): ShownSeries {
  if (!shown) {
    return undefined;
  }
  const kept = all.filter((k) => shown.has(k));
  return kept.length === 0 || kept.length === all.length ? undefined : new Set(kept);
}

/**
 * The frames with every line of a hidden series left out of the plot and the tooltip; its legend
 * entries stay, greyed by the legend, so a click can bring it back. New frames: the input is kept.
 */
export function hideSeries(frames: DataFrame[], roles: Map<string, ChartField>, shown: ShownSeries): DataFrame[] {
  if (!shown) {
    return frames;
  }
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      const role = roles.get(field.name);
      if (!role || shown.has(role.seriesKey)) {
        return field;
      }
      const custom = field.config.custom ?? {};
      const hideFrom = { legend: false, ...custom.hideFrom, viz: true, tooltip: true };
      return { ...field, config: { ...field.config, custom: { ...custom, hideFrom } } };
    }),
  }));
}

/** The markers of the shown series (a marker names its series; one without a name stays). */
export function shownMarkers(
  markers: ActionMarker[],
  roles: Map<string, ChartField>,
  shown: ShownSeries
): ActionMarker[] {
  if (!shown) {
    return markers;
  }
  const hiddenNames = new Set([...roles.values()].filter((r) => !shown.has(r.seriesKey)).map((r) => r.seriesName));
  return markers.filter((m) => m.seriesName === undefined || !hiddenNames.has(m.seriesName));
}

/** The series keys on the chart, in drawing order. */
export function seriesKeys(roles: Map<string, ChartField>): string[] {
  return [...new Set([...roles.values()].map((r) => r.seriesKey))];
}
