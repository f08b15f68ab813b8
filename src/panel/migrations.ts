import type { PanelMigrationHandler, PanelTypeChangedHandler } from '@grafana/data';
import type { VizTooltipOptions } from '@grafana/schema';
import { type Choice, CHOICES, DEFAULT_OPTIONS, MAX_DRAWN_SERIES, OPTIONS_VERSION } from './options';
import type { ExtendToHorizon, ForesightPanelOptions } from './types';

/**
 * Version-1 option names (first release) that version 2 renamed:
 * `showBands` (boolean) → `bands`; `showTable` → `view`; `replicasAxis` → `replicaAxis`;
 * `showModelSummary` → `showModelCard`; `actionColors.{up,down,retire}` → `colors.scale*`.
 */
interface LegacyOptionsV1 {
  showBands?: boolean;
  showTable?: boolean;
  replicasAxis?: string;
  showModelSummary?: boolean;
  actionColors?: { up?: string; down?: string; retire?: string };
}

type StoredOptions = Partial<ForesightPanelOptions> & LegacyOptionsV1 & Record<string, unknown>;

/** The values a radio option allows: those the editor offers. */
function valuesOf<T>(choices: Array<Choice<T>>): T[] {
  return choices.map((c) => c.value);
}

const BANDS = valuesOf(CHOICES.bands);
const AXES = valuesOf(CHOICES.replicaAxis);
const VIEWS = valuesOf(CHOICES.view);
const EXTEND = valuesOf(CHOICES.extendToHorizon);
const TOOLTIP_MODES = valuesOf(CHOICES.tooltipMode);
const SORT_ORDERS = valuesOf(CHOICES.tooltipSort);

/**
 * Version 2 stored `extendToHorizon` as a boolean. `false` stays `never`; `true` (the old default,
 * which stretched even a past range) becomes `auto`, so a past range now keeps its exact x axis.
 */
function extendOption(value: unknown): ExtendToHorizon {
  if (typeof value === 'boolean') {
    return value ? 'auto' : 'never';
  }
  return oneOf(EXTEND, value, DEFAULT_OPTIONS.extendToHorizon);
}

function oneOf<T extends string>(allowed: T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** A size in pixels, or none (Grafana's default) when absent or not a number. */
function pixels(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(clamp(value, 100, 10_000, 0)) : fallback;
}

/** The tooltip options, each checked: a time-series panel switched to this type keeps its own. */
function tooltipOptions(stored: unknown): VizTooltipOptions {
  const d = DEFAULT_OPTIONS.tooltip;
  const o = (typeof stored === 'object' && stored ? stored : {}) as Partial<Record<keyof VizTooltipOptions, unknown>>;
  return {
    mode: oneOf(TOOLTIP_MODES, o.mode, d.mode),
    sort: oneOf(SORT_ORDERS, o.sort, d.sort),
    hideZeros: bool(o.hideZeros, d.hideZeros ?? false),
    maxWidth: pixels(o.maxWidth, d.maxWidth),
    maxHeight: pixels(o.maxHeight, d.maxHeight),
  };
}

/**
 * Brings stored options of any earlier version to the current shape. Pure and total: unknown or
 * invalid values fall back to defaults, so a hand-edited dashboard JSON never breaks the panel.
 */
export function migrateOptions(stored: Record<string, unknown> | undefined | null): ForesightPanelOptions {
  const o: StoredOptions = (stored ?? {}) as StoredOptions;
  const d = DEFAULT_OPTIONS;
  const legacyBands = typeof o.showBands === 'boolean' ? (o.showBands ? 'both' : 'none') : undefined;
  const legacyView = typeof o.showTable === 'boolean' ? (o.showTable ? 'table' : 'chart') : undefined;
  const colors = { ...d.colors, ...(typeof o.colors === 'object' && o.colors ? o.colors : {}) };
  if (o.actionColors) {
    colors.scaleUp = o.actionColors.up ?? colors.scaleUp;
    colors.scaleDown = o.actionColors.down ?? colors.scaleDown;
    colors.retire = o.actionColors.retire ?? colors.retire;
  }
  const legend = { ...d.legend, ...(typeof o.legend === 'object' && o.legend ? o.legend : {}) };
  if (!Array.isArray(legend.calcs)) {
    legend.calcs = d.legend.calcs;
  }
  return {
    optionsVersion: OPTIONS_VERSION,
    bands: oneOf(BANDS, o.bands ?? legacyBands, d.bands),
    bandOpacity: clamp(o.bandOpacity, 0, 100, d.bandOpacity),
    extendToHorizon: extendOption(o.extendToHorizon),
    showNowMarker: bool(o.showNowMarker, d.showNowMarker),
    showThresholds: bool(o.showThresholds, d.showThresholds),
    showReplicas: bool(o.showReplicas, d.showReplicas),
    replicaAxis: oneOf(AXES, o.replicaAxis ?? o.replicasAxis, d.replicaAxis),
    showActions: bool(o.showActions, d.showActions),
    view: oneOf(VIEWS, o.view ?? legacyView, d.view),
    showModelCard: bool(o.showModelCard ?? o.showModelSummary, d.showModelCard),
    maxSeries: Math.round(clamp(o.maxSeries, 1, MAX_DRAWN_SERIES, d.maxSeries)),
    colors,
    legend,
    tooltip: tooltipOptions(o.tooltip),
  };
}

/** Grafana calls this when the saved plugin version differs from the running one. */
export const migrationHandler: PanelMigrationHandler<ForesightPanelOptions> = (panel) => {
  return migrateOptions(panel.options as unknown as Record<string, unknown>);
};

/**
 * Grafana calls this when a panel is switched to this type: the options are written in the current
 * shape (with `optionsVersion`) right then, so the next load has nothing to migrate. Whatever the
 * panel already holds is kept where valid; the other panel type's options do not carry over.
 */
export const panelChangeHandler: PanelTypeChangedHandler<ForesightPanelOptions> = (panel) => {
  return migrateOptions(panel.options as unknown as Record<string, unknown>);
};

/** Migrate only when the stored shape is older than the current one (or missing its version). */
export function shouldMigrate(panel: { options?: unknown }): boolean {
  const version = (panel.options as Partial<ForesightPanelOptions> | undefined)?.optionsVersion;
  return version !== OPTIONS_VERSION;
}
