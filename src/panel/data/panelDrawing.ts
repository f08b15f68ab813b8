/**
 * What the panel draws for one response and one set of options: the series kept (at most
 * `maxSeries`), the chart frames (Foresight's styled lines, then plain frames of other data sources),
 * the action markers, where "now" and the origins go, and the legends. The costly half of the
 * view-model, kept apart so the component recomputes it only when the response or the options
 * change, never on a resize or a toggle. Pure: no React, no DOM.
 */
import { type DataFrame, FieldColorModeId, FieldType, type GrafanaTheme2 } from '@grafana/data';
import type { TimeZone, VizLegendOptions } from '@grafana/schema';
import type { ForesightPanelOptions } from '../types';
import { type ActionMarker, buildActionMarkers, type MarkerKind } from './actionMarkers';
import { buildChartModel, type ChartModel, seriesColor } from './chartFrames';
import { drawnSeries } from './drawnSeries';
import { timeMarks, type TimeMarks } from './origin';
import type { ParsedPanelData } from '../../contract/decode';
import type { ForecastSeries } from '../../contract/types';

export interface MarkerStyle {
  glyph: string;
  color: string;
}

export interface PanelDrawing {
  parsed: ParsedPanelData;
  options: ForesightPanelOptions;
  /** The forecast series drawn: `maxSeries` of them, those with a scale action first, then the largest (`drawnSeries.ts`). */
  forecasts: ForecastSeries[];
  /** Names of the forecast series not drawn (over `maxSeries`). */
  leftOut: string[];
  /** Forecast and plain series together, before the limit. */
  totalSeries: number;
  chart: ChartModel;
  /** Foresight frames, then plain frames (coloured from the palette after the forecasts). */
  chartFrames: DataFrame[];
  markers: ActionMarker[];
  marks: TimeMarks;
  /**
   * The legend for wide and for narrow panels, each built once: uPlot rebuilds its whole config
   * when the legend object changes, so a re-render must hand over the same object.
   */
  legends: { wide: VizLegendOptions; narrow: VizLegendOptions };
  /** Glyph and colour per action kind, for the predictions table. */
  markerStyle: Record<MarkerKind, MarkerStyle>;
  nowColor: string;
}

export interface DrawingEnv {
  theme: GrafanaTheme2;
  timeZone?: TimeZone;
  /** "now" when the data source gave no clock: the time of the first render. */
  renderNowMs: number;
}

/** Plain frames keep their own config; give colourless ones a palette colour so lines differ. */
export function colourPlainFrames(frames: DataFrame[], theme: GrafanaTheme2, offset: number): DataFrame[] {
  let n = offset;
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      if (field.type !== FieldType.number || field.config.color) {
        return field;
      }
      const color = seriesColor(theme, n++);
      return { ...field, config: { ...field.config, color: { mode: FieldColorModeId.Fixed, fixedColor: color } } };
    }),
  }));
}

function markerStyles(theme: GrafanaTheme2, options: ForesightPanelOptions): Record<MarkerKind, MarkerStyle> {
  const color = (name: string) => theme.visualization.getColorByName(name);
  return {
    up: { glyph: '▲', color: color(options.colors.scaleUp) },
    down: { glyph: '▼', color: color(options.colors.scaleDown) },
    retire: { glyph: '✕', color: color(options.colors.retire) },
  };
}

export function buildPanelDrawing(
  parsed: ParsedPanelData,
  options: ForesightPanelOptions,
  env: DrawingEnv
): PanelDrawing {
  const { theme, timeZone, renderNowMs } = env;
  const limit = options.maxSeries;
  const { drawn: forecasts, left } = drawnSeries(parsed.forecasts, parsed.actions, limit);
  const plainFrames = colourPlainFrames(
    parsed.plain.slice(0, Math.max(0, limit - forecasts.length)),
    theme,
    forecasts.length
  );
  const chart = buildChartModel(forecasts, options, theme);
  return {
    parsed,
    options,
    forecasts,
    leftOut: left,
    totalSeries: parsed.forecasts.length + parsed.plain.length,
    chart,
    chartFrames: [...chart.frames, ...plainFrames],
    markers: options.showActions ? buildActionMarkers(parsed.actions, forecasts, options.colors, theme, timeZone) : [],
    marks: timeMarks(forecasts, renderNowMs),
    // A narrow panel lists the legend without values (they stay in the tooltip), so every entry —
    // replicas and capacity included — fits instead of scrolling out of sight.
    legends: { wide: options.legend, narrow: { ...options.legend, calcs: [] } },
    markerStyle: markerStyles(theme, options),
    nowColor: theme.visualization.getColorByName(options.colors.now),
  };
}
