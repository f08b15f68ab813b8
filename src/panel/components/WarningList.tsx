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

interface Props {
  warnings: WarningLine[];
  /** The panel's plan: whole lines (a multiple of the line height) when the list does not fit. */
  maxHeight: number;
  /** The list itself, unconstrained: the panel measures its natural height. */
  onContent?: (el: HTMLUListElement | null) => void;
}

export function WarningList({ warnings, maxHeight, onContent }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.scroller} data-testid={panelTestIds.warnings} style={{ maxHeight }}>
      <ul ref={onContent} className={styles.warnings} aria-label="Warnings">
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
    </div>
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
    scroller: css({ overflowY: 'auto', overflowX: 'hidden', flexShrink: 0 }),
    warnings: css({ listStyle: 'none', margin: 0, padding: 0 }),
    noteError: css({ ...note, color: theme.colors.error.text }),
    noteWarning: css({ ...note, color: theme.colors.warning.text }),
  };
};
