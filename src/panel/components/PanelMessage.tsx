import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { panelTestIds } from '../testIds';

export type MessageKind = 'info' | 'warning' | 'error';

/** A readable full-panel message for states with nothing to draw (no data, error). */
export function PanelMessage({
  kind,
  title,
  children,
}: {
  kind: MessageKind;
  title: string;
  children?: React.ReactNode;
}) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles.wrapper}
      data-testid={panelTestIds.message}
      data-kind={kind}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      <div className={styles.content}>
        <div className={styles[kind]}>{title}</div>
        {children && <div className={styles.body}>{children}</div>}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // Centred while the message fits; scrolled from its first line when it does not (a long error in
  // a short panel). `justify-content: center` would push an overflowing title out of reach above the
  // top edge, so the content centres itself with auto margins, which fall to 0 when it overflows.
  wrapper: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    flex: '1 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    textAlign: 'center',
    padding: theme.spacing(1),
  }),
  content: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    margin: 'auto 0',
  }),
  info: css({ fontWeight: theme.typography.fontWeightMedium, color: theme.colors.text.primary }),
  warning: css({ fontWeight: theme.typography.fontWeightMedium, color: theme.colors.warning.text }),
  error: css({ fontWeight: theme.typography.fontWeightMedium, color: theme.colors.error.text }),
  body: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, maxWidth: 560 }),
});
