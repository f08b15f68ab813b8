/**
 * The visible warning line: one wrapping sentence per warning (errors in the error colour), never
 * cut to an ellipsis, scrolling beyond its share of the panel.
 */
import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { NOTE_LINE_HEIGHT } from '../data/layout';
import type { WarningLine } from '../data/warningLine';
import { panelTestIds } from '../testIds';
import { MORE_CHIP_ROOM, MoreChip, useHiddenCount } from './MoreChip';

interface Props {
  warnings: WarningLine[];
  /** The panel's plan: whole lines (a multiple of the line height) when the list does not fit. */
  maxHeight: number;
  /** The list itself, unconstrained: the panel measures its natural height. */
  onContent?: (el: HTMLUListElement | null) => void;
}

export function WarningList({ warnings, maxHeight, onContent }: Props) {
  const styles = useStyles2(getStyles);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  // A warning partly out of sight counts: its sentence is not read to the end.
  const hidden = useHiddenCount(scroller, 'li', maxHeight);
  return (
    <div className={styles.box}>
      <div
        ref={setScroller}
        className={styles.scroller}
        data-testid={panelTestIds.warnings}
        // Room for the "+N more" chip at the bottom right, so it never covers the end of a sentence.
        style={{ maxHeight, paddingRight: hidden > 0 ? MORE_CHIP_ROOM : undefined }}
      >
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
      <MoreChip count={hidden} scroller={scroller} what="warnings" testId={panelTestIds.warningsMore} />
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
    box: css({ position: 'relative', flexShrink: 0 }),
    scroller: css({ overflowY: 'auto', overflowX: 'hidden', flexShrink: 0 }),
    warnings: css({ listStyle: 'none', margin: 0, padding: 0 }),
    noteError: css({ ...note, color: theme.colors.error.text }),
    noteWarning: css({ ...note, color: theme.colors.warning.text }),
  };
};
