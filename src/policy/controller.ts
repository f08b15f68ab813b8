/**
 * The stateful half of a policy: applies the rule's recommendation the way a real autoscaler would,
 * with min/max clamps, a scale-down stabilisation window (the highest recommendation of the window
 * wins, as in the Kubernetes HPA), a cooldown between changes, and scale-up reasons that say when the
 * new replicas will be ready. The plan (forecast) and the replay (history) both drive this one class,
 * so what the panel recommends and what the benchmark measures are the same rules.
 */
import { formatSeconds, formatTime, replicaWord } from './format';
import { describeLoad, recommend, type LoadPoint, type WordsContext } from './rules';
import type { ScaleAction, ScalingPolicy } from './types';

/** Why a wanted change did not happen; lets callers report a hold once rather than every interval. */
export type HoldCause = 'cooldown' | 'stabilization' | 'limit' | 'no-data';

export interface Evaluation {
  /** An up/down action that was taken, a hold explaining a change that was wanted but not made, or null. */
  action: ScaleAction | null;
  holdCause?: HoldCause;
  /** What the rule recommended before stabilisation and cooldown. */
  recommended: number;
}

interface PastRecommendation {
  timeMs: number;
  replicas: number;
}

export class ScaleController {
  private recommendations: PastRecommendation[] = [];
  private lastChangeMs: number | null = null;

  constructor(
    private readonly policy: ScalingPolicy,
    /** Replicas currently asked for. */
    public target: number,
    private readonly words: WordsContext
  ) {}

  evaluate(timeMs: number, load: LoadPoint | null): Evaluation {
    const from = this.target;
    const at = (t: number) => formatTime(t, this.words.referenceMs, this.words.timeZone);
    const hold = (reason: string, holdCause: HoldCause, recommended: number): Evaluation => ({
      action: { timeMs, action: 'hold', from, to: from, reason },
      holdCause,
      recommended,
    });

    if (load === null) {
      return hold(
        `no usable load value at ${at(timeMs)} (missing or NaN): keeping ${replicaWord(from)}`,
        'no-data',
        from
      );
    }

    const rec = recommend(this.policy, from, load, this.words);
    this.remember(timeMs, rec.replicas);

    // Outside [min, max] (a manual change, or a policy edit): correct at once, whatever the cooldown.
    const outOfBounds = from < this.policy.minReplicas || from > this.policy.maxReplicas;
    let to = rec.replicas;
    let reason = rec.reason;

    if (!outOfBounds && to < from) {
      const window = this.highestInWindow(timeMs);
      if (window.replicas > to) {
        const span = formatSeconds(this.policy.scaleDownStabilizationSec);
        const stabilised = Math.min(from, window.replicas);
        if (stabilised === from) {
          return hold(
            `${describeLoad(load, this.policy, this.words)} would allow ${replicaWord(to)}, but the ${span} ` +
              `stabilisation window still recommends ${window.replicas} (at ${at(window.timeMs)})`,
            'stabilization',
            rec.replicas
          );
        }
        reason = `${reason}; the ${span} stabilisation window keeps ${stabilised} (recommended at ${at(window.timeMs)})`;
        to = stabilised;
      }
    }

    if (to === from) {
      // Worth saying only at the top: the load may outgrow what maxReplicas can serve. Sitting at the
      // minimum is the normal quiet state.
      const wantedMore = rec.limitedBy === 'max' && from === this.policy.maxReplicas;
      return wantedMore ? hold(reason, 'limit', rec.replicas) : { action: null, recommended: rec.replicas };
    }

    if (!outOfBounds && this.lastChangeMs !== null && timeMs - this.lastChangeMs < this.policy.cooldownSec * 1000) {
      const until = this.lastChangeMs + this.policy.cooldownSec * 1000;
      return hold(
        `${reason}; waiting for the ${formatSeconds(this.policy.cooldownSec)} cooldown after the change at ` +
          `${at(this.lastChangeMs)} (until ${at(until)})`,
        'cooldown',
        rec.replicas
      );
    }

    if (to > from && this.policy.leadTimeSec > 0) {
      const ready = timeMs + this.policy.leadTimeSec * 1000;
      reason = `${reason}; ready about ${at(ready)} (${formatSeconds(this.policy.leadTimeSec)} lead time)`;
    }
    this.target = to;
    this.lastChangeMs = timeMs;
    return { action: { timeMs, action: to > from ? 'up' : 'down', from, to, reason }, recommended: rec.replicas };
  }

  private remember(timeMs: number, replicas: number): void {
    this.recommendations.push({ timeMs, replicas });
    const oldest = timeMs - this.policy.scaleDownStabilizationSec * 1000;
    // Recommendations arrive in time order, so expired ones are at the front.
    let drop = 0;
    while (drop < this.recommendations.length && this.recommendations[drop].timeMs < oldest) {
      drop++;
    }
    if (drop > 0) {
      this.recommendations.splice(0, drop);
    }
  }

  /** Highest recommendation inside the stabilisation window (ties: the most recent). */
  private highestInWindow(timeMs: number): PastRecommendation {
    let best: PastRecommendation = { timeMs, replicas: -Infinity };
    for (const r of this.recommendations) {
      if (r.replicas >= best.replicas) {
        best = r;
      }
    }
    return best;
  }
}
