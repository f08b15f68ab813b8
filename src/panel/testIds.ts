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
  nowMarker: 'data-testid foresight-panel-now-marker',
} as const;
