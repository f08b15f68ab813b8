/**
 * Maps parsed Foresight series onto the frames and field configs that `@grafana/ui`'s uPlot
 * time-series builder understands. Which lines a series gets, and their values, is decided here,
 * one small function per role; how each role looks is one row of the style table in `lineStyles.ts`.
 * Pure: same input, same frames; no React, no DOM.
 */
import {
  type DataFrame,
  type Field,
  type FieldConfig,
  FieldType,
  getDisplayProcessor,
  type GrafanaTheme2,
  reduceField,
  ThresholdsMode,
} from '@grafana/data';
import { type GraphFieldConfig, GraphThresholdsStyleMode } from '@grafana/schema';
import type { ForesightPanelOptions } from '../types';
import {
  DRAW_ORDER,
  type FieldRole,
  fieldConfig,
  graphConfig,
  LINE_STYLES,
  lineColor,
  seriesColor,
  type StyleContext,
} from './lineStyles';
import type { ForecastSeries, NumArray } from '../../contract/types';
import { planShortfall } from './shortfall';
import { breakActualGaps } from './gapBreaks';
import { skipForeignRows } from './sharedAxis';

export { FORECAST_DASH, seriesColor, type FieldRole } from './lineStyles';

export interface ChartField {
  seriesKey: string;
  seriesName: string;
  role: FieldRole;
  color: string;
  /**
   * Where this line holds the seed (the last actual, copied so the dashed line and the cone continue
   * from the solid one; `joinAtNow`): not a forecast value, so the tooltip leaves it out.
   */
  seedMs?: number;
}

export interface ChartModel {
  frames: DataFrame[];
  /** Keyed by field display name (unique across the chart). */
  roles: Map<string, ChartField>;
  /** Resolved colour per series key. */
  seriesColors: Map<string, string>;
  /** Custom field config of the first replicas field (markers sit on its scale). */
  replicaField?: Field;
  horizonEndMs?: number;
}

/**
 * A number that changes only when the drawn structure changes (fields, their names and configs),
 * so uPlot keeps its config and only swaps data on a same-shaped update (e.g. a new forecast).
 */
export function structureRev(frames: DataFrame[]): number {
  let hash = 5381;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash = ((hash << 5) + hash + text.charCodeAt(i)) | 0;
    }
  };
  for (const frame of frames) {
    add('|');
    for (const field of frame.fields) {
      add(field.name);
      add(field.type);
      add(JSON.stringify(field.config));
    }
  }
  return hash;
}

/** How many of each kind of line the chart was given; exposed as data-* attributes for browser tests. */
export function countRoles(roles: Map<string, ChartField>): { forecast: number; bands: number; replicas: number } {
  let forecast = 0;
  let bands = 0;
  let replicas = 0;
  for (const { role } of roles.values()) {
    forecast += role === 'forecast' ? 1 : 0;
    bands += role === 'upper80' || role === 'upper95' ? 1 : 0;
    replicas += role === 'replicas' ? 1 : 0;
  }
  return { forecast, bands, replicas };
}

/**
 * Index of the row at the forecast's origin: the last row with an actual value before the first
 * forecast value, and not after the origin (`lastSampleMs`): samples newer than the origin (a
 * re-plan on a kept forecast) are what happened since, not what the forecast continues from.
 */
export function nowIndex(s: Pick<ForecastSeries, 'times' | 'actual' | 'forecast' | 'lastSampleMs'>): number {
  let end = s.forecast.findIndex((v) => v != null);
  if (end < 0) {
    end = s.times.length;
  }
  const origin = s.lastSampleMs ?? Infinity;
  for (let i = end - 1; i >= 0; i--) {
    if (s.actual[i] != null && s.times[i] <= origin) {
      return i;
    }
  }
  return -1;
}

type JoinedRole = keyof ReturnType<typeof joinAtNow>;
/** The lines seeded with the last actual at now (`joinAtNow`). */
const JOINED_ROLES: ReadonlySet<string> = new Set<JoinedRole>([
  'forecast',
  'lower80',
  'upper80',
  'lower95',
  'upper95',
]);
const isJoinedRole = (role: FieldRole): role is FieldRole & JoinedRole => JOINED_ROLES.has(role);

/**
 * The forecast starts one step after now; seed the forecast and band lines with the last actual
 * value so the dashed line and the cone visibly continue from the solid one.
 */
export function joinAtNow(
  s: ForecastSeries
): Pick<ForecastSeries, 'forecast' | 'lower80' | 'upper80' | 'lower95' | 'upper95'> {
  const idx = nowIndex(s);
  const seed = (values: NumArray): NumArray => {
    if (idx < 0 || values[idx] != null || !values.some((v) => v != null)) {
      return values;
    }
    const copy = values.slice();
    copy[idx] = s.actual[idx];
    return copy;
  };
  return {
    forecast: seed(s.forecast),
    lower80: seed(s.lower80),
    upper80: seed(s.upper80),
    lower95: seed(s.lower95),
    upper95: seed(s.upper95),
  };
}

