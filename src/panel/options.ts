import { fieldReducers, type PanelOptionsEditorBuilder, ReducerID, type SelectableValue } from '@grafana/data';
import { LegendDisplayMode, SortOrder, TooltipDisplayMode } from '@grafana/schema';
import type { BandChoice, ExtendToHorizon, ForesightPanelOptions, PanelView, ReplicaAxisPlacement } from './types';

export const OPTIONS_VERSION = 4;

/**
 * The most forecast series one panel draws (each is up to seven uPlot lines: actual, forecast, four
 * band edges, replicas); the data source may send more (its "Series per query", default 100).
 */
export const MAX_DRAWN_SERIES = 50;

/** One choice of a radio option. */
export interface Choice<T> {
  value: T;
  label: string;
}

/**
 * The choices of each radio option, written once: the editor offers them, and the migration keeps a
 * stored value only if it is one of them (a choice added here is kept on load without a second edit).
 */
export const CHOICES: {
  bands: Array<Choice<BandChoice>>;
  extendToHorizon: Array<Choice<ExtendToHorizon>>;
  replicaAxis: Array<Choice<ReplicaAxisPlacement>>;
  view: Array<Choice<PanelView>>;
  tooltipMode: Array<Choice<TooltipDisplayMode>>;
  tooltipSort: Array<Choice<SortOrder>>;
} = {
  bands: [
    { value: 'both', label: '80 % + 95 %' },
    { value: '80', label: '80 %' },
    { value: '95', label: '95 %' },
    { value: 'none', label: 'None' },
  ],
  extendToHorizon: [
    { value: 'auto', label: 'Auto (range ends at now)' },
    { value: 'always', label: 'Always' },
    { value: 'never', label: 'Never' },
  ],
  replicaAxis: [
    { value: 'right', label: 'Right' },
    { value: 'left', label: 'Left' },
    { value: 'hidden', label: 'Hidden' },
  ],
  view: [
    { value: 'chart', label: 'Chart' },
    { value: 'table', label: 'Predictions table' },
  ],
  tooltipMode: [
    { value: TooltipDisplayMode.Single, label: 'Single' },
    { value: TooltipDisplayMode.Multi, label: 'All' },
    { value: TooltipDisplayMode.None, label: 'Hidden' },
  ],
  tooltipSort: [
    { value: SortOrder.None, label: 'None' },
    { value: SortOrder.Ascending, label: 'Ascending' },
    { value: SortOrder.Descending, label: 'Descending' },
  ],
};

/** Every option with its default. The editor, the migration handler and the tests all read this. */
export const DEFAULT_OPTIONS: ForesightPanelOptions = {
  optionsVersion: OPTIONS_VERSION,
  bands: 'both',
  bandOpacity: 20,
  extendToHorizon: 'auto',
  showNowMarker: true,
  showThresholds: true,
  showReplicas: true,
  replicaAxis: 'right',
  showActions: true,
  view: 'chart',
  showModelCard: true,
  maxSeries: 10,
  colors: {
    replicas: 'purple',
    scaleUp: 'orange',
    scaleDown: 'blue',
    retire: 'red',
    now: 'text',
    thresholds: 'red',
  },
  legend: {
    showLegend: true,
    displayMode: LegendDisplayMode.List,
    placement: 'bottom',
    calcs: [ReducerID.lastNotNull, ReducerID.max],
  },
  // Every series at the hovered time (Grafana's time-series panel defaults to one): a forecast is
  // read against its neighbours, and this was the panel's only tooltip before the option existed.
  tooltip: {
    mode: TooltipDisplayMode.Multi,
    sort: SortOrder.None,
    hideZeros: false,
    maxHeight: 600,
  },
};

const CHART = ['Forecast chart'];
const SCALING = ['Scaling'];
const VIEWS = ['Table and model card'];
const LEGEND = ['Legend'];
const TOOLTIP = ['Tooltip'];
const COLORS = ['Colours'];

