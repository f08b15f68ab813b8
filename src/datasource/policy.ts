/** The scaling policy a query runs with: defaults ← data source defaults ← query overrides, validated. */
import { DEFAULT_POLICY, validatePolicy } from '../policy';
import type { ScalingPolicy } from '../policy/types';
import { configError } from './errors';

export function effectivePolicy(dataSourceDefault: Partial<ScalingPolicy> | undefined, query: Partial<ScalingPolicy> | undefined): ScalingPolicy {
  try {
    return validatePolicy({ ...DEFAULT_POLICY, ...(dataSourceDefault ?? {}), ...(query ?? {}) });
  } catch (err) {
    throw configError(err instanceof Error ? err.message : String(err));
  }
}