function uniqueName(taken: Set<string>, wanted: string): string {
  let name = wanted;
  for (let i = 2; taken.has(name); i++) {
    name = `${wanted} (${i})`;
  }
  taken.add(name);
  return name;
}

/** Every role's display name for one series, reserved in the style table's order. */
function roleNames(taken: Set<string>, seriesName: string): Record<FieldRole, string> {
  const base = uniqueName(taken, seriesName);
  const names = {} as Record<FieldRole, string>;
  for (const [role, style] of Object.entries(LINE_STYLES) as Array<[FieldRole, (typeof LINE_STYLES)[FieldRole]]>) {
    names[role] = style.suffix === '' ? base : uniqueName(taken, `${base}${style.suffix}`);
  }
  return names;
}

/** The lines one series gets, with their values. */
type LinePlan = Partial<Record<FieldRole, NumArray>>;

function bandLines(s: ForecastSeries, joined: ReturnType<typeof joinAtNow>, options: ForesightPanelOptions): LinePlan {
  const plan: LinePlan = {};
  if ((options.bands === 'both' || options.bands === '95') && s.has.band95) {
    plan.upper95 = joined.upper95;
    plan.lower95 = joined.lower95;
  }
  if ((options.bands === 'both' || options.bands === '80') && s.has.band80) {
    plan.upper80 = joined.upper80;
    plan.lower80 = joined.lower80;
  }
  return plan;
}

function metricLines(s: ForecastSeries, joined: ReturnType<typeof joinAtNow>): LinePlan {
  return {
    ...(s.has.actual ? { actual: s.actual } : {}),
    ...(s.has.forecast ? { forecast: joined.forecast } : {}),
  };
}

function isPerReplica(s: ForecastSeries): boolean {
  return s.policy?.kind === 'thresholds' && s.policy.thresholdBasis === 'perReplica';
}

/** Per-replica thresholds, drawn on the total-load scale: threshold × replicas, a step per change. */
function thresholdLevelLines(s: ForecastSeries, options: ForesightPanelOptions): LinePlan {
  if (!options.showThresholds || !isPerReplica(s) || !s.policy || !s.has.replicas) {
    return {};
  }
  const plan: LinePlan = {};
  const levels: Array<['scaleUpLevel' | 'scaleDownLevel', number]> = [
    ['scaleUpLevel', s.policy.highThreshold],
    ['scaleDownLevel', s.policy.lowThreshold],
  ];
  for (const [role, threshold] of levels) {
    if (Number.isFinite(threshold)) {
      plan[role] = s.replicas.map((r) => (r == null ? null : r * threshold));
    }
  }
  return plan;
}

/** Replicas, capacity (replicas × capacity per replica, target tracking) and the capped shortfall. */
function replicaLines(s: ForecastSeries, options: ForesightPanelOptions): LinePlan {
  if (!s.has.replicas) {
    return {};
  }
  const plan: LinePlan = {};
  if (options.showReplicas) {
    plan.replicas = s.replicas;
  }
  if (options.showThresholds && s.policy?.kind === 'target') {
    const perReplica = s.policy.capacityPerReplica;
    plan.capacity = s.replicas.map((r) => (r == null || !Number.isFinite(perReplica) ? null : r * perReplica));
  }
  const short = planShortfall(s);
  if (short) {
    plan.shortfall = short.load;
  }
  return plan;
}

interface ThresholdLines {
  config: Partial<FieldConfig>;
  custom: Partial<GraphFieldConfig>;
}

/** Policy thresholds become Grafana field thresholds drawn as dashed lines on the metric's scale. */
function thresholdLines(theme: GrafanaTheme2, options: ForesightPanelOptions, s: ForecastSeries): ThresholdLines {
  if (!options.showThresholds || s.policy?.kind !== 'thresholds' || isPerReplica(s)) {
    return { config: {}, custom: {} };
  }
  const color = theme.visualization.getColorByName(options.colors.thresholds);
  const steps = [{ value: -Infinity, color: 'transparent' }];
  for (const value of [s.policy.lowThreshold, s.policy.highThreshold]) {
    if (Number.isFinite(value)) {
      steps.push({ value, color });
    }
  }
  if (steps.length === 1) {
    return { config: {}, custom: {} };
  }
  return {
    config: { thresholds: { mode: ThresholdsMode.Absolute, steps } },
    custom: { thresholdsStyle: { mode: GraphThresholdsStyleMode.Dashed } },
  };
}

