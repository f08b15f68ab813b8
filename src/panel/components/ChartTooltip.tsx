import React from 'react';
import { css } from '@emotion/css';
import { type DataFrame, type Field, formattedValueToString, type GrafanaTheme2 } from '@grafana/data';
import { SortOrder, type TimeZone, TooltipDisplayMode, type VizTooltipOptions } from '@grafana/schema';
import { useStyles2 } from '@grafana/ui';
import type { ChartField } from '../data/chartFrames';
import { formatClock, formatTime } from '../data/format';
import { panelTestIds } from '../testIds';

interface Props {
  frame: DataFrame;
  dataIdxs: Array<number | null>;
  roles: Map<string, ChartField>;
  timeZone?: TimeZone;
  options: VizTooltipOptions;
  /** The uPlot series nearest the cursor (Single mode shows its whole series). */
  seriesIdx?: number | null;
}

interface SeriesLine {
  name: string;
  color: string;
  parts: string[];
  /** What the sort order and "Hide zeros" read: the actual value at that time, else the forecast. */
  value?: number;
}

function numberAt(field: Field, idx: number | null | undefined): number | undefined {
  const value = idx == null ? undefined : field.values[idx];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function show(field: Field, idx: number | null | undefined): string | undefined {
  if (idx == null) {
    return undefined;
  }
  const value = field.values[idx];
  if (value == null || (typeof value === 'number' && !Number.isFinite(value))) {
    return undefined;
  }
  return field.display ? formattedValueToString(field.display(value)) : String(value);
}

/** The row the cursor is on, whose time heads the tooltip (uPlot's x index, first). */
function hoveredRow(dataIdxs: Array<number | null>): number | undefined {
  return dataIdxs.find((v): v is number => v != null);
}

/**
 * One line per series at the hovered time: actual, forecast, the bands as ranges, replicas. Band
 * edges are separate uPlot series (hidden from the tooltip) and are folded into their series' line.
 */
export function buildTooltipLines(
  frame: DataFrame,
  dataIdxs: Array<number | null>,
  roles: Map<string, ChartField>,
  timeZone?: TimeZone
): SeriesLine[] {
  const bySeries = new Map<string, { line: SeriesLine; values: Partial<Record<string, string>> }>();
  const plain: SeriesLine[] = [];
  const timeAt = (idx: number | null | undefined): unknown => (idx == null ? undefined : frame.fields[0]?.values[idx]);
  const hovered = timeAt(hoveredRow(dataIdxs));
  frame.fields.forEach((field, i) => {
    if (i === 0) {
      return;
    }
    const role = roles.get(field.name);
    // Where a line has no value at the hovered time, uPlot gives its nearest one (actual samples and
    // forecast steps have rows of their own): say that value's time, or it reads as this time's.
    const own = timeAt(dataIdxs[i]);
    const elsewhere =
      typeof own === 'number' && typeof hovered === 'number' && own !== hovered && !role?.role.startsWith('lower');
    const shown = show(field, dataIdxs[i]);
    const value = shown !== undefined && elsewhere ? `${shown} at ${formatClock(own, timeZone)}` : shown;
    if (!role) {
      if (value !== undefined && !field.config.custom?.hideFrom?.tooltip) {
        const color = field.config.color?.fixedColor ?? 'gray';
        const name = field.config.displayName ?? field.name;
        plain.push({ name, color, parts: [value], value: numberAt(field, dataIdxs[i]) });
      }
      return;
    }
    // A series hidden by a legend click is out of the tooltip too (its band edges are hidden from
    // the tooltip always, and folded into their series' line, so `viz` is what says it is hidden).
    if (field.config.custom?.hideFrom?.viz) {
      return;
    }
    // The seed continues the dashed line from the solid one (chartFrames.joinAtNow): the actual
    // again, with a zero-wide band, not something the model said.
    if (role.seedMs != null && own === role.seedMs) {
      return;
    }
    let entry = bySeries.get(role.seriesKey);
    if (!entry) {
      entry = { line: { name: role.seriesName, color: role.color, parts: [] }, values: {} };
      bySeries.set(role.seriesKey, entry);
    }
    if (value !== undefined) {
      entry.values[role.role] = value;
    }
    if (role.role === 'actual' || (role.role === 'forecast' && entry.line.value === undefined)) {
      entry.line.value = numberAt(field, dataIdxs[i]) ?? entry.line.value;
    }
  });
  const lines: SeriesLine[] = [];
  for (const { line, values } of bySeries.values()) {
    if (values.actual) {
      line.parts.push(`actual ${values.actual}`);
    }
    if (values.forecast) {
      line.parts.push(`forecast ${values.forecast}`);
    }
    if (values.lower80 && values.upper80) {
      line.parts.push(`80 % ${values.lower80} – ${values.upper80}`);
    }
    if (values.lower95 && values.upper95) {
      line.parts.push(`95 % ${values.lower95} – ${values.upper95}`);
    }
    if (values.capacity) {
      line.parts.push(`capacity ${values.capacity}`);
    }
    if (values.scaleUpLevel) {
      line.parts.push(`scale-up level ${values.scaleUpLevel}`);
    }
    if (values.scaleDownLevel) {
      line.parts.push(`scale-down level ${values.scaleDownLevel}`);
    }
    if (values.replicas) {
      line.parts.push(`replicas ${values.replicas}`);
    }
    if (line.parts.length) {
      lines.push(line);
    }
  }
  return [...lines, ...plain];
}

/**
 * The lines the tooltip options keep, in their order: Single keeps the series of the nearest line
 * (all of it: a forecast is read with its actual values and band), All keeps every series, sorted
 * by value if asked (series without one last, in their order), without the all-zero ones if asked.
 */
export function chosenLines(
  lines: SeriesLine[],
  options: VizTooltipOptions,
  nearest: { name: string } | undefined
): SeriesLine[] {
  if (options.mode === TooltipDisplayMode.Single) {
    return nearest ? lines.filter((l) => l.name === nearest.name) : [];
  }
  const kept = options.hideZeros ? lines.filter((l) => l.value !== undefined && l.value !== 0) : lines;
  if (options.sort === SortOrder.None) {
    return kept;
  }
  const sign = options.sort === SortOrder.Ascending ? 1 : -1;
  return [...kept].sort((a, b) => {
    if (a.value === undefined || b.value === undefined) {
      return a.value === undefined ? (b.value === undefined ? 0 : 1) : -1;
    }
    return sign * (a.value - b.value);
  });
}

/** The series name a uPlot series index belongs to (its own name for a plain series). */
function nearestSeries(frame: DataFrame, roles: Map<string, ChartField>, seriesIdx: number | null | undefined) {
  const field = seriesIdx == null ? undefined : frame.fields[seriesIdx];
  if (!field) {
    return undefined;
  }
  return { name: roles.get(field.name)?.seriesName ?? field.config.displayName ?? field.name };
}

export function ChartTooltip({ frame, dataIdxs, roles, timeZone, options, seriesIdx }: Props) {
  const styles = useStyles2(
    getStyles,
    options.maxHeight ?? DEFAULT_TOOLTIP_MAX_HEIGHT,
    options.maxWidth ?? DEFAULT_TOOLTIP_MAX_WIDTH
  );
  const rowIdx = hoveredRow(dataIdxs);
  const time = rowIdx != null ? (frame.fields[0]?.values[rowIdx] as number | undefined) : undefined;
  const lines = chosenLines(
    buildTooltipLines(frame, dataIdxs, roles, timeZone),
    options,
    nearestSeries(frame, roles, seriesIdx)
  );
  return (
    <div className={styles.wrapper} data-testid={panelTestIds.chartTooltip}>
      <div className={styles.header}>{formatTime(time, timeZone)}</div>
      {lines.map((line, i) => (
        <div key={`${line.name}-${i}`} className={styles.series}>
          <div className={styles.line}>
            <span className={styles.swatch} style={{ background: line.color }} />
            <span className={styles.name}>{line.name}</span>
          </div>
          {line.parts.map((part) => (
            <div key={part} className={styles.part}>
              {part}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

/** Grafana's default tooltip maximum height (time-series panel, Tooltip → Max height). */
const DEFAULT_TOOLTIP_MAX_HEIGHT = 600;
/** Wide enough for a series name and "95 % 1.23 K – 4.56 K req/s" on one line. */
const DEFAULT_TOOLTIP_MAX_WIDTH = 360;

const getStyles = (theme: GrafanaTheme2, maxHeight: number, maxWidth: number) => ({
  // A panel of many series lists them all; the list scrolls (a click pins the tooltip) instead of
  // running off the screen, as Grafana's own tooltip does past its maximum height.
  wrapper: css({
    padding: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
    maxWidth,
    maxHeight,
    overflowY: 'auto',
  }),
  series: css({ marginBottom: theme.spacing(0.5) }),
  part: css({ paddingLeft: 18, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }),
  header: css({ fontWeight: theme.typography.fontWeightMedium, marginBottom: theme.spacing(0.5) }),
  line: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', whiteSpace: 'nowrap' }),
  swatch: css({ width: 10, height: 3, borderRadius: 1, flexShrink: 0 }),
  name: css({ color: theme.colors.text.secondary }),
});
