/**
 * Several Foresight queries in one panel (A, B, …) each key and name their series on their own: two
 * label-less sums (`sum(rate(requests[5m]))`, `sum(rate(errors[5m]))`) both have the key `{}`, and
 * two queries with the same legend give their series the same name. The panel tells series apart by
 * key (colours, the model card's picker, the series kept on screen while a refresh runs) and by name
 * (scale actions, the warning line), so a shared key drew both series in one colour, kept only one of
 * them through a refresh, and a shared name gave each series the other's scale actions. So `decode`
 * keys each series with its query's refId (`panelSeriesKey`), and `separateQueries` gives a name that
 * two queries share the query's letter, as Grafana labels the query rows ("req/s (A)", "req/s (B)").
 *
 * The naming runs on what the panel shows, after the last answer's series are kept beside a new
 * answer's (`useLastGood`): while a refresh has answered query A and not yet B, A's series must keep
 * its "(A)" although the new answer alone has no second "req/s".
 */
import type { DecodedAction, ForecastSeries, FrameNotice } from './types';

/** The key of a series within the panel: unique across the panel's queries. */
export function panelSeriesKey(refId: string | undefined, seriesKey: string): string {
  return refId ? `${refId}\u0000${seriesKey}` : seriesKey;
}

/** A series' name within its query, as a map key. */
export const nameKey = (refId: string | undefined, name: string) => `${refId ?? ''}\u0000${name}`;

type Renamer = (refId: string | undefined, name: string) => string;

/** Scale actions and notices with the series they name renamed (those for every series keep none). */
export function renameReferences(
  actions: DecodedAction[],
  notices: FrameNotice[],
  rename: Renamer
): { actions: DecodedAction[]; notices: FrameNotice[] } {
  return {
    actions: actions.map((a) => (a.series === '' ? a : { ...a, series: rename(a.refId, a.series) })),
    notices: notices.map((n) => (n.source === undefined ? n : { ...n, source: rename(n.refId, n.source) })),
  };
}

/**
 * New names for series whose name another query's series also has: `name (refId)`. Series of one
 * query never share a name here (the data source names them apart, `uniqueDisplayNames`).
 */
function renames(forecasts: ForecastSeries[]): Map<string, string> {
  const queriesByName = new Map<string, Set<string>>();
  for (const s of forecasts) {
    const set = queriesByName.get(s.name) ?? new Set<string>();
    set.add(s.refId ?? '');
    queriesByName.set(s.name, set);
  }
  const out = new Map<string, string>();
  for (const s of forecasts) {
    if ((queriesByName.get(s.name)?.size ?? 0) > 1 && s.refId) {
      out.set(nameKey(s.refId, s.name), `${s.name} (${s.refId})`);
    }
  }
  return out;
}

/** The shown series, their actions and notices, with names unique across the panel's queries. */
export function separateQueries<
  T extends { forecasts: ForecastSeries[]; actions: DecodedAction[]; notices: FrameNotice[] },
>(shown: T): T {
  const renamed = renames(shown.forecasts);
  if (renamed.size === 0) {
    return shown;
  }
  const rename: Renamer = (refId, name) => renamed.get(nameKey(refId, name)) ?? name;
  return {
    ...shown,
    forecasts: shown.forecasts.map((s) => ({ ...s, name: rename(s.refId, s.name) })),
    ...renameReferences(shown.actions, shown.notices, rename),
  };
}
