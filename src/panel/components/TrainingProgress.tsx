import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { TrainProgress } from '../../contract/types';
import { panelTestIds } from '../testIds';

const PHASE_LABEL: Record<TrainProgress['phase'], string> = {
  fetch: 'Fetching from Prometheus',
  prepare: 'Preparing data',
  baselines: 'Fitting baselines',
  train: 'Training LSTM',
  backtest: 'Backtesting',
  forecast: 'Forecasting',
};

/** "Training LSTM · epoch 7/20 · loss 0.0123 (val 0.0150)" */
export function progressText(p: TrainProgress): string {
  const parts = [PHASE_LABEL[p.phase] ?? String(p.phase)];
  if (p.epoch != null) {
    parts.push(p.epochs != null ? `epoch ${p.epoch}/${p.epochs}` : `epoch ${p.epoch}`);
  }
  if (p.loss != null && Number.isFinite(p.loss)) {
    const val = p.valLoss != null && Number.isFinite(p.valLoss) ? ` (val ${p.valLoss.toPrecision(3)})` : '';
    parts.push(`loss ${p.loss.toPrecision(3)}${val}`);
  }
  if (p.message) {
    parts.push(p.message);
  }
  return parts.join(' · ');
}

export function TrainingProgress({ progress, stale }: { progress: TrainProgress; stale: boolean }) {
  const styles = useStyles2(getStyles);
  const fraction = Number.isFinite(progress.fraction) ? Math.min(1, Math.max(0, progress.fraction)) : 0;
  const percent = Math.round(fraction * 100);
  return (
    <div className={styles.wrapper} data-testid={panelTestIds.progress}>
      <div
        className={styles.track}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label="Training progress"
      >
        <div className={styles.bar} style={{ width: `${percent}%` }} />
      </div>
      <span className={styles.text}>
        {progressText(progress)} · {percent} %
        {stale ? ' · showing the previous forecast until the new one arrives' : ''}
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), height: 20, overflow: 'hidden' }),
  track: css({
    flex: '0 0 120px',
    height: 6,
    borderRadius: 3,
    background: theme.colors.background.secondary,
    overflow: 'hidden',
  }),
  bar: css({ height: '100%', background: theme.colors.primary.main, transition: 'width 0.3s' }),
  text: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
});
