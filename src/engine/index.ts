/**
 * Public entry of the forecasting engine (pure TypeScript: no Grafana, React or DOM).
 * Node callers initialise with `initEngineNode` from `./node`; browsers/workers with `initEngine`.
 */
export * from './api';
export { forecastSeries, validateRequest, AUTO_CANDIDATES, REQUESTABLE_METHODS, MAX_HORIZON } from './forecast';
export { initEngine, engineStatus, type InitOptions, type InitResult } from './init';
export { EngineError } from './errors';
export { prepareSeries, medianSpacing, type PreparedSeries } from './prepare';
export { minimumPoints } from './requirements';
export { LSTM_DEFAULTS, LSTM_LIMITS, validateLstmOptions, type OptionLimit } from './options';
export { MEMORY_BUDGET_BYTES, MAX_POINTS } from './budget';
export { ENGINE_VERSION } from './version';
