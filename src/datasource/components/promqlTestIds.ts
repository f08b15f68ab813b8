/**
 * data-testid values of the PromQL field's suggestion list, shared with browser tests. Kept apart
 * from the component so Playwright specs import them without loading @grafana/ui.
 */
export const promqlTestIds = {
  suggestions: 'foresight-promql-suggestions',
  completionNote: 'foresight-promql-completion-note',
} as const;
