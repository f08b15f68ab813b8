/**
 * How each kind of line on the forecast chart is drawn: one row per role (colour, width, dash,
 * fill, axis, legend, unit), and the one function that turns a row into uPlot's field config.
 * Pure: no React, no DOM. `chartFrames.ts` decides which lines a series gets and their values.
 */
import {
  type Field,
  type FieldConfig,
  FieldColorModeId,
  fieldColorModeRegistry,
  FieldType,
  type GrafanaTheme2,
} from '@grafana/data';
import {
  AxisPlacement,
  GraphDrawStyle,
  type GraphFieldConfig,
  LineInterpolation,
  VisibilityMode,
} from '@grafana/schema';
import type { SeriesColorScheme } from '../../contract/types';
import type { ForesightPanelOptions } from '../types';

/** What a drawn field stands for, so tooltips and markers can find a series' other lines. */
export type FieldRole =
  | 'actual'
  | 'forecast'
  | 'lower80'
  | 'upper80'
  | 'lower95'
  | 'upper95'
  | 'replicas'
  | 'capacity'
  | 'shortfall'
  | 'scaleUpLevel'
  | 'scaleDownLevel';

export const FORECAST_DASH = [10, 6];
const CAPACITY_DASH = [2, 4];
const CAPACITY_OVER_REPLICAS_DASH = [8, 5];

/**
 * Where a line's colour comes from: the series' palette colour, an option colour (`replicas` is the
 * series colour when several series share the chart, or their step lines blur), or a fixed name.
 */
type ColorSource = 'series' | 'replicas' | 'thresholds' | 'red';

/**
 * Legend and tooltip: `hidden` (bands: the shaded area speaks for itself), `byAxisLabel` (a lone
 * replicas line is named by its axis label instead of a second legend row that scrolls away),
 * `shown` (written out so it never inherits a hidden state), or Grafana's default when absent.
 */
type LegendRule = 'hidden' | 'byAxisLabel' | 'shown';

export interface LineStyle {
  /** Appended to the series name: the field's display name. */
  suffix: string;
  color: ColorSource;
  width: number;
  dash?: number[];
  /** Step line (replica counts change in steps), else linear. */
  step?: boolean;
  /** Shade down to another role's line, when that line is drawn too. */
  fill?: { to: FieldRole; opacity: 'band' | 'halfBand' | 'shortfall' };
  /** Its own axis (replica counts), placed by the `replicaAxis` option. */
  axis?: 'replicas';
  legend?: LegendRule;
  /** `metric`: the series' unit and decimals; `count`: whole numbers without a unit. */
  unit: 'metric' | 'count';
}

/**
 * One row per role. Names are reserved in this table's order for every series (whether drawn or
 * not), which keeps the "(2)" suffixes of same-named series stable.
 */
export const LINE_STYLES: Record<FieldRole, LineStyle> = {
  actual: { suffix: '', color: 'series', width: 1.5, unit: 'metric' },
  forecast: { suffix: ' forecast', color: 'series', width: 2, dash: FORECAST_DASH, unit: 'metric' },
  lower80: { suffix: ' lower 80%', color: 'series', width: 0, legend: 'hidden', unit: 'metric' },
  upper80: {
    suffix: ' upper 80%',
    color: 'series',
    width: 0,
    fill: { to: 'lower80', opacity: 'band' },
    legend: 'hidden',
    unit: 'metric',
  },
  lower95: { suffix: ' lower 95%', color: 'series', width: 0, legend: 'hidden', unit: 'metric' },
  upper95: {
    suffix: ' upper 95%',
    color: 'series',
    width: 0,
    fill: { to: 'lower95', opacity: 'halfBand' },
    legend: 'hidden',
    unit: 'metric',
  },
  replicas: {
    suffix: ' replicas',
    color: 'replicas',
    width: 2,
    step: true,
    axis: 'replicas',
    legend: 'byAxisLabel',
    unit: 'count',
  },
  // Drawn after (over) the replicas step line, wider and in long dashes, so it stays visible where
  // the two coincide: the replica line shows through the gaps.
  capacity: {
    suffix: ' capacity',
    color: 'thresholds',
    width: 2,
    step: true,
    dash: CAPACITY_OVER_REPLICAS_DASH,
    legend: 'shown',
    unit: 'metric',
  },
  shortfall: {
    suffix: ' capacity short (above max replicas)',
    color: 'red',
    width: 1,
    step: true,
    fill: { to: 'capacity', opacity: 'shortfall' },
    unit: 'metric',
  },
  scaleUpLevel: {
    suffix: ' scale-up level',
    color: 'thresholds',
    width: 1,
    step: true,
    dash: CAPACITY_DASH,
    unit: 'metric',
  },
  scaleDownLevel: {
    suffix: ' scale-down level',
    color: 'thresholds',
    width: 1,
    step: true,
    dash: CAPACITY_DASH,
    unit: 'metric',
  },
};

