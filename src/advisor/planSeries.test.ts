import type { Forecast } from '../engine/api';
import { DEFAULT_POLICY } from '../policy';
import { last24hPeak, lastObservation, notBefore, planSeries } from './planSeries';

const MIN = 60_000;
const H = 60 * MIN;

function forecastFrom(originMs: number, values: number[], stepMs = 5 * MIN): Forecast {
  return {
    startMs: originMs + stepMs,
    stepMs,
    method: 'naive',
    mean: values,
    lower80: values.map((v) => v * 0.9),
    upper80: values.map((v) => v * 1.1),
    lower95: values.map((v) => v * 0.8),
    upper95: values.map((v) => v * 1.2),
  };
}

describe('lastObservation', () => {
  it('skips trailing gaps and NaN', () => {
    expect(lastObservation({ times: [1, 2, 3, 4], values: [5, 6, null, NaN] })).toEqual({ value: 6, timeMs: 2 });
    expect(lastObservation({ times: [1], values: [null] })).toBeUndefined();
  });
});

describe('last24hPeak', () => {
  it('takes the max over the last 24 h only, ignoring nulls', () => {
    const now = 100 * H;
    const s = { times: [now - 30 * H, now - 20 * H, now - H, now], values: [99, 3, null, 1] };
    expect(last24hPeak(s, now)).toBe(3);
  });
  it('is undefined without a sample in the day', () => {
    expect(last24hPeak({ times: [0], values: [5] }, 100 * H)).toBeUndefined();
  });
});

describe('notBefore', () => {
  it('moves actions the forecast dates before now to now, and keeps later ones', () => {
    const out = notBefore(
      [
        { timeMs: 1, action: 'up', from: 1, to: 2, reason: 'a' },
        { timeMs: 10, action: 'down', from: 2, to: 1, reason: 'b' },
      ],
      5
    );
    expect(out.map((a) => a.timeMs)).toEqual([5, 10]);
  });

  it('keeps the cooldown between changes when the first one moves to now', () => {
    // The plan spaced them 300 s apart from the forecast's first step; the data is 14 s old.
    const start = 100 * H;
    const out = notBefore(
      [
        { timeMs: start, action: 'up', from: 1, to: 2, reason: 'a' },
        { timeMs: start + 60_000, action: 'hold', from: 2, to: 2, reason: 'held' },
        { timeMs: start + 300_000, action: 'up', from: 2, to: 3, reason: 'b' },
        { timeMs: start + 900_000, action: 'down', from: 3, to: 2, reason: 'c' },
      ],
      start + 14_000,
      300_000
    );
    expect(out.map((a) => a.timeMs - start)).toEqual([14_000, 60_000, 314_000, 900_000]);
  });
});

