/** The scaling policy a query runs with: defaults ← data source defaults ← query overrides, validated. */
import { DEFAULT_POLICY, validatePolicy } from '../policy';
import { MAX_REPLICAS } from '../policy/validate';
import type { ScalingPolicy } from '../policy/types';
import { configError } from './errors';

export function effectivePolicy(
  dataSourceDefault: Partial<ScalingPolicy> | undefined,
  query: Partial<ScalingPolicy> | undefined
): ScalingPolicy {
  try {
    return validatePolicy({ ...DEFAULT_POLICY, ...(dataSourceDefault ?? {}), ...(query ?? {}) });
  } catch (err) {
    throw configError(err instanceof Error ? err.message : String(err));
  }
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
