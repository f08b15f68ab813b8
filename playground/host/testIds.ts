/** Test ids of the playground page, shared by the page and the browser tests. */
export const playgroundTestIds = {
  app: 'playground-app',
  loadError: 'playground-load-error',
  dashboardPicker: 'playground-dashboard-picker',
  dashboardTitle: 'playground-dashboard-title',
  /** One line under the toolbar naming the annotation queries that failed. */
  annotationErrors: 'playground-annotation-errors',
  themeToggle: 'playground-theme-toggle',
  panel: (id: number) => `playground-panel-${id}`,
  panelError: (id: number) => `playground-panel-error-${id}`,
  panelState: (id: number) => `playground-panel-state-${id}`,
  panelSummary: (id: number) => `playground-panel-summary-${id}`,
  panelEdit: (id: number) => `playground-panel-edit-${id}`,
  editor: 'playground-editor',
  queryEditor: 'playground-query-editor',
  configEditor: 'playground-config-editor',
  runQuery: 'playground-run-query',
  saveAndTest: 'playground-save-and-test',
  testResult: 'playground-test-result',
  closeEditor: 'playground-close-editor',
} as const;

/** The `window` property that counts the hover-clear events on the dashboard's bus (`busTraffic.ts`). */
export const HOVER_CLEARS_KEY = '__foresightHoverClears';
