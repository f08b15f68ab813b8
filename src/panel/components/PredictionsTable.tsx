import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { useStyles2 } from '@grafana/ui';
import { formatTime, type ValueFormatter } from '../data/format';
import type { PredictionRow } from '../data/tableRows';
import type { ActionMarker } from '../data/actionMarkers';
import { panelTestIds } from '../testIds';

/** Rendering thousands of DOM rows costs more than it tells; the rest is in Inspect → Data. */
export const MAX_TABLE_ROWS = 1000;

interface Props {
  rows: PredictionRow[];
  formatters: Map<string, ValueFormatter>;
  markerStyle: Record<ActionMarker['kind'], { glyph: string; color: string }>;
  /** Columns the panel's options leave out (a latency panel that hides replicas and actions). */
  columns: { replicas: boolean; actions: boolean };
  height: number;
  timeZone?: TimeZone;
}

export function PredictionsTable({ rows, formatters, markerStyle, columns, height, timeZone }: Props) {
  const styles = useStyles2(getStyles);
  const showSeries = new Set(rows.map((r) => r.seriesName)).size > 1;
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const fallback: ValueFormatter = (v) => (v == null ? '–' : String(v));
  if (rows.length === 0) {
    return (
      <div className={styles.empty} data-testid={panelTestIds.table}>
        No forecast steps to list yet.
      </div>
    );
  }
  return (
    <div className={styles.scroll} style={{ height }} data-testid={panelTestIds.table}>
      <table className={styles.table}>
        <thead>
          <tr>
            {showSeries && <th>Series</th>}
            <th>Time</th>
            <th>Forecast</th>
            <th>80 % band</th>
            <th>95 % band</th>
            {columns.replicas && <th>Replicas</th>}
            {columns.actions && <th>Action</th>}
            {columns.actions && <th>Reason</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const f = formatters.get(row.seriesName) ?? fallback;
            return (
              <tr key={`${row.seriesName}-${row.timeMs}`} data-testid={panelTestIds.tableRow}>
                {showSeries && <td>{row.seriesName}</td>}
                <td>{formatTime(row.timeMs, timeZone)}</td>
                <td className={styles.num}>{f(row.forecast)}</td>
                <td className={styles.num}>{row.lower80 == null ? '–' : `${f(row.lower80)} – ${f(row.upper80)}`}</td>
                <td className={styles.num}>{row.lower95 == null ? '–' : `${f(row.lower95)} – ${f(row.upper95)}`}</td>
                {columns.replicas && <td className={styles.num}>{row.replicas ?? '–'}</td>}
                {columns.actions && (
                  <td>
                    {row.actions.map((a, i) => {
                      const style = a.action === 'hold' ? undefined : markerStyle[a.action];
                      return (
                        <span key={i} title={a.reason} className={styles.action} style={{ color: style?.color }}>
                          {style?.glyph} {a.action}
                          {Number.isFinite(a.from) && Number.isFinite(a.to) ? ` ${a.from} → ${a.to}` : ''}
                        </span>
                      );
                    })}
                  </td>
                )}
                {/* read, not hovered: a reason only in a title reached neither keyboards nor screen readers */}
                {columns.actions && (
                  <td className={styles.reason}>
                    {row.actions
                      .filter((a) => a.action !== 'hold')
                      .map((a) => a.reason)
                      .join(' ')}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown.length && (
        <div className={styles.more}>
          Showing the first {shown.length} of {rows.length} rows; see Inspect → Data for all.
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({ overflow: 'auto' }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': {
      padding: theme.spacing(0.25, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      whiteSpace: 'nowrap',
    },
    th: {
      position: 'sticky',
      top: 0,
      background: theme.colors.background.primary,
      fontWeight: theme.typography.fontWeightMedium,
    },
  }),
  num: css({ fontVariantNumeric: 'tabular-nums' }),
  action: css({ marginRight: theme.spacing(1) }),
  reason: css({ '&&': { whiteSpace: 'normal' }, minWidth: 240, color: theme.colors.text.secondary }),
  more: css({
    padding: theme.spacing(0.5, 1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  empty: css({ padding: theme.spacing(2), color: theme.colors.text.secondary }),
});
