/** The predictions table: one row per forecast step from t0 to the horizon ("actionable data"). */
import type { ActionRow, ForecastSeries } from '../../contract/types';
import { actionBelongsTo } from './actionMarkers';
import { nowIndex } from './chartFrames';

export interface PredictionRow {
  seriesName: string;
  timeMs: number;
  forecast: number | null;
  lower80: number | null;
  upper80: number | null;
  lower95: number | null;
  upper95: number | null;
  replicas: number | null;
  /** Actions that fall in this step: [time of this row, time of the next row). */
  actions: ActionRow[];
}

/** Rows after "now" that carry a forecast, per series, in time order. */
export function buildPredictionRows(series: ForecastSeries[], actions: ActionRow[]): PredictionRow[] {
  const rows: PredictionRow[] = [];
  for (const s of series) {
    const start = nowIndex(s) + 1;
    // Without a scaling policy there is no replica plan: no replica column values, no counts on actions.
    const planned = s.policy != null;
    const mine = actions.filter((a) => actionBelongsTo(a, s)).map((a) => (planned ? a : { ...a, from: NaN, to: NaN }));
    const steps: number[] = [];
    for (let i = start; i < s.times.length; i++) {
      if (s.forecast[i] != null) {
        steps.push(i);
      }
    }
    for (const [k, i] of steps.entries()) {
      const t = s.times[i];
      // Up to the next forecast step, not the next row: actual samples newer than the origin (a
      // re-plan's kept forecast) have rows of their own between the steps.
      const next = k + 1 < steps.length ? s.times[steps[k + 1]] : Infinity;
      // The first forecast row also collects actions planned between now and t0.
      const lower = i === start && s.lastSampleMs != null ? Math.min(t, s.lastSampleMs + 1) : t;
      rows.push({
        seriesName: s.name,
        timeMs: t,
        forecast: s.forecast[i],
        lower80: s.lower80[i],
        upper80: s.upper80[i],
        lower95: s.lower95[i],
        upper95: s.upper95[i],
        replicas: planned ? s.replicas[i] : null,
        actions: mine.filter((a) => a.action !== 'hold' && a.timeMs >= lower && a.timeMs < next),
      });
    }
  }
  return rows;
}
