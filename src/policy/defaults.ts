import type { ScalingPolicy } from './types';

/**
 * Starting point for a new panel / query. Thresholds follow the original design (RPS < 50 → down one,
 * > 2,500 → up one, 3..15 replicas); target tracking uses the Kubernetes HPA's 10 % tolerance and its
 * default 5-minute scale-down stabilisation window. The 15-minute lead time is a typical VM/node boot
 * plus warm-up; pods on warm nodes need much less. Predictive plans plan on the forecast mean with a
 * reactive floor (never fewer replicas than the latest observation needs): see README "Decisions".
 */
export const DEFAULT_POLICY: ScalingPolicy = Object.freeze({
  kind: 'target',
  capacityPerReplica: 250,
  tolerance: 0.1,
  lowThreshold: 50,
  highThreshold: 2500,
  step: 1,
  minReplicas: 3,
  maxReplicas: 15,
  scaleDownStabilizationSec: 300,
  cooldownSec: 60,
  leadTimeSec: 900,
  evaluationIntervalSec: 60,
  headroom: 'mean',
  thresholdBasis: 'total',
  reactiveFloor: true,
}) as ScalingPolicy;
