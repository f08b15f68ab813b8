/**
 * The scaling rules themselves, stateless: given the load the policy plans on and the current replica
 * count, how many replicas does each policy kind want, and why (in words). Stabilisation, cooldown and
 * lead time are the controller's job (`controller.ts`); this file only answers "what would the rule say".
 */
import { formatLoad, formatNumber, formatTime, replicaWord } from './format';
import type { ScalingPolicy } from './types';

/** One load value the policy plans on: a forecast point (or the peak of a window of them) or an observation. */
export interface LoadPoint {
  /** Finite and ≥ 0 (callers clamp negatives and drop NaN before calling the rules). */
  value: number;
  timeMs: number;
  /** Words for where the value comes from: "forecast", "forecast upper 80 %", "current". */
  label: string;
}

export interface Recommendation {
  /** Desired replicas, already clamped to [minReplicas, maxReplicas]. */
  replicas: number;
  reason: string;
  /** Set when the clamp changed what the rule asked for. */
  limitedBy?: 'min' | 'max';
}

export interface WordsContext {
  /** Times in reasons are written relative to this day ("14:35" vs "Nov 22 14:35"). */
  referenceMs: number;
  timeZone?: string;
}

export function describeLoad(load: LoadPoint, policy: ScalingPolicy, words: WordsContext): string {
  return `${load.label} ${formatLoad(load.value, policy.unit)} at ${formatTime(load.timeMs, words.referenceMs, words.timeZone)}`;
}

function clamp(policy: ScalingPolicy, wanted: number, reason: string): Recommendation {
  if (wanted > policy.maxReplicas) {
    return {
      replicas: policy.maxReplicas,
      reason: `${reason}; capped at the maximum of ${policy.maxReplicas}`,
      limitedBy: 'max',
    };
  }
  if (wanted < policy.minReplicas) {
    return {
      replicas: policy.minReplicas,
      reason: `${reason}; kept at the minimum of ${policy.minReplicas}`,
      limitedBy: 'min',
    };
  }
  return { replicas: wanted, reason };
}

/** Kubernetes HPA rule: ceil(load / capacity), unless load is within the tolerance of current capacity. */
function targetTracking(policy: ScalingPolicy, current: number, load: LoadPoint, words: WordsContext): Recommendation {
  const base = describeLoad(load, policy, words);
  const cap = policy.capacityPerReplica;
  const perReplica = `at ${formatLoad(cap, policy.unit)} each`;
  if (current > 0) {
    const ratio = load.value / (current * cap);
    // The epsilon keeps a ratio of exactly 1 ± tolerance (2,750 / 2,500) inside despite float rounding.
    if (Math.abs(ratio - 1) <= policy.tolerance + 1e-9) {
      const pct = formatNumber(policy.tolerance * 100);
      return clamp(
        policy,
        current,
        `${base} is within ${pct} % of the capacity of ${replicaWord(current)} (${formatLoad(current * cap, policy.unit)})`
      );
    }
  }
  const wanted = Math.ceil(load.value / cap);
  if (wanted > current) {
    const capacityNow = formatLoad(current * cap, policy.unit);
    return clamp(
      policy,
      wanted,
      `${base} exceeds ${capacityNow}, the capacity of ${replicaWord(current)}; needs ${replicaWord(wanted)} ${perReplica}`
    );
  }
  if (wanted < current) {
    return clamp(policy, wanted, `${base} needs only ${replicaWord(wanted)} ${perReplica}`);
  }
  return clamp(policy, current, `${base} fits ${replicaWord(current)} ${perReplica}`);
}

/** The original design: above the high threshold add one step, below the low one remove one step. */
function thresholds(policy: ScalingPolicy, current: number, load: LoadPoint, words: WordsContext): Recommendation {
  const perReplica = policy.thresholdBasis === 'perReplica';
  const metric = perReplica ? load.value / Math.max(current, 1) : load.value;
  const base = perReplica
    ? `${describeLoad(load, policy, words)} is ${formatLoad(metric, policy.unit)} per replica, which`
    : describeLoad(load, policy, words);
  const high = formatNumber(policy.highThreshold);
  const low = formatNumber(policy.lowThreshold);
  if (metric > policy.highThreshold) {
    return clamp(policy, current + policy.step, `${base} exceeds ${high}`);
  }
  if (metric < policy.lowThreshold) {
    return clamp(policy, current - policy.step, `${base} is below ${low}`);
  }
  return clamp(policy, current, `${base} is between ${low} and ${high}`);
}

/** What the policy's rule wants for this load and current replica count (clamped to min/max). */
export function recommend(
  policy: ScalingPolicy,
  current: number,
  load: LoadPoint,
  words: WordsContext
): Recommendation {
  return policy.kind === 'thresholds'
    ? thresholds(policy, current, load, words)
    : targetTracking(policy, current, load, words);
}