/** Drawing order: bands first (underneath), then lines; capacity over replicas, shortfall on top. */
export const DRAW_ORDER: FieldRole[] = [
  'upper95',
  'lower95',
  'upper80',
  'lower80',
  'actual',
  'forecast',
  'scaleUpLevel',
  'scaleDownLevel',
  'replicas',
  'capacity',
  'shortfall',
];

/** Opacity of the shortfall area above the capacity line, in percent. */
const SHORTFALL_OPACITY = 45;

const REPLICA_PLACEMENT: Record<ForesightPanelOptions['replicaAxis'], AxisPlacement> = {
  right: AxisPlacement.Right,
  left: AxisPlacement.Left,
  hidden: AxisPlacement.Hidden,
};

const HIDE_FROM: Record<LegendRule, GraphFieldConfig['hideFrom']> = {
  hidden: { legend: true, tooltip: true, viz: false },
  byAxisLabel: { legend: true, tooltip: false, viz: false },
  shown: { legend: false, tooltip: false, viz: false },
};

/** What a style row needs from outside: options, theme, and facts about the chart and the series. */
export interface StyleContext {
  options: ForesightPanelOptions;
  theme: GrafanaTheme2;
  seriesColor: string;
  seriesCount: number;
  unit?: string;
  decimals?: number;
  /** The value axis' fixed range (the panel's Standard options → Min / Max); not the replicas axis. */
  min?: number;
  max?: number;
  /** Is the role a fill shades down to drawn for this series? */
  drawn(role: FieldRole): boolean;
}

function resolve(theme: GrafanaTheme2, color: string): string {
  return theme.visualization.getColorByName(color);
}

/**
 * Does the panel colour series by this scheme? Only schemes that give a series one colour do: a
 * by-value scheme (gradients, thresholds) colours points of one line differently, which a forecast
 * drawn with its band, capacity and replicas in its series' colour cannot follow.
 */
export function colorsBySeries(scheme: SeriesColorScheme | undefined): boolean {
  const mode = scheme && fieldColorModeRegistry.getIfExists(scheme.mode);
  return !scheme || Boolean(mode && !mode.isByValue);
}

/**
 * Why a series' colour scheme cannot be followed, in words for the warning line (undefined when it
 * can): a by-value scheme (named as Grafana's picker names it), or a mode Grafana does not know.
 */
export function colorSchemeFallback(scheme: SeriesColorScheme | undefined): string | undefined {
  if (colorsBySeries(scheme)) {
    return undefined;
  }
  const mode = scheme && fieldColorModeRegistry.getIfExists(scheme.mode);
  const why = mode
    ? `Color scheme "${mode.name}" colours by value, and this panel draws each series (its forecast, band, capacity and replicas) in one colour`
    : `Color scheme "${scheme?.mode}" is not one Grafana knows`;
  return `${why}, so it uses the classic palette. Choose Single color, Shades of a color or a Classic palette.`;
}

/**
 * The colour of the series at `index`: the classic palette by order unless the user chose another
 * scheme that gives a series one colour (a single colour, its shades, the palette by series name),
 * computed as Grafana computes it.
 */
