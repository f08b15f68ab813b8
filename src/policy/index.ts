/**
 * Scale policy layer: turns engine forecasts into replica plans, scale actions and retire advice, and
 * replays policies over history. Pure TypeScript (no Grafana, no React); see `types.ts` for the contract.
 */
export type * from './types';
export { DEFAULT_POLICY } from './defaults';
export { validatePolicy, PolicyValidationError } from './validate';
export { planReplicas, type PlanOptions } from './plan';
export { adviseRetire, type RetireInput } from './retire';
export {
  replay,
  type Forecaster,
  type ReplayInput,
  type ReplayResult,
  type ReplayRun,
  type ReplayFigures,
  type ReplayTimeline,
} from './replay';
export { formatNumber, formatTime, formatSeconds } from './format';
