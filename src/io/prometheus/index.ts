export * from './types';
export * from './errors';
export * from './chunks';
export * from './merge';
export * from './legend';
export { queryRange, queryRangeRaw, matrixToSeries, buildQueryRangeBody, redactUrl } from './httpClient';
export type { FetchLike, QueryRangeOptions } from './httpClient';
export { baseUrlProblem, shownUrl } from './baseUrl';
