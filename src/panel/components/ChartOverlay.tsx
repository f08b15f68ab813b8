/**
 * DOM layer inside uPlot's `over` element: the dashboard's annotations, the vertical "now"
 * marker(s) and the scale-action markers with their hover tooltip. DOM (not canvas) so markers are
 * hoverable, focusable and testable; positions are recomputed on every uPlot draw (zoom, resize,
 * new data).
 */
import React, { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { type UPlotConfigBuilder, useStyles2, useTheme2 } from '@grafana/ui';
import type uPlot from 'uplot';
import { useMarkerKeys } from './markerKeys';
import { leavePlotCursor, useCloseOnPlotPointer } from './plotCursor';
import type { ActionMarker } from '../data/actionMarkers';
import type { PanelAnnotation } from '../data/annotations';
import type { OriginMark } from '../data/origin';
import { insidePlot, layoutTimeLabels, type PlacedLabel } from '../data/timeLabels';
import { panelTestIds } from '../testIds';
import { AnnotationMarks, MARK_HEIGHT } from './AnnotationMarks';
import { besideMarker, overlayTooltipStyle } from './overlayStyles';

interface Props {
  config: UPlotConfigBuilder;
  /** The dashboard's annotations in the drawn range. */
  annotations: PanelAnnotation[];
  /** Wall clock of the answer: the "now" line. Undefined hides the time marks. */
  clockMs?: number;
  /** Forecast origins (last samples), labelled "last sample 52m ago". */
  origins: OriginMark[];
  nowColor: string;
  markers: ActionMarker[];
  /** uPlot series index of the replicas line: markers sit at their target replica count on its scale. */
  replicaSeriesIdx?: number;
}

const MARKER_SIZE = 16;
/** Height of one row of time-mark labels at the top of the plot; markers stay below them. */
const LABEL_ROW = 14;

interface Placed {
  marker: ActionMarker;
  left: number;
  top: number;
}

function placeMarkers(
  u: uPlot,
  markers: ActionMarker[],
  replicaSeriesIdx: number | undefined,
  topReserved: number,
  bottomReserved: number
): Placed[] {
  const width = u.over.clientWidth || u.bbox.width / devicePixelRatioOr1();
  const height = u.over.clientHeight || u.bbox.height / devicePixelRatioOr1();
  const scale = replicaSeriesIdx != null ? u.series[replicaSeriesIdx]?.scale : undefined;
  const placed: Placed[] = [];
  for (const marker of markers) {
    const left = u.valToPos(marker.timeMs, 'x');
    if (!Number.isFinite(left) || left < -1 || left > width + 1) {
      continue;
    }
    const lowest = height - bottomReserved - MARKER_SIZE / 2;
    let top = lowest - 2;
    if (scale && Number.isFinite(marker.to)) {
      const y = u.valToPos(marker.to, scale);
      if (Number.isFinite(y)) {
        // Never over the time-mark labels at the top of the plot, nor the annotations' strip below.
        top = Math.min(lowest, Math.max(topReserved + MARKER_SIZE / 2, y));
      }
    }
    placed.push({ marker, left, top: clearOf(placed, left, top, topReserved + MARKER_SIZE / 2) });
  }
  return placed;
}

/**
 * `top` moved up, a marker at a time, until it covers none placed before it: four actions of four
 * series at one time sat on one pixel, and only the top one could be hovered (a retire among them).
 * Never above `highest`; at the top of the plot a marker may still overlap.
 */
function clearOf(placed: Placed[], left: number, top: number, highest: number): number {
  let y = top;
  while (
    y - MARKER_SIZE >= highest &&
    placed.some((p) => Math.abs(p.left - left) < MARKER_SIZE && Math.abs(p.top - y) < MARKER_SIZE)
  ) {
    y -= MARKER_SIZE;
  }
  return y;
}

function devicePixelRatioOr1(): number {
  return typeof window !== 'undefined' && window.devicePixelRatio ? window.devicePixelRatio : 1;
}

type Styles = ReturnType<typeof getStyles>;

interface OverlayLabel extends PlacedLabel {
  /** No room for the text in the plot: the line is drawn, the text is its title. */
  hidden: boolean;
}

interface OverlayLayout {
  height: number;
  labels: OverlayLabel[];
  placed: Placed[];
}

/** Where the "now" line, the origins and the markers go on this draw of the plot. */
function overlayLayout(
  plot: uPlot,
  { clockMs, origins, markers, replicaSeriesIdx, annotations }: Omit<Props, 'config' | 'nowColor'>
): OverlayLayout {
  const height = plot.over.clientHeight || plot.bbox.height / devicePixelRatioOr1();
  const width = plot.over.clientWidth || plot.bbox.width / devicePixelRatioOr1();
  const inPlot = (x: number) => Number.isFinite(x) && x >= -1 && x <= width + 1;
  const nowLeft = clockMs != null ? plot.valToPos(clockMs, 'x') : NaN;
  // An origin within 2 px of "now" is the same place: one line, one label. One off the plot (a last
  // sample before the range starts) is not: "now · last sample 1h ago" on the now line read as if
  // the sample were now; the stale warning says when it was.
  const positioned = origins.map((o) => ({ ...o, left: plot.valToPos(o.timeMs, 'x') }));
  const atNow = (o: { left: number }) => inPlot(nowLeft) && Math.abs(o.left - nowLeft) < 2;
  const originsShown = positioned.filter((o) => inPlot(o.left) && !atNow(o));
  const merged = originsShown.length === 0 ? positioned.find(atNow) : undefined;
  const place = (short: boolean) =>
    layoutTimeLabels(
      width,
      inPlot(nowLeft) ? { left: nowLeft, text: merged && !short ? `now · ${merged.label}` : 'now' } : undefined,
      originsShown.map((o) => ({ left: o.left, text: o.label, stale: o.stale }))
    );
  // Labels stay inside the plot: where the rows they need do not fit its height (or one is wider
  // than the plot), "now" drops its "· last sample …" suffix, and a label still below the last row
  // that fits is left out (its line stays, named in the line's title), never drawn over the axis.
  const maxRows = Math.max(1, Math.floor((height - MARKER_SIZE) / LABEL_ROW));
  const fits = (ls: PlacedLabel[]) => ls.every((l) => l.row < maxRows && insidePlot(l, width));
  const full = place(false);
  const labels = (fits(full) || !merged ? full : place(true)).map((l) => ({ ...l, hidden: l.row >= maxRows }));
  const rows = labels.some((l) => !l.hidden) ? Math.max(...labels.filter((l) => !l.hidden).map((l) => l.row)) + 1 : 0;
  const bottomReserved = annotations.length > 0 ? MARK_HEIGHT : 0;
  return { height, labels, placed: placeMarkers(plot, markers, replicaSeriesIdx, rows * LABEL_ROW, bottomReserved) };
}

function TimeMarks({ layout, nowColor, styles }: { layout: OverlayLayout; nowColor: string; styles: Styles }) {
  const theme = useTheme2();
  return (
    <>
      {layout.labels.map((label) => (
        <div
          key={label.key}
          data-testid={label.kind === 'now' ? panelTestIds.nowMarker : panelTestIds.originMarker}
          data-time-label={label.text}
          title={label.hidden ? label.text : undefined}
          className={label.kind === 'now' ? styles.now : styles.origin}
          style={{
            left: label.left,
            height: layout.height,
            borderColor: label.stale ? theme.colors.warning.main : nowColor,
          }}
        >
          {!label.hidden && (
            <span
              className={styles.timeLabel}
              data-testid={panelTestIds.timeLabel}
              style={{
                color: label.stale ? theme.colors.warning.text : nowColor,
                top: label.row * LABEL_ROW,
                ...(label.flip ? { right: 3 } : { left: 3 }),
              }}
            >
              {label.text}
            </span>
          )}
        </div>
      ))}
    </>
  );
}

interface MarkersProps {
  plot: uPlot;
  placed: Placed[];
  hovered: string | null;
  setHovered: React.Dispatch<React.SetStateAction<string | null>>;
  styles: Styles;
}

function ActionMarkers({ plot, placed, hovered, setHovered, styles }: MarkersProps) {
  const keys = useMarkerKeys(
    placed.map((p) => p.marker.id),
    'actions'
  );
  useCloseOnPlotPointer(plot, () => setHovered(null));
  return (
    <>
      {placed.map(({ marker, left, top }) => (
        <div
          key={marker.id}
          role="img"
          tabIndex={keys.tabIndex(marker.id)}
          data-marker-row="actions"
          // the series too: on a panel of several, "Retire at 20:30" did not say which version
          aria-label={`${marker.title}${marker.seriesName ? ` for ${marker.seriesName}` : ''} at ${marker.timeText}: ${marker.reason}`}
          data-testid={panelTestIds.actionMarker}
          data-action={marker.kind}
          className={cx(styles.marker, marker.id === hovered && styles.markerActive)}
          style={{
            left: left - MARKER_SIZE / 2,
            top: top - MARKER_SIZE / 2,
            color: marker.color,
            borderColor: marker.color,
          }}
          onMouseEnter={() => {
            leavePlotCursor(plot);
            setHovered(marker.id);
          }}
          onMouseLeave={() => setHovered((h) => (h === marker.id ? null : h))}
          onFocus={() => {
            keys.focused(marker.id);
            setHovered(marker.id);
          }}
          onBlur={() => setHovered((h) => (h === marker.id ? null : h))}
          onKeyDown={(e) => keys.onKeyDown(e, () => setHovered(null))}
        >
          {marker.glyph}
        </div>
      ))}
    </>
  );
}

function MarkerTooltip({ active, plotWidth, styles }: { active: Placed; plotWidth: number; styles: Styles }) {
  return (
    <div
      data-testid={panelTestIds.actionTooltip}
      role="tooltip"
      className={styles.tooltip}
      style={{
        ...besideMarker(active.left, plotWidth, MARKER_SIZE),
        top: Math.max(0, active.top - 24),
        borderColor: active.marker.color,
      }}
    >
      <div className={styles.tooltipTitle} style={{ color: active.marker.color }}>
        {active.marker.glyph} {active.marker.title}
      </div>
      <div className={styles.tooltipTime}>
        {active.marker.timeText}
        {active.marker.seriesName ? ` · ${active.marker.seriesName}` : ''}
      </div>
      <div>{active.marker.reason}</div>
    </div>
  );
}

/** The uPlot instance once it exists, re-rendering this layer on every draw (positions move). */
function usePlot(config: UPlotConfigBuilder): uPlot | null {
  const [plot, setPlot] = useState<uPlot | null>(null);
  const [, setDrawCount] = useState(0);
  const mounted = useRef(true);
  useLayoutEffect(() => {
    mounted.current = true;
    config.addHook('init', (u) => setPlot(u));
    // Every redraw moves the markers; a counter re-renders this layer with fresh positions.
    config.addHook('draw', () => {
      if (mounted.current) {
        setDrawCount((c) => c + 1);
      }
    });
    return () => {
      mounted.current = false;
    };
  }, [config]);
  return plot;
}

export function ChartOverlay(props: Props) {
  const styles = useStyles2(getStyles);
  const plot = usePlot(props.config);
  const [hovered, setHovered] = useState<string | null>(null);
  if (!plot || !plot.over) {
    return null;
  }
  const layout = overlayLayout(plot, props);
  const active = layout.placed.find((p) => p.marker.id === hovered);
  return createPortal(
    <>
      <AnnotationMarks plot={plot} annotations={props.annotations} height={layout.height} />
      <TimeMarks layout={layout} nowColor={props.nowColor} styles={styles} />
      <ActionMarkers plot={plot} placed={layout.placed} hovered={hovered} setHovered={setHovered} styles={styles} />
      {active && <MarkerTooltip active={active} plotWidth={plot.over.clientWidth || 0} styles={styles} />}
    </>,
    plot.over
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  now: css({
    position: 'absolute',
    top: 0,
    width: 0,
    borderLeft: '1px dashed',
    pointerEvents: 'none',
    zIndex: 2,
  }),
  origin: css({
    position: 'absolute',
    top: 0,
    width: 0,
    borderLeft: '1px dotted',
    opacity: 0.8,
    pointerEvents: 'none',
    zIndex: 2,
  }),
  timeLabel: css({
    position: 'absolute',
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: `${LABEL_ROW - 2}px`,
    whiteSpace: 'nowrap',
    padding: '0 2px',
    background: theme.colors.background.primary,
    borderRadius: 2,
  }),
  marker: css({
    position: 'absolute',
    width: MARKER_SIZE,
    height: MARKER_SIZE,
    lineHeight: `${MARKER_SIZE - 2}px`,
    fontSize: 10,
    textAlign: 'center',
    borderRadius: '50%',
    border: '1px solid',
    background: theme.colors.background.primary,
    cursor: 'pointer',
    zIndex: 3,
    userSelect: 'none',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
  markerActive: css({ transform: 'scale(1.25)' }),
  tooltip: css(overlayTooltipStyle(theme)),
  tooltipTitle: css({ fontWeight: theme.typography.fontWeightMedium }),
  tooltipTime: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(0.5) }),
});
