/**
 * The staleness rule, for the reader side. The writer decides `stale` (meta.stale) with
 * src/advisor/staleness.ts; the panel labels the forecast origin ("last sample 52m ago") and words
 * the stale sentence with the same rule, measured against the answer's clock. Re-exported here so
 * the panel depends on the contract only, and both sides of the wire keep one rule.
 */
export { assessStaleness, howLongAgo, staleThresholdMs, type Staleness } from '../advisor/staleness';
