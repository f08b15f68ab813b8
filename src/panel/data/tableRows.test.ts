import { buildPredictionRows } from './tableRows';
import { decodeFrames } from '../../contract/decode';
import { encodeSeries } from '../../contract/encode';
import { sampleSeries } from '../../contract/testing/samples';
import { DEFAULT_ACTIONS, makeActionsFrame, makeForecastFrame, STEP, T0 } from '../testing/fixtures';

describe('buildPredictionRows', () => {
  const parsed = decodeFrames([makeForecastFrame({ history: 6, horizon: 12 }), makeActionsFrame(DEFAULT_ACTIONS)]);
  const rows = buildPredictionRows(parsed.forecasts, parsed.actions);

  it('has one row per forecast step from t0 to the horizon', () => {
    expect(rows).toHaveLength(12);
    expect(rows[0].timeMs).toBe(T0 + STEP);
    expect(rows[11].timeMs).toBe(T0 + 12 * STEP);
    expect(rows.every((r) => r.forecast != null && r.lower80! <= r.forecast! && r.forecast! <= r.upper95!)).toBe(true);
    expect(rows.every((r) => typeof r.replicas === 'number')).toBe(true);
  });

  it('puts each action on the step it falls in and leaves out holds', () => {
    const withActions = rows.filter((r) => r.actions.length > 0);
    expect(withActions.map((r) => [r.timeMs, r.actions.map((a) => a.action)])).toEqual([
      [T0 + 2 * STEP, ['up']],
      [T0 + 8 * STEP, ['down']],
    ]);
  });

  it('keeps each action on its forecast step when newer actual samples have rows between the steps (a re-plan)', () => {
    const kept = sampleSeries({ history: 6, horizon: 12 });
    const newer = [1.5, 2.25, 3.5].map((k) => T0 + k * STEP);
    const frame = encodeSeries({
      ...kept,
      actual: { times: [...kept.actual!.times, ...newer], values: [...kept.actual!.values, 1, 2, 3] },
    });
    // The scale-up moved to the clock, between two forecast steps and after an actual sample.
    const actions = DEFAULT_ACTIONS.map((a) => (a.action === 'up' ? { ...a, timeMs: T0 + 2.5 * STEP } : a));
    const replanned = decodeFrames([frame, makeActionsFrame(actions)]);
    const withActions = buildPredictionRows(replanned.forecasts, replanned.actions).filter((r) => r.actions.length);
    expect(withActions.map((r) => [r.timeMs, r.actions.map((a) => a.action)])).toEqual([
      [T0 + 2 * STEP, ['up']],
      [T0 + 8 * STEP, ['down']],
    ]);
  });

  it('lists actions of the matching series only', () => {
    const two = decodeFrames([
      makeForecastFrame({ name: 'a', key: 'ka', history: 2, horizon: 3 }),
      makeForecastFrame({ name: 'b', key: 'kb', history: 2, horizon: 3 }),
      makeActionsFrame([{ timeMs: T0 + STEP, action: 'up', from: 1, to: 2, reason: 'r', series: 'kb' }]),
    ]);
    const r = buildPredictionRows(two.forecasts, two.actions);
    expect(r).toHaveLength(6);
    expect(r.filter((x) => x.actions.length).map((x) => x.seriesName)).toEqual(['b']);
  });

  it('shows no replicas and no replica counts on actions when the series has no scaling policy', () => {
    const parsed = decodeFrames([
      makeForecastFrame({ history: 6, horizon: 12, noPolicy: true }),
      makeActionsFrame([{ timeMs: T0 + STEP, action: 'retire', from: 2, to: 0, reason: 'idle for 24 h' }]),
    ]);
    const rows = buildPredictionRows(parsed.forecasts, parsed.actions);
    expect(rows.every((r) => r.replicas === null)).toBe(true);
    const retire = rows.flatMap((r) => r.actions).find((a) => a.action === 'retire')!;
    expect(Number.isFinite(retire.to)).toBe(false);
  });
});