describe('planSeries', () => {
  const policy = {
    ...DEFAULT_POLICY,
    kind: 'target' as const,
    capacityPerReplica: 10,
    minReplicas: 1,
    maxReplicas: 20,
  };
  const series = { times: [0, 5 * MIN], values: [50, 50] };

  it('plans from fresh data, with no action dated before the clock', () => {
    const origin = 100 * H;
    const clock = origin + 4 * MIN;
    const out = planSeries({
      forecast: forecastFrom(origin, Array(12).fill(100)),
      series: { times: [origin], values: [100] },
      policy,
      currentReplicas: 1,
      clockMs: clock,
      timeZone: 'UTC',
    });
    expect(out.staleness.stale).toBe(false);
    expect(out.plan?.replicas.length).toBe(12);
    expect(out.actions.length).toBeGreaterThan(0);
    expect(Math.min(...out.actions.map((a) => a.timeMs))).toBeGreaterThanOrEqual(clock);
  });

  it('gives no plan and no actions for stale data, and says why', () => {
    const origin = 100 * H;
    const out = planSeries({
      forecast: forecastFrom(origin, Array(12).fill(100)),
      series,
      policy,
      currentReplicas: 1,
      clockMs: origin + H,
      timeZone: 'UTC',
    });
    expect(out.staleness.stale).toBe(true);
    expect(out.plan).toBeUndefined();
    expect(out.actions).toEqual([]);
    expect(out.staleness.warning).toMatch(/stale/);
  });

  it('gives no plan, no actions and no retire advice for a counter read without rate(), and says why', () => {
    const origin = 100 * H;
    const times = Array.from({ length: 288 }, (_, i) => origin - (287 - i) * 5 * MIN);
    const total = times.map((_, i) => 1000 + 40 * i);
    const input = {
      forecast: forecastFrom(origin, Array(12).fill(total[287] + 400)),
      series: { times, values: total },
      policy,
      currentReplicas: 1,
      retireThreshold: 1,
      clockMs: origin + MIN,
      timeZone: 'UTC',
    };
    const out = planSeries({ ...input, labels: { __name__: 'requests_total' }, expr: 'requests_total' });
    expect(out.plan).toBeUndefined();
    expect(out.actions).toEqual([]);
    expect(out.retire).toBeUndefined();
    expect(out.counter).toContain('rate(requests_total[5m])');
    // The same values after rate() are planned as usual.
    const planned = planSeries({ ...input, expr: 'sum(rate(requests_total[5m]))' });
    expect(planned.counter).toBeUndefined();
    expect(planned.plan?.replicas.length).toBe(12);
  });

  it('says so when each sample repeats, and still plans', () => {
    const origin = 100 * H;
    const times = Array.from({ length: 600 }, (_, i) => origin - (599 - i) * MIN);
    // a 5-minute gauge read at 1 minute: each reading five times
    const values = times.map((_, i) => 50 + 10 * Math.sin(Math.floor(i / 5) / 7) + (Math.floor(i / 5) % 3));
    const out = planSeries({
      forecast: forecastFrom(origin, Array(12).fill(60), MIN),
      series: { times, values },
      policy,
      currentReplicas: 1,
      clockMs: origin + 1000,
      timeZone: 'UTC',
    });
    expect(out.repeats).toMatch(
      /^Each sample repeats about 5 times: the series changes only every ~5m but is read at 1m steps/
    );
    expect(out.plan?.replicas.length).toBe(12);
  });

  describe('retire check', () => {
    const origin = 100 * H;
    const quiet = (fromMs: number) => {
      const times: number[] = [];
      for (let t = fromMs; t <= origin; t += 5 * MIN) {
        times.push(t);
      }
      return { times, values: times.map(() => 0.1) };
    };
    const check = (input: { series: ReturnType<typeof quiet>; recent?: ReturnType<typeof quiet> }) =>
      planSeries({
        forecast: forecastFrom(origin, Array(12).fill(0.1)),
        policy,
        currentReplicas: 2,
        clockMs: origin + MIN,
        timeZone: 'UTC',
        retireThreshold: 1,
        ...input,
      });

    it('retires a version idle for the whole day', () => {
      const out = check({ series: quiet(origin - 2 * 24 * H) });
      expect(out.retire?.retire).toBe(true);
      expect(out.actions.map((a) => a.action)).toContain('retire');
      expect(out.retireNote).toBeUndefined();
    });

    it('keeps a version seen for less than the day (busy six hours ago for all it knows), and says why', () => {
      const out = check({ series: quiet(origin - 3 * H) });
      expect(out.retire).toEqual({
        retire: false,
        reason: 'keep: the data covers only the last 3h 1m of the 24 h the retire rule judges by',
      });
      expect(out.actions.map((a) => a.action)).not.toContain('retire');
      expect(out.retireNote).toBe(
        'Retire check not made: the data covers only the last 3h 1m of the 24 hours the rule judges by (a training window under a day, or a series younger than that), so the series is kept.'
      );
    });

    it('starts the reactive floor from the recent day, not from the last sample of a past range in view', () => {
      const lastWeek = { times: [origin - 7 * 24 * H], values: [900] };
      const now = { times: [origin], values: [0.1] };
      const floorFrom = (recent?: typeof now) =>
        planSeries({
          forecast: forecastFrom(origin, Array(12).fill(0.1)),
          series: lastWeek,
          recent,
          policy: { ...policy, reactiveFloor: true },
          currentReplicas: 2,
          clockMs: origin + MIN,
          timeZone: 'UTC',
        }).plan?.replicas[0];
      // 900 a week ago would hold 90 replicas (capacity 10 each) against a forecast of 0.1.
      expect(floorFrom()).toBeGreaterThan(floorFrom(now)!);
      expect(floorFrom(now)).toBe(policy.minReplicas);
    });

    it('judges by the day it is given apart from the series in view (a server-read forecast on a 1-hour range)', () => {
      const out = check({ series: quiet(origin - H), recent: quiet(origin - 24 * H) });
      expect(out.retire?.retire).toBe(true);
      expect(out.retireNote).toBeUndefined();
    });
  });
});
