/**
 * Several Foresight queries in one panel (A, B, …) each key and name their series on their own: two
 * label-less sums (`sum(rate(requests[5m]))`, `sum(rate(errors[5m]))`) both have the key `{}`, and
 * two queries with the same legend give their series the same name. The panel tells series apart by
 * key (colours, the model card's picker, the series kept on screen while a refresh runs) and by name
 * (scale actions, the warning line), so a shared key drew both series in one colour, kept only one of
 * them through a refresh, and a shared name gave each series the other's scale actions. Here keys
 * take their query's refId, and a name that two queries share takes it in brackets, as Grafana labels
 * the query rows ("req/s (A)", "req/s (B)").
 */
import type { ActionRow, ForecastSeries, FrameNotice } from './types';

/** A decoded row or notice with the refId of the frame it came from. */
export interface FromQuery<T> {
  refId?: string;
  item: T;
}

/** The key of a series within the panel: unique across the panel's queries. */
export function panelSeriesKey(refId: string | undefined, seriesKey: string): string {
  return refId ? `${refId}\u0000${seriesKey}` : seriesKey;
}

const nameKey = (refId: string | undefined, name: string) => `${refId ?? ''}\u0000${name}`;

/**
 * New names for series whose name another query's series also has: `name (refId)`. Series of one
 * query never share a name here (the data source names them apart, `uniqueDisplayNames`).
 */
function renames(forecasts: Array<FromQuery<ForecastSeries>>): Map<string, string> {
  const queriesByName = new Map<string, Set<string>>();
  for (const { refId, item } of forecasts) {
    const set = queriesByName.get(item.name) ?? new Set<string>();
    set.add(refId ?? '');
    queriesByName.set(item.name, set);
  }
  const out = new Map<string, string>();
  for (const { refId, item } of forecasts) {
    if ((queriesByName.get(item.name)?.size ?? 0) > 1 && refId) {
      out.set(nameKey(refId, item.name), `${item.name} (${refId})`);
    }
  }
  return out;
}

/** Forecasts, actions and notices of every query, with names unique across queries. */
export function separateQueries(parts: {
  forecasts: Array<FromQuery<ForecastSeries>>;
  actions: Array<FromQuery<ActionRow>>;
  notices: Array<FromQuery<FrameNotice>>;
}): { forecasts: ForecastSeries[]; actions: ActionRow[]; notices: FrameNotice[] } {
  const renamed = renames(parts.forecasts);
  const rename = (refId: string | undefined, name: string) => renamed.get(nameKey(refId, name)) ?? name;
  const forecasts = parts.forecasts.map(({ refId, item }) => ({ ...item, name: rename(refId, item.name) }));
  // An action row names its series; one from another producer may give the series' key instead.
  const names = new Set(parts.forecasts.map(({ refId, item }) => nameKey(refId, item.name)));
  const byKey = new Map(forecasts.map((s) => [s.key, s.name]));
  const seriesOf = (refId: string | undefined, series: string) =>
    names.has(nameKey(refId, series)) ? rename(refId, series) : (byKey.get(panelSeriesKey(refId, series)) ?? series);
  return {
    forecasts,
    actions: parts.actions.map(({ refId, item }) =>
      item.series === '' ? item : { ...item, series: seriesOf(refId, item.series) }
    ),
    notices: parts.notices.map(({ refId, item }) =>
      item.source === undefined ? item : { ...item, source: rename(refId, item.source) }
    ),
  };
}
