/**
 * Maps parsed Foresight series onto the frames and field configs that `@grafana/ui`'s uPlot
 * time-series builder understands: actuals solid, forecast dashed in the same colour, bands via
 * `fillBelowTo`, replicas as a step line on their own axis, policy thresholds as dashed lines.
 * Pure: same input, same frames; no React, no DOM.
 */
import {
  type DataFrame,
  type Field,
  type FieldConfig,
  FieldColorModeId,
  FieldType,
  getDisplayProcessor,
  type GrafanaTheme2,
  ThresholdsMode,
} from '@grafana/data';
import {
  AxisPlacement,
  GraphDrawStyle,
  type GraphFieldConfig,
  GraphThresholdsStyleMode,
  LineInterpolation,
  VisibilityMode,
} from '@grafana/schema';
import type { ForesightPanelOptions } from '../types';
import type { ForecastSeries, NumArray } from './parseFrames';
import { planShortfall } from './shortfall';

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

export interface ChartField {
  seriesKey: string;
  seriesName: string;
  role: FieldRole;
  color: string;
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

export const FORECAST_DASH = [10, 6];

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
const CAPACITY_DASH = [2, 4];
const CAPACITY_OVER_REPLICAS_DASH = [8, 5];

function resolve(theme: GrafanaTheme2, color: string): string {
  return theme.visualization.getColorByName(color);
}

export function seriesColor(theme: GrafanaTheme2, index: number): string {
  const palette = theme.visualization.palette;
  return resolve(theme, palette[index % palette.length]);
}

function graphConfig(custom: Partial<GraphFieldConfig>): GraphFieldConfig {
  return {
    drawStyle: GraphDrawStyle.Line,
    lineInterpolation: LineInterpolation.Linear,
    lineWidth: 1,
    fillOpacity: 0,
    showPoints: VisibilityMode.Never,
    spanNulls: false,
    axisPlacement: AxisPlacement.Auto,
    ...custom,
  };
}

function numberField(
  theme: GrafanaTheme2,
  name: string,
  values: NumArray,
  color: string,
  custom: Partial<GraphFieldConfig>,
  extra: Partial<FieldConfig> = {}
): Field {
  const field: Field = {
    name,
    type: FieldType.number,
    values,
    config: {
      displayName: name,
      color: { mode: FieldColorModeId.Fixed, fixedColor: color },
      ...extra,
      custom: graphConfig(custom),
    },
  };
  field.display = getDisplayProcessor({ field, theme });
  return field;
}

/**
 * Index of the row at "now": the last row with an actual value before the first forecast value.
 * (The data source's `nowMs` is one step before the forecast; actual samples may sit between.)
 */
export function nowIndex(s: ForecastSeries): number {
  let end = s.forecast.findIndex((v) => v != null);
  if (end < 0) {
    end = s.times.length;
  }
  for (let i = end - 1; i >= 0; i--) {
    if (s.actual[i] != null) {
      return i;
    }
  }
  return -1;
}

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

const REPLICA_PLACEMENT: Record<ForesightPanelOptions['replicaAxis'], AxisPlacement> = {
  right: AxisPlacement.Right,
  left: AxisPlacement.Left,
  hidden: AxisPlacement.Hidden,
};

export function buildChartModel(
  series: ForecastSeries[],
  options: ForesightPanelOptions,
  theme: GrafanaTheme2
): ChartModel {
  // Grafana puts right-axis legend entries in a second legend row, which a panel of ordinary height
  // scrolls out of sight under the warning line; a lone replicas line is named by its axis label
  // ("replicas") and keeps its tooltip instead. With several series each replicas line needs its entry.
  const replicasByAxisLabel = series.length === 1 && options.replicaAxis !== 'hidden';
  const roles = new Map<string, ChartField>();
  const seriesColors = new Map<string, string>();
  const taken = new Set<string>();
  const frames: DataFrame[] = [];
  let replicaField: Field | undefined;
  const showBand80 = options.bands === 'both' || options.bands === '80';
  const showBand95 = options.bands === 'both' || options.bands === '95';
  const bandOpacity = Math.max(0, Math.min(100, options.bandOpacity));

  series.forEach((s, index) => {
    const color = seriesColor(theme, index);
    seriesColors.set(s.key, color);
    const base = uniqueName(taken, s.name);
    const names = {
      actual: base,
      forecast: uniqueName(taken, `${base} forecast`),
      lower80: uniqueName(taken, `${base} lower 80%`),
      upper80: uniqueName(taken, `${base} upper 80%`),
      lower95: uniqueName(taken, `${base} lower 95%`),
      upper95: uniqueName(taken, `${base} upper 95%`),
      replicas: uniqueName(taken, `${base} replicas`),
      capacity: uniqueName(taken, `${base} capacity`),
      shortfall: uniqueName(taken, `${base} capacity short (above max replicas)`),
      scaleUpLevel: uniqueName(taken, `${base} scale-up level`),
      scaleDownLevel: uniqueName(taken, `${base} scale-down level`),
    };
    const unitConfig: Partial<FieldConfig> = { unit: s.unit, decimals: s.decimals };
    const joined = joinAtNow(s);
    const fields: Field[] = [{ name: 'time', type: FieldType.time, values: s.times, config: {} }];
    const add = (role: FieldRole, field: Field) => {
      roles.set(field.name, { seriesKey: s.key, seriesName: s.name, role, color });
      fields.push(field);
    };
    const hidden = { legend: true, tooltip: true, viz: false };

    // Order matters for drawing: bands first (underneath), then lines.
    if (showBand95 && s.has.band95) {
      add(
        'upper95',
        numberField(
          theme,
          names.upper95,
          joined.upper95,
          color,
          {
            lineWidth: 0,
            fillOpacity: bandOpacity / 2,
            fillBelowTo: names.lower95,
            hideFrom: hidden,
          },
          unitConfig
        )
      );
      add(
        'lower95',
        numberField(theme, names.lower95, joined.lower95, color, { lineWidth: 0, hideFrom: hidden }, unitConfig)
      );
    }
    if (showBand80 && s.has.band80) {
      add(
        'upper80',
        numberField(
          theme,
          names.upper80,
          joined.upper80,
          color,
          {
            lineWidth: 0,
            fillOpacity: bandOpacity,
            fillBelowTo: names.lower80,
            hideFrom: hidden,
          },
          unitConfig
        )
      );
      add(
        'lower80',
        numberField(theme, names.lower80, joined.lower80, color, { lineWidth: 0, hideFrom: hidden }, unitConfig)
      );
    }

    const noLines: ThresholdLines = { config: {}, custom: {} };
    const perReplica = s.policy?.kind === 'thresholds' && s.policy.thresholdBasis === 'perReplica';
    const lines =
      options.showThresholds && s.policy?.kind === 'thresholds' && !perReplica
        ? thresholdLines(theme, options, s.policy.lowThreshold, s.policy.highThreshold)
        : noLines;
    // Thresholds ride on the actual line, or on the forecast when there are no actuals.
    const actualLines = s.has.actual ? lines : noLines;
    const forecastLines = s.has.actual ? noLines : lines;
    if (s.has.actual) {
      add(
        'actual',
        numberField(
          theme,
          names.actual,
          s.actual,
          color,
          { lineWidth: 1.5, ...actualLines.custom },
          {
            ...unitConfig,
            ...actualLines.config,
          }
        )
      );
    }
    if (s.has.forecast) {
      add(
        'forecast',
        numberField(
          theme,
          names.forecast,
          joined.forecast,
          color,
          {
            lineWidth: 2,
            lineStyle: { fill: 'dash', dash: FORECAST_DASH },
            ...forecastLines.custom,
          },
          { ...unitConfig, ...forecastLines.config }
        )
      );
    }
    if (options.showThresholds && perReplica && s.policy && s.has.replicas) {
      // Per-replica thresholds, drawn on the total-load scale: threshold × replicas, a step per change.
      const thresholdColor = resolve(theme, options.colors.thresholds);
      const levels: Array<['scaleUpLevel' | 'scaleDownLevel', number]> = [
        ['scaleUpLevel', s.policy.highThreshold],
        ['scaleDownLevel', s.policy.lowThreshold],
      ];
      for (const [role, threshold] of levels) {
        if (!Number.isFinite(threshold)) {
          continue;
        }
        const values = s.replicas.map((r) => (r == null ? null : r * threshold));
        add(
          role,
          numberField(
            theme,
            names[role],
            values,
            thresholdColor,
            {
              lineWidth: 1,
              lineInterpolation: LineInterpolation.StepAfter,
              lineStyle: { fill: 'dash', dash: CAPACITY_DASH },
            },
            unitConfig
          )
        );
      }
    }
    if (options.showReplicas && s.has.replicas) {
      const field = numberField(
        theme,
        names.replicas,
        s.replicas,
        // One series: the configured replicas colour. Several: each in its series' colour, or they blur.
        series.length > 1 ? color : resolve(theme, options.colors.replicas),
        {
          lineWidth: 2,
          lineInterpolation: LineInterpolation.StepAfter,
          axisPlacement: REPLICA_PLACEMENT[options.replicaAxis],
          axisLabel: 'replicas',
          axisSoftMin: 0,
          // Same scale for every series' replicas: they are all counts of pods.
          ...(replicasByAxisLabel ? { hideFrom: { legend: true, tooltip: false, viz: false } } : {}),
        },
        { unit: 'none', decimals: 0 }
      );
      add('replicas', field);
      replicaField = replicaField ?? field;
    }
    if (options.showThresholds && s.policy?.kind === 'target' && s.has.replicas) {
      const perReplica = s.policy.capacityPerReplica;
      const capacity = s.replicas.map((r) => (r == null || !Number.isFinite(perReplica) ? null : r * perReplica));
      add(
        'capacity',
        numberField(
          theme,
          names.capacity,
          capacity,
          resolve(theme, options.colors.thresholds),
          {
            // Drawn after (over) the replicas step line, wider and in long dashes, so it stays visible
            // where the two coincide: the replica line shows through the gaps.
            lineWidth: 2,
            lineInterpolation: LineInterpolation.StepAfter,
            lineStyle: { fill: 'dash', dash: CAPACITY_OVER_REPLICAS_DASH },
            hideFrom: { legend: false, tooltip: false, viz: false },
          },
          unitConfig
        )
      );
    }
    const short = s.has.replicas ? planShortfall(s) : undefined;
    if (short) {
      const capacityShown = options.showThresholds && roles.has(names.capacity);
      add(
        'shortfall',
        numberField(
          theme,
          names.shortfall,
          short.load,
          resolve(theme, 'red'),
          {
            lineWidth: 1,
            lineInterpolation: LineInterpolation.StepAfter,
            fillOpacity: capacityShown ? 45 : 0,
            fillBelowTo: capacityShown ? names.capacity : undefined,
          },
          unitConfig
        )
      );
    }
    frames.push({ name: s.name, refId: s.key, fields, length: s.times.length });
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

interface ThresholdLines {
  config: Partial<FieldConfig>;
  custom: Partial<GraphFieldConfig>;
}

/** Policy thresholds become Grafana field thresholds drawn as dashed lines on the metric's scale. */
function thresholdLines(
  theme: GrafanaTheme2,
  options: ForesightPanelOptions,
  low: number,
  high: number
): ThresholdLines {
  const color = resolve(theme, options.colors.thresholds);
  const steps = [{ value: -Infinity, color: 'transparent' }];
  for (const value of [low, high]) {
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
