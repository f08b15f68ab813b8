/**
 * The dashboard's annotations on the plot, as Grafana's time-series panel draws them: a dashed line
 * at an event, a shaded span over a region, and on the time axis a marker (a triangle, or a bar as
 * long as the region) that shows the annotation's time, query, tags and text on hover or focus.
 * Lines and spans let the pointer through to the plot; only the markers take it.
 */
import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type uPlot from 'uplot';
import { useMarkerKeys } from './markerKeys';
import { leavePlotCursor, useCloseOnPlotPointer } from './plotCursor';
import type { PanelAnnotation } from '../data/annotations';
import { panelTestIds } from '../testIds';
import { besideMarker, overlayTooltipStyle } from './overlayStyles';

/** Height of the annotations' marker strip at the bottom of the plot (scale-action markers stay above it). */
export const MARK_HEIGHT = 8;
const TRIANGLE_HALF = 5;

interface Placed {
  annotation: PanelAnnotation;
  left: number;
  /** Right edge of a region (clipped to the plot); undefined for an event. */
  right?: number;
}

/** Where each annotation falls on this draw of the plot; those wholly outside it are left out. */
export function placeAnnotations(
  annotations: PanelAnnotation[],
  toPos: (ms: number) => number,
  width: number
): Placed[] {
  const placed: Placed[] = [];
  for (const annotation of annotations) {
    const start = toPos(annotation.timeMs);
    const end = annotation.endMs !== undefined ? toPos(annotation.endMs) : undefined;
    if (!Number.isFinite(start) || (end !== undefined && !Number.isFinite(end))) {
      continue;
    }
    if (end === undefined) {
      if (start >= -1 && start <= width + 1) {
        placed.push({ annotation, left: start });
      }
    } else if (end >= 0 && start <= width) {
      placed.push({ annotation, left: Math.max(0, start), right: Math.min(width, end) });
    }
  }
  return placed;
}

interface Props {
  plot: uPlot;
  annotations: PanelAnnotation[];
  height: number;
}

export function AnnotationMarks({ plot, annotations, height }: Props) {
  const styles = useStyles2(getStyles);
  const [hovered, setHovered] = useState<string | null>(null);
  const width = plot.over.clientWidth || 0;
  const placed = placeAnnotations(annotations, (ms) => plot.valToPos(ms, 'x'), width);
  const active = placed.find((p) => p.annotation.id === hovered);
  const leave = (id: string) => setHovered((h) => (h === id ? null : h));
  const keys = useMarkerKeys(
    placed.map((p) => p.annotation.id),
    'annotations'
  );
  useCloseOnPlotPointer(plot, () => setHovered(null));
  return (
    <>
      {placed.map(({ annotation, left, right }) =>
        right === undefined ? (
          <div
            key={`line-${annotation.id}`}
            className={styles.line}
            style={{ left, height, borderColor: annotation.color }}
          />
        ) : (
          <div
            key={`span-${annotation.id}`}
            className={styles.span}
            style={{ left, width: Math.max(1, right - left), height, background: annotation.color }}
          />
        )
      )}
      {placed.map(({ annotation, left, right }) => (
        <div
          key={annotation.id}
          role="img"
          tabIndex={keys.tabIndex(annotation.id)}
          data-marker-row="annotations"
          aria-label={`Annotation ${annotation.title || annotation.source || ''} at ${annotation.timeText}: ${annotation.text}`}
          data-testid={panelTestIds.annotationMarker}
          data-annotation-time={annotation.timeMs}
          className={styles.mark}
          style={
            right === undefined
              ? { left: left - TRIANGLE_HALF - 2, top: height - MARK_HEIGHT, width: 2 * TRIANGLE_HALF + 4 }
              : { left, top: height - MARK_HEIGHT, width: Math.max(2 * TRIANGLE_HALF, right - left) }
          }
          onMouseEnter={() => {
            leavePlotCursor(plot);
            setHovered(annotation.id);
          }}
          onMouseLeave={() => leave(annotation.id)}
          onFocus={() => {
            keys.focused(annotation.id);
            setHovered(annotation.id);
          }}
          onBlur={() => leave(annotation.id)}
          onKeyDown={(e) => keys.onKeyDown(e, () => setHovered(null))}
        >
          {right === undefined ? (
            <div className={styles.triangle} style={{ borderBottomColor: annotation.color }} />
          ) : (
            <div className={styles.bar} style={{ background: annotation.color }} />
          )}
        </div>
      ))}
      {active && <AnnotationTooltip placed={active} plotWidth={width} height={height} styles={styles} />}
    </>
  );
}

type Styles = ReturnType<typeof getStyles>;

function AnnotationTooltip({
  placed,
  plotWidth,
  height,
  styles,
}: {
  placed: Placed;
  plotWidth: number;
  height: number;
  styles: Styles;
}) {
  const { annotation, left } = placed;
  const detail = [annotation.source, ...annotation.tags].filter((t) => t).join(' · ');
  return (
    <div
      data-testid={panelTestIds.annotationTooltip}
      role="tooltip"
      className={styles.tooltip}
      style={{
        ...besideMarker(left, plotWidth),
        bottom: MARK_HEIGHT + 4,
        maxHeight: Math.max(60, height - MARK_HEIGHT - 8),
        borderColor: annotation.color,
      }}
    >
      <div className={styles.tooltipTitle} style={{ color: annotation.color }}>
        {annotation.title || annotation.source || 'Annotation'}
      </div>
      <div className={styles.tooltipTime}>{annotation.timeText}</div>
      {annotation.text && <div>{annotation.text}</div>}
      {detail && <div className={styles.tooltipTime}>{detail}</div>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  line: css({
    position: 'absolute',
    top: 0,
    width: 0,
    borderLeft: '1px dashed',
    opacity: 0.7,
    pointerEvents: 'none',
    zIndex: 1,
  }),
  span: css({ position: 'absolute', top: 0, opacity: 0.1, pointerEvents: 'none', zIndex: 1 }),
  mark: css({
    position: 'absolute',
    height: MARK_HEIGHT,
    display: 'flex',
    justifyContent: 'center',
    alignItems: 'flex-end',
    cursor: 'pointer',
    zIndex: 2,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
  triangle: css({
    width: 0,
    height: 0,
    borderLeft: `${TRIANGLE_HALF}px solid transparent`,
    borderRight: `${TRIANGLE_HALF}px solid transparent`,
    borderBottom: `${MARK_HEIGHT - 1}px solid`,
  }),
  bar: css({ width: '100%', height: 4, borderRadius: 1 }),
  // Annotation text is whatever its author wrote: long words wrap, a long text is cut at the box.
  tooltip: css({ ...overlayTooltipStyle(theme), overflow: 'hidden', overflowWrap: 'anywhere' }),
  tooltipTitle: css({ fontWeight: theme.typography.fontWeightMedium }),
  tooltipTime: css({ color: theme.colors.text.secondary }),
});
