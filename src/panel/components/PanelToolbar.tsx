/**
 * The panel's toolbar row: training progress, the plain-series hint or the accuracy headline on the
 * left; the card's series picker and the Model and Chart/Table toggles on the right. Renders what
 * the view-model decided (`ToolbarView`); the only state it touches is the parent's toggles.
 */
import React, { useId } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Combobox, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import { NOTE_LINE_HEIGHT, TOOLBAR_HEIGHT } from '../data/layout';
import type { ToolbarLead, ToolbarView } from '../data/viewModel';
import { panelTestIds } from '../testIds';
import type { PanelView } from '../types';
import { TrainingProgress } from './TrainingProgress';

export interface ToolbarActions {
  onView(view: PanelView): void;
  onCardOpen(open: boolean): void;
  onCardSeries(key: string): void;
}

const VIEW_OPTIONS: Array<{ value: PanelView; label: string }> = [
  { value: 'chart', label: 'Chart' },
  { value: 'table', label: 'Table' },
];

function Lead({ lead }: { lead?: ToolbarLead }) {
  const styles = useStyles2(getStyles);
  switch (lead?.kind) {
    case 'progress':
      return <TrainingProgress progress={lead.progress} stale={lead.stale} />;
    case 'hint':
      return (
        <span className={styles.hint} data-testid={panelTestIds.hint}>
          {lead.text}
        </span>
      );
    case 'headline':
      return (
        <span className={styles.headline} data-testid={panelTestIds.accuracyHeadline}>
          {lead.text}
        </span>
      );
    default:
      return null;
  }
}

function Toggles({ toggles, actions }: { toggles: NonNullable<ToolbarView['toggles']>; actions: ToolbarActions }) {
  const styles = useStyles2(getStyles);
  const { cardOpen, seriesPicker } = toggles;
  const pickerLabel = useId();
  return (
    <div className={styles.right}>
      {seriesPicker && (
        <div className={styles.picker} data-testid={panelTestIds.cardSeriesPicker}>
          {/* Combobox passes aria-labelledby to its input, not aria-label (the input had no name) */}
          <span id={pickerLabel} className={styles.hiddenLabel}>
            Model card series
          </span>
          <Combobox
            aria-labelledby={pickerLabel}
            options={seriesPicker.options}
            value={seriesPicker.value}
            onChange={(v) => actions.onCardSeries(v.value)}
            width="auto"
            minWidth={12}
            maxWidth={28}
          />
        </div>
      )}
      <Button
        size="sm"
        variant={cardOpen ? 'primary' : 'secondary'}
        fill={cardOpen ? 'solid' : 'outline'}
        icon="info-circle"
        aria-pressed={cardOpen}
        title={cardOpen ? 'Hide the model card' : 'Show the model card: accuracy, model, backend'}
        data-testid={panelTestIds.modelCardToggle}
        onClick={() => actions.onCardOpen(!cardOpen)}
      >
        Model
      </Button>
      <div data-testid={panelTestIds.viewToggle}>
        <RadioButtonGroup<PanelView>
          aria-label="Panel view"
          size="sm"
          value={toggles.view}
          onChange={actions.onView}
          options={VIEW_OPTIONS}
        />
      </div>
    </div>
  );
}

/**
 * Memoised: the panel renders several times while its header measures itself, and @grafana/ui's
 * Combobox (the series picker) reads the layout on every render, so it renders only when the toolbar's
 * view or actions change.
 */
export const PanelToolbar = React.memo(function PanelToolbar({
  toolbar,
  actions,
}: {
  toolbar: ToolbarView;
  actions: ToolbarActions;
}) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.toolbar}>
      <div className={styles.left}>
        <Lead lead={toolbar.lead} />
      </div>
      {toolbar.toggles && <Toggles toggles={toolbar.toggles} actions={actions} />}
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  // read by screen readers only (the picker's visible text is the series itself)
  hiddenLabel: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  }),
  // Wraps onto a second row on narrow panels: the toggles and the progress text never overlap.
  toolbar: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(0.5, 1),
    minHeight: TOOLBAR_HEIGHT,
  }),
  left: css({ flex: '1 1 200px', minWidth: 0 }),
  right: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    flexShrink: 0,
    marginLeft: 'auto',
  }),
  headline: css({ fontSize: theme.typography.bodySmall.fontSize, lineHeight: `${NOTE_LINE_HEIGHT}px` }),
  picker: css({ maxWidth: 200 }),
  hint: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
  }),
});
