import { DEFAULT_POLICY } from './defaults';
import type { Headroom, PolicyKind, ScalingPolicy } from './types';

/** Thrown by `validatePolicy`; `problems` lists every bad field, one sentence each. */
export class PolicyValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid scaling policy: ${problems.join('; ')}`);
    this.name = 'PolicyValidationError';
  }
}

const KINDS: readonly PolicyKind[] = ['target', 'thresholds'];
const HEADROOMS: readonly Headroom[] = ['mean', 'upper80', 'upper95'];
const BASES = ['total', 'perReplica'] as const;

/** Above these a value is a typo, not a policy (a week-long cooldown, 100,000 replicas). */
export const MAX_REPLICAS = 10_000;
const MAX_DURATION_SEC = 7 * 24 * 3600;
const MAX_UNIT_LENGTH = 32;

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Fills a partial policy from `DEFAULT_POLICY` (undefined and null fields take the default) and checks
 * every field. Nothing is clamped silently: an out-of-range value is rejected with a sentence that
 * names the field, the rule and the value, so the editor can show it next to the input. All problems
 * are reported at once. Returns a new object; the input is not modified.
 */
export function validatePolicy(p: Partial<ScalingPolicy>): ScalingPolicy {
  if (p === null || typeof p !== 'object') {
    throw new PolicyValidationError([`expected an object, got ${show(p)}`]);
  }
  // Saved JSON writes a cleared input as null: like undefined, it means "use the default".
  const defined = Object.fromEntries(
    Object.entries(p).filter(([, v]) => v !== undefined && v !== null)
  ) as Partial<ScalingPolicy>;
  const policy: ScalingPolicy = { ...DEFAULT_POLICY, ...defined };
  const problems: string[] = [];

  const oneOf = <T extends string>(field: keyof ScalingPolicy, allowed: readonly T[]) => {
    const v = policy[field];
    if (!allowed.includes(v as T)) {
      problems.push(`${field} must be one of ${allowed.join(', ')} (got ${show(v)})`);
    }
  };
  const finite = (field: keyof ScalingPolicy): number | undefined => {
    const v = policy[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      problems.push(`${field} must be a finite number (got ${show(v)})`);
      return undefined;
    }
    return v;
  };
  const range = (field: keyof ScalingPolicy, min: number, max: number, integer: boolean, what: string) => {
    const v = finite(field);
    if (v === undefined) {
      return;
    }
    if (integer && !Number.isInteger(v)) {
      problems.push(`${field} must be a whole number (got ${v})`);
    } else if (v < min || v > max) {
      problems.push(`${field} must be ${what} (got ${v})`);
    }
  };

  oneOf('kind', KINDS);
  oneOf('headroom', HEADROOMS);
  oneOf('thresholdBasis', BASES);

  const capacity = finite('capacityPerReplica');
  if (capacity !== undefined && capacity <= 0) {
    problems.push(`capacityPerReplica must be above 0 (got ${capacity})`);
  }
  const tolerance = finite('tolerance');
  if (tolerance !== undefined && (tolerance < 0 || tolerance >= 1)) {
    problems.push(`tolerance must be at least 0 and below 1, e.g. 0.1 for 10 % (got ${tolerance})`);
  }

  const low = finite('lowThreshold');
  const high = finite('highThreshold');
  if (low !== undefined && low < 0) {
    problems.push(`lowThreshold must be 0 or more (got ${low})`);
  }
  if (low !== undefined && high !== undefined && high <= low) {
    problems.push(`highThreshold (${high}) must be above lowThreshold (${low}), or the policy would flap`);
  }

  range('minReplicas', 0, MAX_REPLICAS, true, `between 0 and ${MAX_REPLICAS}`);
  range('maxReplicas', 1, MAX_REPLICAS, true, `between 1 and ${MAX_REPLICAS}`);
  if (
    Number.isInteger(policy.minReplicas) &&
    Number.isInteger(policy.maxReplicas) &&
    policy.minReplicas > policy.maxReplicas
  ) {
    problems.push(`minReplicas (${policy.minReplicas}) must not exceed maxReplicas (${policy.maxReplicas})`);
  }
  range('step', 1, MAX_REPLICAS, true, `between 1 and ${MAX_REPLICAS}`);

  const week = `between 0 and ${MAX_DURATION_SEC} (7 days)`;
  range('scaleDownStabilizationSec', 0, MAX_DURATION_SEC, false, week);
  range('cooldownSec', 0, MAX_DURATION_SEC, false, week);
  range('leadTimeSec', 0, MAX_DURATION_SEC, false, week);
  range('evaluationIntervalSec', 1, MAX_DURATION_SEC, false, `between 1 and ${MAX_DURATION_SEC} (7 days)`);

  if (policy.reactiveFloor !== undefined && typeof policy.reactiveFloor !== 'boolean') {
    problems.push(`reactiveFloor must be true or false (got ${show(policy.reactiveFloor)})`);
  }
  if (policy.unit !== undefined && (typeof policy.unit !== 'string' || policy.unit.length > MAX_UNIT_LENGTH)) {
    problems.push(`unit must be text of at most ${MAX_UNIT_LENGTH} characters (got ${show(policy.unit)})`);
  }

  if (problems.length > 0) {
    throw new PolicyValidationError(problems);
  }
  return policy;
}
