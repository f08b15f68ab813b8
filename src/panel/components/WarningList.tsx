/**
 * The visible warning line: one wrapping sentence per warning (errors in the error colour), never
 * cut to an ellipsis, scrolling beyond its share of the panel.
 */
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { NOTE_LINE_HEIGHT } from '../data/layout';
import type { WarningLine } from '../data/warningLine';
import { panelTestIds } from '../testIds';

export function WarningList({ warnings, maxHeight }: { warnings: WarningLine[]; maxHeight: number }) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.warnings} data-testid={panelTestIds.warnings} aria-label="Warnings" style={{ maxHeight }}>
      {warnings.map((n) => (
        <li
          key={n.text}
          data-testid={panelTestIds.warning}
          className={n.kind === 'error' ? styles.noteError : styles.noteWarning}
          title={n.title}
        >
          {n.text}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  // Warnings wrap: a sentence that says what was dropped is never cut to an ellipsis.
  const note = {
    lineHeight: `${NOTE_LINE_HEIGHT}px`,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'normal' as const,
    overflowWrap: 'anywhere' as const,
    padding: theme.spacing(0, 0.5),
    margin: 0,
  };
  return {
    warnings: css({ listStyle: 'none', margin: 0, padding: 0, overflowY: 'auto' }),
    noteError: css({ ...note, color: theme.colors.error.text }),
    noteWarning: css({ ...note, color: theme.colors.warning.text }),
  };
};
