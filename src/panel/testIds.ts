/** Test ids shared by the unit tests (RTL) and the browser tests (Playwright on the playground). */
export const panelTestIds = {
  root: 'data-testid foresight-panel',
  chart: 'data-testid foresight-panel-chart',
  message: 'data-testid foresight-panel-message',
  hint: 'data-testid foresight-panel-hint',
  warnings: 'data-testid foresight-panel-warnings',
  viewToggle: 'data-testid foresight-panel-view-toggle',
  modelCardToggle: 'data-testid foresight-panel-model-card-toggle',
  table: 'data-testid foresight-panel-table',
  tableRow: 'data-testid foresight-panel-table-row',
  modelCard: 'data-testid foresight-panel-model-card',
  modelCardWarning: 'data-testid foresight-panel-model-card-warning',
  progress: 'data-testid foresight-panel-progress',
  actionMarker: 'data-testid foresight-panel-action-marker',
  actionTooltip: 'data-testid foresight-panel-action-tooltip',
  annotationMarker: 'data-testid foresight-panel-annotation-marker',
  annotationTooltip: 'data-testid foresight-panel-annotation-tooltip',
  /** The chart's hover tooltip (one line per series shown). */
  chartTooltip: 'data-testid foresight-panel-chart-tooltip',
  nowMarker: 'data-testid foresight-panel-now-marker',
  /** Forecast origin line ("last sample 52m ago"). */
  originMarker: 'data-testid foresight-panel-origin-marker',
  /** Text label of a time mark ("now", "last sample 52m ago"). */
  timeLabel: 'data-testid foresight-panel-time-label',
  /** One sentence of the visible warning line. */
  warning: 'data-testid foresight-panel-warning',
  /** The accuracy headline ("Typical error ±0.12 req/s; 21 % better than …"). */
  accuracyHeadline: 'data-testid foresight-panel-accuracy-headline',
  /** The model card's series picker (Grafana Select). */
  cardSeriesPicker: 'data-testid foresight-panel-card-series-picker',
  /** "+N more" where a part of the panel scrolls some of its entries out of sight. */
  legendMore: 'data-testid foresight-panel-legend-more',
  modelCardMore: 'data-testid foresight-panel-model-card-more',
  warningsMore: 'data-testid foresight-panel-warnings-more',
} as const;
