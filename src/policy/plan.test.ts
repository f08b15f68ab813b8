import type { Forecast } from '../engine/api';
import { DEFAULT_POLICY } from './defaults';
import { planReplicas } from './index';
import { validatePolicy } from './validate';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 21, 14, 0);

function forecast(mean: number[], widen = 0): Forecast {
  return {
    mean,
    lower80: mean.map((v) => v - widen),
    upper80: mean.map((v) => v + widen),
    lower95: mean.map((v) => v - 2 * widen),
    upper95: mean.map((v) => v + 2 * widen),
    startMs: START,
    stepMs: 5 * MIN,
    method: 'seasonal_naive',
  };
}

const policy = validatePolicy({
  kind: 'target',
  capacityPerReplica: 250,
  tolerance: 0.1,
  minReplicas: 2,
  maxReplicas: 15,
  scaleDownStabilizationSec: 0,
  cooldownSec: 0,
  leadTimeSec: 900,
  evaluationIntervalSec: 300,
  unit: 'req/s',
});

describe('planReplicas', () => {
  it('asks for a scale-up one lead time before the forecast rise, in words', () => {
    // Rise at 14:35 (step 7). Lookahead [t, t + lead 15 min + interval 5 min) first holds 14:35 at 14:20.
    const plan = planReplicas(forecast([1000, 1000, 1000, 1000, 1000, 1000, 1000, 2840, 2840, 2840]), 4, policy);
    expect(plan.actions[0]).toEqual({
      timeMs: START + 20 * MIN,
      action: 'up',
      from: 4,
      to: 12,
      reason:
        'forecast 2,840 req/s at 14:35 exceeds 1,000 req/s, the capacity of 4 replicas; needs 12 replicas at 250 req/s each; ' +
        'ready about 14:35 (15m lead time)',
    });
    expect(plan.replicas).toEqual([4, 4, 4, 4, 12, 12, 12, 12, 12, 12]);
    // Ready replicas: the scale-up asked at 14:20 serves from 14:35, just in time for the rise.
    expect(plan.ready).toEqual([4, 4, 4, 4, 4, 4, 4, 12, 12, 12]);
    expect(plan.times[7]).toBe(START + 35 * MIN);
  });

  it('plans on the upper band when headroom asks for it', () => {
    const f = forecast([1000, 1000, 1000], 500);
    expect(planReplicas(f, 4, policy).replicas[0]).toBe(4);
    const p80 = planReplicas(f, 4, { ...policy, headroom: 'upper80' });
    expect(p80.replicas[0]).toBe(6);
    expect(p80.actions[0].reason).toMatch(/^forecast upper 80 % bound 1,500 req\/s at 14:00/);
    expect(planReplicas(f, 4, { ...policy, headroom: 'upper95' }).replicas[0]).toBe(8);
  });

  it('clamps at max and min and reports the hold at max once', () => {
    const plan = planReplicas(forecast([9000, 9000, 9000, 9000]), 15, policy);
    expect(plan.replicas).toEqual([15, 15, 15, 15]);
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({ action: 'hold', from: 15, to: 15 });
    expect(plan.actions[0].reason).toMatch(/capped at the maximum of 15$/);
    expect(planReplicas(forecast([0, 0]), 6, policy).replicas).toEqual([2, 2]);
  });

  it('treats negative forecasts as 0 and skips NaN points', () => {
    const plan = planReplicas(forecast([-500, NaN, -20]), 6, policy);
    expect(plan.load).toEqual([0, NaN, 0]);
    expect(plan.replicas[0]).toBe(2);
    expect(plan.actions[0].reason).toMatch(/^forecast 0 req\/s at 14:00 needs only 0 replicas/);
  });

  it('holds, with a reason, when the forecast has no usable value', () => {
    const plan = planReplicas(forecast([NaN, NaN]), 5, policy);
    expect(plan.replicas).toEqual([5, 5]);
    expect(plan.actions).toEqual([
      {
        timeMs: START,
        action: 'hold',
        from: 5,
        to: 5,
        reason: 'no usable load value at 14:00 (missing or NaN): keeping 5 replicas',
      },
    ]);
  });

  it('returns an empty timeline and one hold for an empty forecast', () => {
    expect(planReplicas(forecast([]), 5, policy)).toEqual({
      times: [],
      replicas: [],
      ready: [],
      load: [],
      actions: [{ timeMs: START, action: 'hold', from: 5, to: 5, reason: 'empty forecast: keeping 5 replicas' }],
    });
  });

  it('says when no change is needed', () => {
    const plan = planReplicas(forecast([1000, 1050, 950]), 4, policy);
    expect(plan.replicas).toEqual([4, 4, 4]);
    expect(plan.actions).toEqual([
      {
        timeMs: START,
        action: 'hold',
        from: 4,
        to: 4,
        reason: 'no change needed: the forecast through 14:10 keeps 4 replicas within the policy',
      },
    ]);
  });

  it('evaluates only every evaluation interval', () => {
    const p = { ...policy, evaluationIntervalSec: 900, leadTimeSec: 0 };
    const plan = planReplicas(forecast([1000, 3000, 3000, 3000, 3000]), 4, p);
    // Evaluations at steps 0 and 3; the first already sees the rise within its 15-min window.
    expect(plan.replicas).toEqual([12, 12, 12, 12, 12]);
    const late = planReplicas(forecast([1000, 1000, 1000, 1000, 3000]), 4, p);
    expect(late.replicas).toEqual([4, 4, 4, 12, 12]);
  });

  it('scales down only after the stabilisation window', () => {
    const p = { ...policy, scaleDownStabilizationSec: 600, leadTimeSec: 0 };
    const plan = planReplicas(forecast([3000, 500, 500, 500, 500]), 12, p);
    expect(plan.replicas).toEqual([12, 12, 12, 2, 2]);
    expect(plan.actions.map((a) => a.action)).toEqual(['hold', 'down']);
  });

  it('runs the thresholds policy of the original design', () => {
    const p = validatePolicy({
      ...policy,
      kind: 'thresholds',
      lowThreshold: 50,
      highThreshold: 2500,
      minReplicas: 3,
      leadTimeSec: 0,
    });
    const plan = planReplicas(forecast([2840, 2840, 2840, 20, 20]), 5, p);
    expect(plan.replicas).toEqual([6, 7, 8, 7, 6]);
    expect(plan.actions[0].reason).toBe('forecast 2,840 req/s at 14:00 exceeds 2,500');
  });

  it('rounds a fractional current count and rejects impossible inputs', () => {
    expect(planReplicas(forecast([1000]), 3.6, policy).actions[0].from).toBe(4);
    expect(() => planReplicas(forecast([1]), NaN, policy)).toThrow(
      /currentReplicas must be a number of replicas, 0 or more \(got NaN\)/
    );
    expect(() => planReplicas(forecast([1]), -1, policy)).toThrow(/currentReplicas/);
    expect(() => planReplicas({ ...forecast([1]), stepMs: 0 }, 2, policy)).toThrow(
      /stepMs must be a positive number of ms \(got 0\)/
    );
    expect(() => planReplicas({ ...forecast([1]), startMs: NaN }, 2, policy)).toThrow(/startMs/);
  });

  it('floors the first evaluation on the latest observation when reactiveFloor is set', () => {
    const f = forecast([1000, 1000, 1000]);
    const lastObserved = { value: 2400, timeMs: START - 5 * MIN };
    const floored = { ...policy, reactiveFloor: true };
    expect(planReplicas(f, 4, { ...policy, reactiveFloor: false }, { lastObserved }).replicas[0]).toBe(4);
    const plan = planReplicas(f, 4, floored, { lastObserved });
    expect(plan.replicas[0]).toBe(10);
    expect(plan.actions[0].reason).toMatch(/^current 2,400 req\/s at 13:55 exceeds 1,000 req\/s/);
    expect(planReplicas(f, 4, floored, { lastObserved: { value: NaN, timeMs: START } }).replicas[0]).toBe(4);
  });

  it('floors by default and plans on the mean (README: defaults that held on the replay)', () => {
    expect(DEFAULT_POLICY.reactiveFloor).toBe(true);
    expect(DEFAULT_POLICY.headroom).toBe('mean');
  });

  it('works with the default policy', () => {
    const plan = planReplicas(forecast([100, 5000, 100]), 3, DEFAULT_POLICY);
    expect(Math.max(...plan.replicas)).toBe(15);
  });

  it('writes times in the requested zone', () => {
    const plan = planReplicas(forecast([9000]), 2, policy, { timeZone: 'Europe/Berlin' });
    expect(plan.actions[0].reason).toMatch(/at 15:00 exceeds/);
  });
});
