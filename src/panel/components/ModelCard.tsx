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
}

/**
 * Label/value pairs that wrap to as many lines as the panel's width needs (the panel gives the card
 * at most a share of its height and scrolls beyond), plus the warning when one is passed in.
 */
export function ModelCard({ content, seriesName }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.card} data-testid={panelTestIds.modelCard} aria-label="Model card">
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
            <dd>{content.retire.retire ? `yes: ${content.retire.reason}` : 'no'}</dd>
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
  item: css({
    display: 'flex',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
    dt: { color: theme.colors.text.secondary, fontWeight: 'normal' },
    dd: { margin: 0 },
  }),
});
