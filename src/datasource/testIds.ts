/**
 * data-testid values of the data source editors, shared with browser tests. Radio groups have none:
 * @grafana/ui's RadioButtonGroup does not forward data-testid; tests find their options by role and name.
 */
export const testIds = {
  config: {
    prometheus: 'foresight-config-prometheus',
    baseUrl: 'foresight-config-base-url',
    maxSeries: 'foresight-config-max-series',
    requestTimeout: 'foresight-config-request-timeout',
  },
  query: {
    editor: 'foresight-query-editor',
    expr: 'foresight-query-expr',
    legend: 'foresight-query-legend',
    unit: 'foresight-query-unit',
    window: 'foresight-query-window',
    step: 'foresight-query-step',
    horizon: 'foresight-query-horizon',
    modelRef: 'foresight-query-model-ref',
    savedModelNames: 'foresight-query-saved-model-names',
    fineTune: 'foresight-query-fine-tune',
    maxAge: 'foresight-query-max-age',
    maxRelMae: 'foresight-query-max-rel-mae',
    lstmWindow: 'foresight-query-lstm-window',
    lstmUnits: 'foresight-query-lstm-units',
    lstmEpochs: 'foresight-query-lstm-epochs',
    currentReplicas: 'foresight-query-current-replicas',
    retireThreshold: 'foresight-query-retire-threshold',
    durationError: 'foresight-query-duration-error',
    serverJob: 'foresight-query-server-job',
  },
  policy: {
    capacity: 'foresight-policy-capacity',
    low: 'foresight-policy-low',
    high: 'foresight-policy-high',
    min: 'foresight-policy-min',
    max: 'foresight-policy-max',
    stabilization: 'foresight-policy-stabilization',
    cooldown: 'foresight-policy-cooldown',
    leadTime: 'foresight-policy-lead-time',
    error: 'foresight-policy-error',
  },
} as const;
