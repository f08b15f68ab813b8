import { replay, type Forecaster } from './replay';
import { validatePolicy } from './validate';
import type { ForecastBand } from '../engine/api';

const MIN = 60_000;
const STEP = 5 * MIN;

/** Forecaster that knows the future: the true values after the history (NaN past the end). */
function oracle(all: number[]): Forecaster {
  return (history, horizon) => {
    const o = history.times.length;
    const mean = Array.from({ length: horizon }, (_, h) => all[o + h] ?? NaN);
    const band: ForecastBand = { mean, lower80: mean, upper80: mean, lower95: mean, upper95: mean };
    return band;
  };
}

describe('replay bookkeeping (hand-worked example)', () => {
  /*
   * step 5 min, lead 10 min (2 ticks), evaluation 5 min, capacity 10, replicas 1..5, tolerance 0,
   * no stabilisation, no cooldown. Sample i is the load over [t_i, t_i + 5 min).
   *   i:      0   1   2   3   4   5   6   7
   *   load:  10  10  10  30  30  30  10  10
   * Replay samples 2..7 (ticks k = 0..5 at t2..t7). Initial replicas = ceil(load[1] / 10) = 1.
   * serving[k] = min(asked[k-2..k]), with asked = 1 before the replay.
   *
   * Reactive (sees load[k+1], the last completed sample, at tick k):
   *   k  sees  asks  serving  load  short?
   *   0   10    1      1       10    no
   *   1   10    1      1       30    yes, by 20 (needs 3, has 1)
   *   2   30    3 up   1       30    yes, by 20
   *   3   30    3      1       30    yes, by 20
   *   4   30    3      3       10    no
   *   5   10    1 down 1       10    no
   *   → 15 under-provisioned minutes (10 of them while the 3 asked for at k = 2 boot), 2 events, (1+1+3+3+3+1) × 5 min = 1 replica-hour, worst 20 (2 replicas).
   *
   * Predictive without the reactive floor (oracle forecast; plans on the peak of samples k+2..k+4,
   * i.e. [now, now + lead + interval)):
   *   k  peak  asks  serving  load  short?
   *   0   30    3 up   1       10    no
   *   1   30    3      1       30    yes, by 20 (the up at t2 lands at t4)
   *   2   30    3      3       30    no
   *   3   30    3      3       30    no
   *   4   10    1 down 1       10    no
   *   5   10    1      1       10    no
   *   → 5 under-provisioned minutes (all while booting), 2 events, (3+3+3+3+1+1) × 5 min = 14/12 replica-hours, worst 20.
   *
   * With the reactive floor the plan is also at least what the last sample needs: at k = 4
   * the last sample is load[5] = 30, so it keeps 3 and scales down at k = 5 instead:
   *   asks 3 3 3 3 3 1, serving 1 1 3 3 3 1 → still 5 under-provisioned minutes, 2 events, 16/12 replica-hours.
   */
  const values = [10, 10, 10, 30, 30, 30, 10, 10];
  const times = values.map((_, i) => Date.UTC(2026, 0, 1) + i * STEP);
  const policy = validatePolicy({
    kind: 'target',
    capacityPerReplica: 10,
    tolerance: 0,
    minReplicas: 1,
    maxReplicas: 5,
    scaleDownStabilizationSec: 0,
    cooldownSec: 0,
    leadTimeSec: 600,
    evaluationIntervalSec: 300,
    reactiveFloor: false,
  });

  it('matches the hand computation', async () => {
    const r = await replay({
      times,
      values,
      stepMs: STEP,
      policy,
      forecaster: oracle(values),
      startIndex: 2,
      keepTimeline: true,
    });
    expect(r.tickMs).toBe(STEP);
    expect(r.minutes).toBe(30);
    expect(r.unservableMinutes).toBe(0);
    expect(r.forecastCalls).toBe(6);

    expect(r.reactive.timeline?.target).toEqual([1, 1, 3, 3, 3, 1]);
    expect(r.reactive.timeline?.ready).toEqual([1, 1, 1, 1, 3, 1]);
    expect(r.reactive.underProvisionedMinutes).toBe(15);
    expect(r.reactive.bootingMinutes).toBe(10);
    expect(r.reactive.withinToleranceMinutes).toBe(0);
    expect(r.reactive.scaleEvents).toBe(2);
    expect(r.reactive.replicaHours).toBeCloseTo(1, 10);
    expect(r.reactive.worstShortfall).toBe(20);
    expect(r.reactive.worstShortfallReplicas).toBe(2);
    expect(r.reactive.worstShortfallAtMs).toBe(times[3]);

    expect(r.predictive.timeline?.target).toEqual([3, 3, 3, 3, 1, 1]);
    expect(r.predictive.timeline?.ready).toEqual([1, 1, 3, 3, 1, 1]);
    expect(r.predictive.underProvisionedMinutes).toBe(5);
    expect(r.predictive.bootingMinutes).toBe(5);
    expect(r.predictive.scaleEvents).toBe(2);
    expect(r.predictive.replicaHours).toBeCloseTo(14 / 12, 10);
    expect(r.predictive.worstShortfall).toBe(20);
    expect(r.predictive.worstShortfallReplicas).toBe(2);
    expect(r.predictive.timeline?.actions.map((a) => a.action)).toEqual(['up', 'down']);
  });

  it('floors the predictive plan on the latest observation when reactiveFloor is set', async () => {
    const floored = { ...policy, reactiveFloor: true };
    const r = await replay({
      times,
      values,
      stepMs: STEP,
      policy: floored,
      forecaster: oracle(values),
      startIndex: 2,
      keepTimeline: true,
    });
    expect(r.predictive.timeline?.target).toEqual([3, 3, 3, 3, 3, 1]);
    expect(r.predictive.timeline?.ready).toEqual([1, 1, 3, 3, 3, 1]);
    expect(r.predictive.underProvisionedMinutes).toBe(5);
    expect(r.predictive.scaleEvents).toBe(2);
    expect(r.predictive.replicaHours).toBeCloseTo(16 / 12, 10);
  });

  it('counts short minutes within the target-tracking tolerance apart (and none for thresholds)', async () => {
    // Tolerance 50 %: the rule keeps 1 replica (capacity 10) for a load of 12 or 15, and is short.
    const loads = [10, 12, 15, 20, 10];
    const t = loads.map((_, i) => i * STEP);
    const run = (p: typeof policy) =>
      replay({ times: t, values: loads, stepMs: STEP, policy: p, forecaster: oracle(loads), startIndex: 1 });
    const r = await run({ ...policy, tolerance: 0.5 });
    // Reactive asks 1 throughout (12, 15 within 50 % of 10; 20 seen only at the last tick): short on 12, 15, 20.
    expect(r.reactive.underProvisionedMinutes).toBe(15);
    expect(r.reactive.withinToleranceMinutes).toBe(10);
    const th = await run({ ...policy, kind: 'thresholds', lowThreshold: 0, highThreshold: 1000 });
    expect(th.reactive.underProvisionedMinutes).toBe(15);
    expect(th.reactive.withinToleranceMinutes).toBe(0);
  });

  it('gives the forecaster only the past', async () => {
    const seen: number[] = [];
    const spy: Forecaster = (history, horizon) => {
      seen.push(history.times[history.times.length - 1]);
      return oracle(values)(history, horizon, STEP);
    };
    await replay({ times, values, stepMs: STEP, policy, forecaster: spy, startIndex: 2 });
    // At tick k (time t_{k+2}) the last completed sample is k+1.
    expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((i) => times[i]));
  });

  it('counts minutes where even maxReplicas cannot serve, and skips gaps', async () => {
    const spiky = [10, 10, 80, null, 10];
    const t = spiky.map((_, i) => i * STEP);
    const r = await replay({
      times: t,
      values: spiky,
      stepMs: STEP,
      policy,
      forecaster: oracle([10, 10, 80, NaN, 10]),
      startIndex: 1,
    });
    expect(r.minutes).toBe(15);
    expect(r.unservableMinutes).toBe(5);
  });

  it('reports a throwing forecaster; the predictive policy then holds, or reacts when floored', async () => {
    const failing: Forecaster = () => {
      throw new Error('model not ready');
    };
    const r = await replay({ times, values, stepMs: STEP, policy, forecaster: failing, startIndex: 2 });
    expect(r.forecastErrors).toBe(6);
    expect(r.firstForecastError).toBe('model not ready');
    expect(r.predictive.scaleEvents).toBe(0);
    const floored = await replay({
      times,
      values,
      stepMs: STEP,
      policy: { ...policy, reactiveFloor: true },
      forecaster: failing,
      startIndex: 2,
    });
    expect(floored.predictive).toEqual(floored.reactive);
  });

  it('splits a coarse step into ticks of the gcd of step, lead time and interval', async () => {
    const half = 30 * MIN;
    const t = [0, 1, 2, 3].map((i) => i * half);
    const r = await replay({
      times: t,
      values: [10, 10, 40, 40],
      stepMs: half,
      policy: { ...policy, leadTimeSec: 900, evaluationIntervalSec: 300 },
      forecaster: oracle([10, 10, 40, 40]),
      startIndex: 1,
    });
    expect(r.tickMs).toBe(5 * MIN);
    expect(r.minutes).toBe(90);
  });

  it('plans on the sample in progress when samples are longer than the evaluation interval', async () => {
    // 30-min samples evaluated every 5 min: at 0:35 the window [0:35, 0:55) holds no sample *start*,
    // but the 0:30 sample (load 40) runs until 1:00. Neither variant may drop to what 10 needs.
    const half = 30 * MIN;
    const loads = [10, 40, 40, 40, 10];
    const t = loads.map((_, i) => i * half);
    for (const reactiveFloor of [false, true]) {
      const r = await replay({
        times: t,
        values: loads,
        stepMs: half,
        policy: { ...policy, leadTimeSec: 900, evaluationIntervalSec: 300, reactiveFloor },
        forecaster: oracle(loads),
        startIndex: 1,
        keepTimeline: true,
      });
      // Ticks at 0:30, 0:35, …, 2:25. Four replicas until the 40s are over at 2:00; then the forecast
      // (10) allows a scale-down at once, while the floor keeps 4 as long as the last completed sample
      // (1:30–2:00) is 40, i.e. to the end of this replay.
      expect(r.predictive.timeline?.target.slice(0, 18)).toEqual(Array(18).fill(4));
      expect(r.predictive.timeline?.actions.filter((a) => a.action === 'down').map((a) => a.timeMs)).toEqual(
        reactiveFloor ? [] : [120 * MIN]
      );
    }
  });

  it('rejects input it cannot replay, with the reason', async () => {
    const base = { times, values, stepMs: STEP, policy, forecaster: oracle(values) };
    await expect(replay({ ...base, startIndex: 0 })).rejects.toThrow(/startIndex must be at least 1/);
    await expect(replay({ ...base, startIndex: 2, endIndex: 99 })).rejects.toThrow(/endIndex/);
    await expect(replay({ ...base, times: [...times.slice(0, 7), times[7] + 1], startIndex: 2 })).rejects.toThrow(
      /regular grid/
    );
    await expect(replay({ ...base, values: values.slice(1), startIndex: 2 })).rejects.toThrow(/differ in length/);
  });
});
