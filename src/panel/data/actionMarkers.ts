/** Scale actions → markers on the chart (up / down / retire), with the text their tooltip shows. */
import type { GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { panelSeriesKey } from '../../contract/separateQueries';
import type { ActionKind, DecodedAction, ForecastSeries } from '../../contract/types';
import type { ForesightColors } from '../types';
import { formatTime } from './format';

export type MarkerKind = Exclude<ActionKind, 'hold'>;

export interface ActionMarker {
  id: string;
  kind: MarkerKind;
  timeMs: number;
  from: number;
  to: number;
  color: string;
  /** Short glyph drawn in the marker. */
  glyph: string;
  /** One line: "Scale up 3 → 5". */
  title: string;
  timeText: string;
  reason: string;
  seriesName?: string;
}

const GLYPH: Record<MarkerKind, string> = { up: '▲', down: '▼', retire: '✕' };
const TITLE: Record<MarkerKind, string> = { up: 'Scale up', down: 'Scale down', retire: 'Retire' };

function fromTo(from: number, to: number): string {
  const show = (n: number) => (Number.isFinite(n) ? String(n) : '?');
  return `${show(from)} → ${show(to)}`;
}

/**
 * Does this action row belong to this series? Rows without a series apply to every series. A row
 * names its series; one from another producer may give the series' key within its query instead.
 */
export function actionBelongsTo(row: DecodedAction, s: Pick<ForecastSeries, 'key' | 'name'>): boolean {
  return row.series === '' || row.series === s.name || panelSeriesKey(row.refId, row.series) === s.key;
}

/**
 * Markers for the actions of the drawn series. `hold` rows are not markers (nothing changes);
 * actions of series that are not drawn (too many series) are left out.
 */
export function buildActionMarkers(
  actions: DecodedAction[],
  series: Array<Pick<ForecastSeries, 'key' | 'name'> & Partial<Pick<ForecastSeries, 'policy'>>>,
  colors: ForesightColors,
  theme: GrafanaTheme2,
  timeZone?: TimeZone
): ActionMarker[] {
  const colorOf: Record<MarkerKind, string> = {
    up: theme.visualization.getColorByName(colors.scaleUp),
    down: theme.visualization.getColorByName(colors.scaleDown),
    retire: theme.visualization.getColorByName(colors.retire),
  };
  const markers: ActionMarker[] = [];
  actions.forEach((row, i) => {
    if (row.action === 'hold') {
      return;
    }
    const owner = series.find((s) => actionBelongsTo(row, s));
    if (series.length > 0 && !owner) {
      return;
    }
    const kind: MarkerKind = row.action;
    // Without a scaling policy there is no replica plan: a retire advice must not invent replica counts.
    // (A series that does not carry the `policy` key at all is taken as planned: nothing says otherwise.)
    const hasPlan = (s: (typeof series)[number]) => !('policy' in s) || s.policy != null;
    const planned = owner ? hasPlan(owner) : series.length === 0 || series.some(hasPlan);
    if (!planned && kind === 'retire') {
      markers.push({
        id: `${row.timeMs}-${i}`,
        kind,
        timeMs: row.timeMs,
        from: NaN,
        to: NaN,
        color: colorOf[kind],
        glyph: GLYPH[kind],
        title: TITLE[kind],
        timeText: formatTime(row.timeMs, timeZone),
        reason: row.reason || 'No reason given.',
        seriesName: series.length > 1 ? owner?.name : undefined,
      });
      return;
    }
    markers.push({
      id: `${row.timeMs}-${i}`,
      kind,
      timeMs: row.timeMs,
      from: row.from,
      to: row.to,
      color: colorOf[kind],
      glyph: GLYPH[kind],
      title:
        kind === 'retire'
          ? `${TITLE[kind]} (${fromTo(row.from, row.to)})`
          : `${TITLE[kind]} ${fromTo(row.from, row.to)}`,
      timeText: formatTime(row.timeMs, timeZone),
      reason: row.reason || 'No reason given.',
      seriesName: series.length > 1 ? owner?.name : undefined,
    });
  });
  return markers;
}
