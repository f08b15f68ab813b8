import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { ModelCardContent } from '../data/modelCard';
import { panelTestIds } from '../testIds';

export { MODEL_CARD_HEIGHT } from '../data/layout';

interface Props {
  content: ModelCardContent;
  seriesName?: string;
  /** The section itself: the panel measures its natural height and where its rows end. */
  onSection?: (el: HTMLElement | null) => void;
}

/**
 * Label/value pairs that wrap to as many lines as the panel's width needs (the panel gives the card
 * at most a share of its height and scrolls beyond), plus the warning when one is passed in.
 */
export function ModelCard({ content, seriesName, onSection }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <section ref={onSection} className={styles.card} data-testid={panelTestIds.modelCard} aria-label="Model card">
      {content.warning && (
        <div
          className={styles.warning}
          data-testid={panelTestIds.modelCardWarning}
          role="alert"
          title={content.warning}
        >
          ⚠ {content.warning}
        </div>
      )}
      <dl className={styles.items}>
        {seriesName && (
          <div className={styles.item}>
            <dt>Series</dt>
            <dd>{seriesName}</dd>
          </div>
        )}
        {content.items.map((item) => (
          <div key={item.label} className={styles.item} title={item.hint}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
        {content.retire && (
          <div className={styles.item} title={content.retire.reason}>
            <dt>Retire</dt>
            {/* the reason to keep a version is as much the answer as the reason to retire one */}
            <dd>
              {content.retire.retire
                ? `yes: ${content.retire.reason}`
                : `no: ${content.retire.reason.replace(/^keep:\s*/, '')}`}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    fontSize: theme.typography.bodySmall.fontSize,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    paddingBottom: 2,
  }),
  warning: css({
    padding: theme.spacing(0, 1),
    background: theme.colors.warning.transparent,
    color: theme.colors.warning.text,
    borderRadius: theme.shape.radius.default,
    whiteSpace: 'normal',
  }),
  items: css({
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(2),
    rowGap: 2,
    margin: 0,
    alignContent: 'flex-start',
  }),
  // An item stays on one line where it fits; one wider than the card (a long Retire reason) wraps
  // inside it instead of being cut off at the card's edge.
  item: css({
    display: 'flex',
    gap: theme.spacing(0.5),
    maxWidth: '100%',
    minWidth: 0,
    dt: { color: theme.colors.text.secondary, fontWeight: 'normal', whiteSpace: 'nowrap', flexShrink: 0 },
    dd: { margin: 0, minWidth: 0, whiteSpace: 'normal', overflowWrap: 'anywhere' },
  }),
});
