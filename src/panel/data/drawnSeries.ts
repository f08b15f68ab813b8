/**
 * Which forecast series a panel draws when the query returns more than its "Maximum forecast
 * series": those with a scale action first, then the largest, kept in the query's order (so colours
 * and the legend do not shuffle). Why not the first by label: a cap of 10 over 11 model versions hid
 * the second busiest one, and a cap of 3 dropped a version with a pending retire.
 */
import type { DecodedAction, ForecastSeries } from '../../contract/types';
import { actionBelongsTo } from './actionMarkers';

export interface DrawnSeries {
  drawn: ForecastSeries[];
  /** Names of the series left out, in the query's order. */
  left: string[];
}

/** The series' largest forecast value, or -Infinity without one. */
function peak(s: ForecastSeries): number {
  let most = -Infinity;
  for (let i = 0; i < s.forecast.length; i++) {
    const v = s.forecast[i];
    if (v !== null && Number.isFinite(v) && v > most) {
      most = v;
    }
  }
  return most;
}

export function drawnSeries(forecasts: ForecastSeries[], actions: DecodedAction[], limit: number): DrawnSeries {
  if (forecasts.length <= limit) {
    return { drawn: forecasts, left: [] };
  }
  const acts = (s: ForecastSeries) => actions.some((a) => a.action !== 'hold' && actionBelongsTo(a, s));
  const ranked = forecasts
    .map((s, i) => ({ i, acts: acts(s), peak: peak(s) }))
    .sort((a, b) => Number(b.acts) - Number(a.acts) || b.peak - a.peak || a.i - b.i);
  const keep = new Set(ranked.slice(0, limit).map((r) => r.i));
  return {
    drawn: forecasts.filter((_, i) => keep.has(i)),
    left: forecasts.filter((_, i) => !keep.has(i)).map((s) => s.name),
  };
}
