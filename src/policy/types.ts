/**
 * Contract of the scale policy layer. Pure TypeScript: consumes engine forecasts, produces replica
 * timelines, scale actions and retire advice. Used by the data source (frames) and the bench (replay).
 */

export type PolicyKind = 'target' | 'thresholds';
/** Which forecast line the policy plans on: the mean, or an upper band for headroom. */
export type Headroom = 'mean' | 'upper80' | 'upper95';

export interface ScalingPolicy {
  kind: PolicyKind;
  /** target tracking: metric capacity of one replica (e.g. 250 req/s). */
  capacityPerReplica: number;
  /** target tracking: no change while |desired/current - 1| <= tolerance (the HPA's 10 %). */
  tolerance: number;
  /** thresholds: below this scale down one step. */
  lowThreshold: number;
  /** thresholds: above this scale up one step. */
  highThreshold: number;
  /** thresholds: replicas added or removed per step. */
  step: number;
  minReplicas: number;
  maxReplicas: number;
  scaleDownStabilizationSec: number;
  cooldownSec: number;
  /** How long a new replica takes to be ready: scale-ups are asked for this far ahead. */
  leadTimeSec: number;
  evaluationIntervalSec: number;
  headroom: Headroom;
  /**
   * thresholds: compare the thresholds with the total load (the original design, default) or with the
   * load per replica (load / current replicas).
   */
  thresholdBasis?: 'total' | 'perReplica';
  /** Unit used in reasons, e.g. "req/s". Display only. */
  unit?: string;
  /**
   * Predictive plans never ask for fewer replicas than the latest observed value needs: the forecast
   * adds to reactive scaling rather than replacing it (as AWS predictive + dynamic scaling do), so a
   * forecast that misses a surge is caught one evaluation later. Default true (DEFAULT_POLICY): on the
   * replay benchmark it never left the plan short more often than reactive, for 0–5 % more
   * replica-hours, while the bare forecast mean was short more often than reactive on 4 of 7 series
   * (see src/policy/README.md and bench/replay/RESULTS.md).
   */
  reactiveFloor?: boolean;
}

export type ActionKind = 'up' | 'down' | 'hold' | 'retire';

export interface ScaleAction {
  timeMs: number;
  action: ActionKind;
  from: number;
  to: number;
  /** Human words, e.g. "forecast 2,840 req/s at 14:35 exceeds 2,500". */
  reason: string;
}

export interface ReplicaPlan {
  times: number[];
  /** Replicas asked for at each time (the setting to apply; scale-ups are asked for lead time early). */
  replicas: number[];
  actions: ScaleAction[];
  /** Replicas actually serving at each time: a scale-up lands one lead time after it is asked for. */
  ready?: number[];
  /** The forecast line the plan was made on (mean / upper80 / upper95), negatives clamped to 0. */
  load?: number[];
}

export interface RetireAdvice {
  retire: boolean;
  reason: string;
}

/**
 * Entry points the policy layer exports from `src/policy/index.ts` (signatures fixed so the data
 * source and the bench can be written against them):
 *
 *   planReplicas(forecast: Forecast, currentReplicas: number, policy: ScalingPolicy): ReplicaPlan
 *   adviseRetire(input: { upper95: number[]; last24hHourlyPeak: number; threshold: number }): RetireAdvice
 *   replay(...)  // bench only; see src/policy/replay.ts
 *   DEFAULT_POLICY: ScalingPolicy
 */
