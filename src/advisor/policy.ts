/** The scaling policy a query runs with: defaults ← data source defaults ← query overrides, validated. */
import { DEFAULT_POLICY, validatePolicy } from '../policy';
import { MAX_REPLICAS } from '../policy/validate';
import type { ScalingPolicy } from '../policy/types';
import { configError } from './errors';

/**
 * The fields a layer sets: a `null` (provisioned or API JSON; the editor deletes the key instead)
 * means "not set here", so the layer below applies, not the built-in default.
 */
function setFields(layer: Partial<ScalingPolicy> | undefined): Partial<ScalingPolicy> {
  return Object.fromEntries(Object.entries(layer ?? {}).filter(([, v]) => v !== null && v !== undefined));
}

export function effectivePolicy(
  dataSourceDefault: Partial<ScalingPolicy> | undefined,
  query: Partial<ScalingPolicy> | undefined
): ScalingPolicy {
  try {
    return validatePolicy({ ...DEFAULT_POLICY, ...setFields(dataSourceDefault), ...setFields(query) });
  } catch (err) {
    throw configError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Whether anyone stated the replicas: a policy field set in the query or the data source, or the
 * replicas running now. When nobody did, the built-in policy still plans (a default panel draws a
 * replica line), but the frame carries no policy: its minimum of 3 is not this service's, and a
 * retire advice read "Retire (3 → 0)" on a model version whose replicas no one gave.
 */
export function replicasStated(
  dataSourceDefault: Partial<ScalingPolicy> | undefined,
  query: Partial<ScalingPolicy> | undefined,
  currentReplicas: number | undefined
): boolean {
  const set = (layer: Partial<ScalingPolicy> | undefined) => Object.keys(setFields(layer)).length > 0;
  return set(dataSourceDefault) || set(query) || (currentReplicas !== undefined && currentReplicas !== null);
}

/**
 * The replicas running now (the plan's starting point), checked before anything is fetched or
 * trained; unset means the policy's minimum.
 */
export function checkCurrentReplicas(value: number | undefined, minReplicas: number): number {
  if (value === undefined || value === null) {
    return minReplicas;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_REPLICAS) {
    throw configError(`Current replicas must be a whole number from 0 to ${MAX_REPLICAS}; got ${String(value)}.`);
  }
  return value;
}
