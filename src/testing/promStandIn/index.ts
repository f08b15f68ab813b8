export { PrometheusStandIn, standInSettings, grafanaStyleError } from './PrometheusStandIn';
export type { PromStandInOptions, PromStandInQuery } from './PrometheusStandIn';
export { matrixToDataFrames, resolveRange, goDurationString, parseMinStepMs } from './transform';
