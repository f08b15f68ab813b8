/** The look shared by the boxes the chart's overlay shows on hover (scale actions, annotations). */
import type { CSSObject } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export function overlayTooltipStyle(theme: GrafanaTheme2): CSSObject {
  return {
    position: 'absolute',
    zIndex: 4,
    maxWidth: 320,
    padding: theme.spacing(0.75, 1),
    border: '1px solid',
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.primary,
    background: theme.colors.background.primary,
    // The pointer goes on to the plot beneath: the box never takes the hover from its marker.
    pointerEvents: 'none',
    whiteSpace: 'normal',
  };
}

/**
 * Where a hover box goes beside its marker at `left`: to the right of it, or to its left when the
 * marker is in the right half, so the box stays over the plot; `gap` keeps it clear of the marker.
 */
export function besideMarker(left: number, plotWidth: number, gap = 0): { left?: number; right?: number } {
  return left > plotWidth / 2 ? { right: plotWidth - left + gap } : { left: left + gap };
}