interface SeriesFrame {
  frame: DataFrame;
  fields: Array<{ role: FieldRole; field: Field }>;
  /** The seed's time (see `ChartField.seedMs`), when the forecast lines were seeded. */
  seedMs?: number;
}

/** One series' frame: the planned lines in drawing order, styled by the table. */
function seriesFrame(
  s: ForecastSeries,
  names: Record<FieldRole, string>,
  ctx: StyleContext,
  thresholds: ThresholdLines
): SeriesFrame {
  const joined = joinAtNow(s);
  const seed = nowIndex(s);
  const plan: LinePlan = {
    ...bandLines(s, joined, ctx.options),
    ...metricLines(s, joined),
    ...thresholdLevelLines(s, ctx.options),
    ...replicaLines(s, ctx.options),
  };
  const styleCtx: StyleContext = { ...ctx, drawn: (role) => plan[role] !== undefined };
  // Thresholds ride on the actual line, or on the forecast when there are no actuals.
  const thresholdRole: FieldRole = s.has.actual ? 'actual' : 'forecast';
  const drawn = DRAW_ORDER.filter((role) => plan[role] !== undefined);
  // Each line steps over the other axis's rows (sharedAxis.ts); the actual line breaks where samples
  // never arrived (gapBreaks.ts).
  const columns = skipForeignRows(
    s.actual,
    s.forecast,
    seed,
    drawn.map((role) => ({ actual: role === 'actual', values: plan[role] ?? [] }))
  );
  const broken = breakActualGaps(s.times, s.actual, columns, drawn.indexOf('actual'));
  const fields: SeriesFrame['fields'] = drawn.map((role, k) => {
    const style = LINE_STYLES[role];
    const lines = role === thresholdRole ? thresholds : { config: {}, custom: {} };
    const field: Field = {
      name: names[role],
      type: FieldType.number,
      values: broken.columns[k],
      config: {
        ...fieldConfig(style, names[role], lineColor(style, styleCtx), styleCtx),
        ...lines.config,
        custom: { ...graphConfig(style, names, styleCtx), ...lines.custom },
      },
    };
    field.display = getDisplayProcessor({ field, theme: ctx.theme });
    if (isJoinedRole(role) && ctx.options.legend.calcs.length > 0) {
      // The legend's values (Max, Mean, First …) are the forecast's own: the value seeded at now to
      // continue the line is the last actual, and a falling forecast's "Max" was that actual. Grafana
      // reads the calcs it finds in `state` (the display processor just cached them, seed included).
      const own = { ...field, values: s[role], state: undefined };
      field.state = { ...field.state, calcs: reduceField({ field: own, reducers: ctx.options.legend.calcs }) };
    }
    return { role, field };
  });
  const time: Field = { name: 'time', type: FieldType.time, values: broken.times, config: {} };
  const frame = {
    name: s.name,
    refId: s.key,
    fields: [time, ...fields.map((f) => f.field)],
    length: broken.times.length,
  };
  const seeded = seed >= 0 && s.forecast[seed] == null && joined.forecast[seed] != null;
  return { frame, fields, seedMs: seeded ? s.times[seed] : undefined };
}

export function buildChartModel(
  series: ForecastSeries[],
  options: ForesightPanelOptions,
  theme: GrafanaTheme2
): ChartModel {
  const roles = new Map<string, ChartField>();
  const seriesColors = new Map<string, string>();
  const taken = new Set<string>();
  const frames: DataFrame[] = [];
  let replicaField: Field | undefined;

  series.forEach((s, index) => {
    const color = seriesColor(theme, index, s.color, s.name);
    seriesColors.set(s.key, color);
    const ctx: StyleContext = {
      options,
      theme,
      seriesColor: color,
      seriesCount: series.length,
      unit: s.unit,
      decimals: s.decimals,
      min: s.min,
      max: s.max,
      drawn: () => false,
    };
    const built = seriesFrame(s, roleNames(taken, s.name), ctx, thresholdLines(theme, options, s));
    for (const { role, field } of built.fields) {
      const seedMs = isJoinedRole(role) ? built.seedMs : undefined;
      roles.set(field.name, {
        seriesKey: s.key,
        seriesName: s.name,
        role,
        color,
        ...(seedMs != null ? { seedMs } : {}),
      });
      if (role === 'replicas') {
        replicaField = replicaField ?? field;
      }
    }
    frames.push(built.frame);
  });

  const ends = series.map((s) => s.horizonEndMs).filter((t): t is number => t != null);
  return {
    frames,
    roles,
    seriesColors,
    replicaField,
    horizonEndMs: ends.length ? Math.max(...ends) : undefined,
  };
}
