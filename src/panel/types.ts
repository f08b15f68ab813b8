import type { VizLegendOptions, VizTooltipOptions } from '@grafana/schema';

/** Which prediction intervals the chart shades. */
export type BandChoice = 'both' | '80' | '95' | 'none';
/** Where the recommended-replicas axis goes; `hidden` keeps the step line but drops its axis. */
export type ReplicaAxisPlacement = 'right' | 'left' | 'hidden';
/** When the x axis runs past the dashboard's "to" to the end of the forecast. */
export type ExtendToHorizon = 'auto' | 'always' | 'never';
/** What the panel body shows under the header toggles. */
export type PanelView = 'chart' | 'table';

/** Colours the user can pick in the editor; any Grafana colour name or CSS colour. */
export interface ForesightColors {
  replicas: string;
  scaleUp: string;
  scaleDown: string;
  retire: string;
  now: string;
  thresholds: string;
}

/** Options of the Foresight forecast panel. Bump `OPTIONS_VERSION` in migrations.ts when this shape changes. */
export interface ForesightPanelOptions {
  /** Shape version, written by the migration handler. */
  optionsVersion: number;
  bands: BandChoice;
  /** Opacity of the 80 % band in percent; the 95 % band uses half of it. */
  bandOpacity: number;
  /**
   * Draw past the dashboard's "to" into the forecast: `auto` only when the range ends at now (a
   * past range keeps its exact x axis), `always`, or `never` (the x axis is the dashboard range).
   */
  extendToHorizon: ExtendToHorizon;
  showNowMarker: boolean;
  showThresholds: boolean;
  showReplicas: boolean;
  replicaAxis: ReplicaAxisPlacement;
  showActions: boolean;
  /** Initial view; viewers can flip it with the header toggle without saving the dashboard. */
  view: PanelView;
  showModelCard: boolean;
  /** Above this many forecast series the panel draws the first ones and says so. */
  maxSeries: number;
  colors: ForesightColors;
  legend: VizLegendOptions;
  /** The chart's tooltip, as in Grafana's time-series panel (one entry per series, not per line). */
  tooltip: VizTooltipOptions;
}