type Builder = PanelOptionsEditorBuilder<ForesightPanelOptions>;
const d = DEFAULT_OPTIONS;

/** Panel editor: options grouped by category. Kept free of registry look-ups so it is testable. */
export function buildPanelOptions(builder: Builder): void {
  addChartOptions(builder);
  addScalingOptions(builder);
  addViewOptions(builder);
  addTooltipOptions(builder);
  addLegendOptions(builder);
  addColourOptions(builder);
}

/** Bands, x range, "now" marker, thresholds and the series limit. */
function addChartOptions(builder: Builder): void {
  builder
    .addRadio({
      path: 'bands',
      name: 'Prediction bands',
      description: 'Which prediction intervals to shade around the forecast.',
      category: CHART,
      defaultValue: d.bands,
      settings: {
        options: CHOICES.bands,
      },
    })
    .addSliderInput({
      path: 'bandOpacity',
      name: 'Band opacity',
      description: 'Fill opacity of the 80 % band; the 95 % band uses half.',
      category: CHART,
      defaultValue: d.bandOpacity,
      settings: { min: 0, max: 100, step: 5 },
      showIf: (o) => o.bands !== 'none',
    })
    .addRadio({
      path: 'extendToHorizon',
      name: 'Draw the forecast past "to"',
      description:
        'Extend the x axis past the end of the dashboard time range to the end of the forecast. ' +
        'Auto: only when the range ends at now; a range in the past keeps its exact x axis.',
      category: CHART,
      defaultValue: d.extendToHorizon,
      settings: {
        options: CHOICES.extendToHorizon,
      },
    })
    .addBooleanSwitch({
      path: 'showNowMarker',
      name: 'Show "now" marker',
      category: CHART,
      defaultValue: d.showNowMarker,
    })
    .addBooleanSwitch({
      path: 'showThresholds',
      name: 'Show policy thresholds',
      description: 'Horizontal lines at the scale policy thresholds.',
      category: CHART,
      defaultValue: d.showThresholds,
    })
    .addNumberInput({
      path: 'maxSeries',
      name: 'Maximum forecast series',
      description: 'Above this many series the panel draws the first ones and says so.',
      category: CHART,
      defaultValue: d.maxSeries,
      settings: { min: 1, max: MAX_DRAWN_SERIES, integer: true },
    });
}

/** Replicas, their axis and the scale-action markers. */
function addScalingOptions(builder: Builder): void {
  builder
    .addBooleanSwitch({
      path: 'showReplicas',
      name: 'Show recommended replicas',
      category: SCALING,
      defaultValue: d.showReplicas,
    })
    .addRadio({
      path: 'replicaAxis',
      name: 'Replica axis',
      category: SCALING,
      defaultValue: d.replicaAxis,
      settings: {
        options: CHOICES.replicaAxis,
      },
      showIf: (o) => o.showReplicas,
    })
    .addBooleanSwitch({
      path: 'showActions',
      name: 'Show scale actions',
      category: SCALING,
      defaultValue: d.showActions,
    });
}

/** Initial view (chart or table) and the model card. */
function addViewOptions(builder: Builder): void {
  builder
    .addRadio({
      path: 'view',
      name: 'Initial view',
      description: 'Viewers can switch between chart and predictions table in the panel.',
      category: VIEWS,
      defaultValue: d.view,
      settings: {
        options: CHOICES.view,
      },
    })
    .addBooleanSwitch({
      path: 'showModelCard',
      name: 'Show model card',
      category: VIEWS,
      defaultValue: d.showModelCard,
    });
}

