/** @jest-environment node */
import { type BackfilledSeries, continuation, familiesBetween, replayPeriodMs, seriesFamilies } from './liveReplay';
import type { Sample } from './nabCsv';

const STEP = 300_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1);

/** `days` days of 5-minute samples whose value is the minute of the week, so a replay can be read back. */
function weekClock(days: number): Sample[] {
  return Array.from({ length: (days * DAY) / STEP }, (_, i) => {
    const t = T0 + i * STEP;
    return { t, v: ((t - T0) % (7 * DAY)) / 60_000 };
  });
}

describe('replayPeriodMs', () => {
  it('is a week when the recording has one, else a day, else the recording, in whole steps', () => {
    expect(replayPeriodMs(weekClock(14), STEP)).toBe(7 * DAY);
    expect(replayPeriodMs(weekClock(3), STEP)).toBe(DAY);
    expect(replayPeriodMs(weekClock(0.5), STEP)).toBe(DAY / 2);
    expect(replayPeriodMs([{ t: 0, v: 1 }], STEP)).toBe(STEP);
  });
});

describe('continuation', () => {
  it('replays the value recorded a week earlier on the same step, so the weekly shape carries on', () => {
    const history = weekClock(14);
    const last = history[history.length - 1];
    const next = continuation(history, STEP, 'replay', last.t + 3 * DAY);
    expect(next).toHaveLength((3 * DAY) / STEP);
    expect(next[0].t).toBe(last.t + STEP);
    // The minute of the week goes on as if the series had never stopped, across the wrap too.
    for (const s of next) {
      expect(s.v).toBe(((s.t - T0) % (7 * DAY)) / 60_000);
    }
    // Beyond one period it wraps again, a week further back.
    const far = continuation(history, STEP, 'replay', last.t + 9 * DAY).at(-1)!;
    expect(far.v).toBe(((far.t - T0) % (7 * DAY)) / 60_000);
  });

  it('repeats the value before a gap in the recording, as Prometheus reads one', () => {
    const history = weekClock(14).filter((s) => s.t < T0 + 8 * DAY || s.t >= T0 + 8 * DAY + 3_600_000);
    const last = history[history.length - 1];
    const next = continuation(history, STEP, 'replay', last.t + 2 * DAY);
    const inGap = next.find((s) => s.t === T0 + 15 * DAY + 30 * 60_000)!;
    // Recorded a week earlier: inside the gap, so the last value before it (day 8 minus one step).
    expect(inGap.v).toBe((DAY - STEP) / 60_000);
  });

  it('holds the last value, or stops', () => {
    const history: Sample[] = [
      { t: T0, v: 5 },
      { t: T0 + STEP, v: 0 },
    ];
    expect(continuation(history, STEP, 'hold', T0 + 3 * STEP)).toEqual([
      { t: T0 + 2 * STEP, v: 0 },
      { t: T0 + 3 * STEP, v: 0 },
    ]);
    expect(continuation(history, STEP, 'stop', T0 + DAY)).toEqual([]);
    expect(continuation([], STEP, 'replay', T0 + DAY)).toEqual([]);
    // Nothing is due before the next step.
    expect(continuation(history, STEP, 'replay', T0 + STEP + STEP - 1)).toEqual([]);
  });
});

describe('seriesFamilies', () => {
  const series: BackfilledSeries = {
    gauge: { name: 'requests_per_5m', help: 'h', labels: { job: 'j', instance: 'i' }, samples: weekClock(1) },
    counter: { name: 'requests', help: 'running total' },
    stepMs: STEP,
    after: 'replay',
  };

  it('continues the counter from its backfilled total, with no reset', () => {
    const historyEnd = series.gauge.samples.at(-1)!.t;
    const [gauge, counter] = seriesFamilies(series, historyEnd + DAY);
    expect(gauge.samples).toHaveLength(2 * series.gauge.samples.length);
    const total = (samples: Sample[]) => samples.reduce((sum, s) => sum + s.v, 0);
    expect(counter.samples.at(-1)!.v).toBe(total(gauge.samples));
    expect(counter.samples.every((s, i) => i === 0 || s.v >= counter.samples[i - 1].v)).toBe(true);
    expect(counter).toMatchObject({ type: 'counter', name: 'requests', labels: series.gauge.labels });
  });

  it('cuts the samples one writer adds, and drops families with none', () => {
    const historyEnd = series.gauge.samples.at(-1)!.t;
    const cut = familiesBetween(seriesFamilies(series, historyEnd + 2 * STEP), historyEnd, historyEnd + STEP);
    expect(cut.map((f) => f.samples.map((s) => s.t))).toEqual([[historyEnd + STEP], [historyEnd + STEP]]);
    expect(familiesBetween(seriesFamilies(series, historyEnd), historyEnd, historyEnd + DAY)).toEqual([]);
  });
});