export function seriesColor(theme: GrafanaTheme2, index: number, scheme?: SeriesColorScheme, name = ''): string {
  const mode = scheme && colorsBySeries(scheme) ? fieldColorModeRegistry.get(scheme.mode) : undefined;
  if (!scheme || !mode || mode.id === FieldColorModeId.PaletteClassic) {
    const palette = theme.visualization.palette;
    return resolve(theme, palette[index % palette.length]);
  }
  const field: Field = {
    name,
    type: FieldType.number,
    values: [],
    config: { color: { mode: mode.id as FieldColorModeId, fixedColor: scheme.fixedColor } },
    state: { seriesIndex: index, displayName: name },
  };
  return resolve(theme, mode.getCalculator(field, theme)(0, 0));
}

export function lineColor(style: LineStyle, ctx: StyleContext): string {
  switch (style.color) {
    case 'series':
      return ctx.seriesColor;
    case 'replicas':
      return ctx.seriesCount > 1 ? ctx.seriesColor : resolve(ctx.theme, ctx.options.colors.replicas);
    case 'thresholds':
      return resolve(ctx.theme, ctx.options.colors.thresholds);
    case 'red':
      return resolve(ctx.theme, 'red');
  }
}

function fillOpacity(kind: 'band' | 'halfBand' | 'shortfall', options: ForesightPanelOptions): number {
  const band = Math.max(0, Math.min(100, options.bandOpacity));
  return kind === 'band' ? band : kind === 'halfBand' ? band / 2 : SHORTFALL_OPACITY;
}

/**
 * Grafana's legend puts right-axis entries in a second row that a panel of ordinary height scrolls
 * out of sight; a lone replicas line is named by its axis label ("replicas") and keeps its tooltip.
 * With several series each replicas line needs its entry.
 */
function legendRule(style: LineStyle, ctx: StyleContext): LegendRule | undefined {
  if (style.legend !== 'byAxisLabel') {
    return style.legend;
  }
  return ctx.seriesCount === 1 && ctx.options.replicaAxis !== 'hidden' ? 'byAxisLabel' : undefined;
}

/** uPlot's per-field config for a style row. Keys are added in one fixed order (see `structureRev`). */
export function graphConfig(style: LineStyle, names: Record<FieldRole, string>, ctx: StyleContext): GraphFieldConfig {
  const custom: GraphFieldConfig = {
    drawStyle: GraphDrawStyle.Line,
    lineInterpolation: style.step ? LineInterpolation.StepAfter : LineInterpolation.Linear,
    lineWidth: style.width,
    fillOpacity: 0,
    showPoints: VisibilityMode.Never,
    spanNulls: false,
    axisPlacement: style.axis ? REPLICA_PLACEMENT[ctx.options.replicaAxis] : AxisPlacement.Auto,
  };
  if (style.dash) {
    custom.lineStyle = { fill: 'dash', dash: style.dash };
  }
  if (style.fill) {
    const shaded = ctx.drawn(style.fill.to);
    custom.fillOpacity = shaded ? fillOpacity(style.fill.opacity, ctx.options) : 0;
    custom.fillBelowTo = shaded ? names[style.fill.to] : undefined;
  }
  if (style.axis) {
    custom.axisLabel = 'replicas';
    // Same scale for every series' replicas: they are all counts of pods.
    custom.axisSoftMin = 0;
  }
  const legend = legendRule(style, ctx);
  if (legend) {
    custom.hideFrom = HIDE_FROM[legend];
  }
  return custom;
}

/** The field config around `custom`: display name, fixed colour, unit. */
export function fieldConfig(style: LineStyle, name: string, color: string, ctx: StyleContext): FieldConfig {
  return {
    displayName: name,
    color: { mode: FieldColorModeId.Fixed, fixedColor: color },
    ...(style.unit === 'count'
      ? { unit: 'none', decimals: 0 }
      : { unit: ctx.unit, decimals: ctx.decimals, min: ctx.min, max: ctx.max }),
  };
}
