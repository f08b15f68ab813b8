/**
 * Public entry of the forecasting engine (pure TypeScript: no Grafana, React or DOM).
 * Node callers initialise with `initEngineNode` from `./node`; browsers/workers with `initEngine`.
 */
export * from './api';
export { forecastSeries, validateRequest, AUTO_CANDIDATES, MAX_HORIZON } from './forecast';
export { initEngine, engineStatus, type InitOptions, type InitResult } from './init';
export { EngineError } from './errors';
export { prepareSeries, medianSpacing, type PreparedSeries } from './prepare';
export { minimumPoints } from './requirements';
export { ENGINE_VERSION } from './version';
