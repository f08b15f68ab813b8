/**
 * Predicted actions: walk the forecast horizon the way a live autoscaler would walk time, evaluating the
 * policy every evaluation interval on the peak of the planned line (mean or an upper band) over the
 * next lead time + interval, the span until a replica asked for at the next evaluation could be ready.
 */
import type { Forecast } from '../engine/api';
import { ScaleController, type HoldCause } from './controller';
import { formatTime, replicaWord } from './format';
import type { ReplicaPlan, ScaleAction, ScalingPolicy } from './types';
import { higherLoad, lineLabel, observedLoad, peakInWindow } from './window';

export interface PlanOptions {
  /** IANA zone for times in reasons (default UTC). */
  timeZone?: string;
  /**
   * The latest observed value. With `policy.reactiveFloor` the first evaluation never
   * plans below it, so a surge the forecast misses is still answered now.
   */
  lastObserved?: { value: number; timeMs: number };
}

function checkInputs(forecast: Forecast, currentReplicas: number): number {
  if (!forecast || typeof forecast !== 'object') {
    throw new Error(`planReplicas: forecast must be an object (got ${String(forecast)})`);
  }
  if (!Number.isFinite(forecast.startMs)) {
    throw new Error(`planReplicas: forecast.startMs must be an epoch time in ms (got ${String(forecast.startMs)})`);
  }
  if (!Number.isFinite(forecast.stepMs) || forecast.stepMs <= 0) {
    throw new Error(`planReplicas: forecast.stepMs must be a positive number of ms (got ${String(forecast.stepMs)})`);
  }
  if (typeof currentReplicas !== 'number' || !Number.isFinite(currentReplicas) || currentReplicas < 0) {
    throw new Error(
      `planReplicas: currentReplicas must be a number of replicas, 0 or more (got ${String(currentReplicas)})`
    );
  }
  // An averaged replica gauge can be fractional; the plan reasons in whole replicas.
  return Math.round(currentReplicas);
}

/**
 * Replica timeline and actions over the forecast horizon. `replicas` is what to ask for at each time,
 * `ready` what is serving (scale-ups land one lead time later). An empty forecast gives an empty
 * timeline and a single hold; a window with no usable values gives a hold that says so.
 */
export function planReplicas(
  forecast: Forecast,
  currentReplicas: number,
  policy: ScalingPolicy,
  options: PlanOptions = {}
): ReplicaPlan {
  const current = checkInputs(forecast, currentReplicas);
  const { startMs, stepMs } = forecast;
  const line: ReadonlyArray<number | null> = forecast[policy.headroom] ?? forecast.mean ?? [];
  const words = { referenceMs: startMs, timeZone: options.timeZone };

  if (line.length === 0) {
    return {
      times: [],
      replicas: [],
      ready: [],
      load: [],
      actions: [
        {
          timeMs: startMs,
          action: 'hold',
          from: current,
          to: current,
          reason: `empty forecast: keeping ${replicaWord(current)}`,
        },
      ],
    };
  }

  const horizon = line.length;
  const times = Array.from({ length: horizon }, (_, i) => startMs + i * stepMs);
  const load = line.map((v) => (v !== null && Number.isFinite(v) ? Math.max(0, v) : NaN));
  const everySteps = Math.max(1, Math.round((policy.evaluationIntervalSec * 1000) / stepMs));
  const leadMs = policy.leadTimeSec * 1000;
  const lookaheadMs = leadMs + everySteps * stepMs;
  const label = lineLabel(policy.headroom);

  const controller = new ScaleController(policy, current, words);
  const actions: ScaleAction[] = [];
  const replicas: number[] = [];
  let lastHold: HoldCause | undefined;
  for (let i = 0; i < horizon; i++) {
    if (i % everySteps === 0) {
      let peak = peakInWindow(times, line, times[i], times[i] + lookaheadMs, label);
      if (i === 0 && options.lastObserved && policy.reactiveFloor) {
        peak = higherLoad(peak, observedLoad(options.lastObserved.value, options.lastObserved.timeMs));
      }
      const { action, holdCause } = controller.evaluate(times[i], peak);
      if (action && (action.action !== 'hold' || holdCause !== lastHold)) {
        actions.push(action);
      }
      lastHold = action?.action === 'hold' ? holdCause : undefined;
    }
    replicas.push(controller.target);
  }

  // Serving replicas: the fewest asked for during the last lead time (a removal is immediate, an
  // addition takes the lead time). Before the forecast starts, the current count was asked for.
  const ready = times.map((t, i) => {
    let fewest = t - leadMs < startMs ? current : Infinity;
    for (let j = i; j >= 0 && times[j] >= t - leadMs; j--) {
      fewest = Math.min(fewest, replicas[j]);
    }
    return fewest;
  });

  if (actions.length === 0) {
    const end = formatTime(times[horizon - 1], startMs, options.timeZone);
    actions.push({
      timeMs: startMs,
      action: 'hold',
      from: current,
      to: current,
      reason: `no change needed: the ${label} through ${end} keeps ${replicaWord(current)} within the policy`,
    });
  }
  return { times, replicas, ready, load, actions };
}
