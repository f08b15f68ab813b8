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
    // The pointer goes on to the plot beneath: the box never takes the hover from its marker.
    pointerEvents: 'none',
    whiteSpace: 'normal',
  };
}