/** The tooltip, as in Grafana's time-series panel (its names and choices). */
function addTooltipOptions(builder: Builder): void {
  const all = (o: ForesightPanelOptions) => o.tooltip.mode === TooltipDisplayMode.Multi;
  builder
    .addRadio({
      path: 'tooltip.mode',
      name: 'Tooltip mode',
      description:
        'Single: the series nearest the cursor. All: every series at that time. Hidden: none (and no drag to zoom, as in Grafana).',
      category: TOOLTIP,
      defaultValue: d.tooltip.mode,
      settings: {
        options: CHOICES.tooltipMode,
      },
    })
    .addRadio({
      path: 'tooltip.sort',
      name: 'Values sort order',
      description: 'By the actual value at the hovered time, else the forecast.',
      category: TOOLTIP,
      defaultValue: d.tooltip.sort,
      settings: {
        options: CHOICES.tooltipSort,
      },
      showIf: all,
    })
    .addBooleanSwitch({
      path: 'tooltip.hideZeros',
      name: 'Hide zeros',
      description: 'Leave out series whose actual and forecast values there are both zero (or absent).',
      category: TOOLTIP,
      defaultValue: d.tooltip.hideZeros,
      showIf: all,
    })
    .addNumberInput({
      path: 'tooltip.maxWidth',
      name: 'Max width',
      category: TOOLTIP,
      settings: { integer: true, min: 100 },
      showIf: (o) => o.tooltip.mode !== TooltipDisplayMode.None,
    })
    .addNumberInput({
      path: 'tooltip.maxHeight',
      name: 'Max height',
      category: TOOLTIP,
      defaultValue: d.tooltip.maxHeight,
      settings: { integer: true, min: 100 },
      showIf: all,
    });
}

/** The legend, as in Grafana's time-series panel. */
function addLegendOptions(builder: Builder): void {
  builder
    .addBooleanSwitch({
      path: 'legend.showLegend',
      name: 'Visibility',
      category: LEGEND,
      defaultValue: d.legend.showLegend,
    })
    .addRadio({
      path: 'legend.displayMode',
      name: 'Mode',
      category: LEGEND,
      defaultValue: d.legend.displayMode,
      settings: {
        options: [
          { value: LegendDisplayMode.List, label: 'List' },
          { value: LegendDisplayMode.Table, label: 'Table' },
        ],
      },
      showIf: (o) => o.legend.showLegend,
    })
    .addRadio({
      path: 'legend.placement',
      name: 'Placement',
      category: LEGEND,
      defaultValue: d.legend.placement,
      settings: {
        options: [
          { value: 'bottom', label: 'Bottom' },
          { value: 'right', label: 'Right' },
        ],
      },
      showIf: (o) => o.legend.showLegend,
    })
    .addMultiSelect<string[], { options: Array<SelectableValue<string[]>> }>({
      path: 'legend.calcs',
      name: 'Values',
      description: 'Per-series values in the legend.',
      category: LEGEND,
      defaultValue: d.legend.calcs,
      // The multi-select stores an array of the options' (string) values; its typing wants array options.
      settings: { options: fieldReducers.selectOptions().options as unknown as Array<SelectableValue<string[]>> },
      showIf: (o) => o.legend.showLegend,
    });
}

/** Colours of replicas, actions, "now" and thresholds. */
function addColourOptions(builder: Builder): void {
  builder
    .addColorPicker({
      path: 'colors.replicas',
      name: 'Replicas',
      description: 'With several series, each replicas line takes its series colour instead.',
      category: COLORS,
      defaultValue: d.colors.replicas,
    })
    .addColorPicker({ path: 'colors.scaleUp', name: 'Scale up', category: COLORS, defaultValue: d.colors.scaleUp })
    .addColorPicker({
      path: 'colors.scaleDown',
      name: 'Scale down',
      category: COLORS,
      defaultValue: d.colors.scaleDown,
    })
    .addColorPicker({ path: 'colors.retire', name: 'Retire', category: COLORS, defaultValue: d.colors.retire })
    .addColorPicker({ path: 'colors.now', name: '"Now" marker', category: COLORS, defaultValue: d.colors.now })
    .addColorPicker({
      path: 'colors.thresholds',
      name: 'Thresholds',
      category: COLORS,
      defaultValue: d.colors.thresholds,
    });
}
