import { FieldType } from '@grafana/data';
import type { ForesightFrameMeta } from '../contract/frames';
import type { Forecast, ModelReport } from '../engine/api';
import { DEFAULT_POLICY } from '../policy';
import { buildActionsFrame, buildForecastFrame, buildProgressFrame } from './frames';

const MIN = 60_000;
const forecast: Forecast = {
  startMs: 10 * MIN,
  stepMs: MIN,
  method: 'seasonal_naive',
  mean: [5, 6, 7],
  lower80: [4, 5, 6],
  upper80: [6, 7, 8],
  lower95: [3, 4, 5],
  upper95: [7, 8, 9],
};
const report = { requested: 'auto', method: 'seasonal_naive', mase: 0.9 } as ModelReport;

describe('buildForecastFrame', () => {
  const frame = buildForecastFrame({
    refId: 'A',
    seriesKey: '{instance="a"}',
    seriesName: 'a',
    labels: { instance: 'a' },
    actual: { labels: { instance: 'a' }, times: [7 * MIN, 8 * MIN, 9 * MIN, 10 * MIN], values: [1, null, 3, 99] },
    forecast,
    plan: { times: [10 * MIN, 11 * MIN, 12 * MIN], replicas: [3, 3, 4], actions: [] },
    report,
    policy: DEFAULT_POLICY,
    unit: 'reqps',
  });

  it('puts actuals then forecast on one time axis, nulls where a line has no value', () => {
    expect(frame.fields.map((f) => f.name)).toEqual([
      'time',
      'actual',
      'forecast',
      'lower_80',
      'upper_80',
      'lower_95',
      'upper_95',
      'recommended_replicas',
    ]);
    expect(frame.length).toBe(6);
    expect(frame.fields[0].values).toEqual([7, 8, 9, 10, 11, 12].map((m) => m * MIN));
    // The actual at the forecast start (99) is dropped: the forecast owns that time.
    expect(frame.fields[1].values).toEqual([1, null, 3, null, null, null]);
    expect(frame.fields[2].values).toEqual([null, null, null, 5, 6, 7]);
    expect(frame.fields[7].values).toEqual([null, null, null, 3, 3, 4]);
    expect(frame.fields[0].type).toBe(FieldType.time);
    expect(frame.fields[0].config.interval).toBe(MIN);
  });

  it('names fields for display and carries labels and the report in meta', () => {
    expect(frame.fields[2].config.displayNameFromDS).toBe('a forecast');
    expect(frame.fields[5].labels).toEqual({ instance: 'a' });
    expect(frame.fields[7].config).toMatchObject({ unit: 'none', decimals: 0 });
    expect(frame.fields[1].config.unit).toBe('reqps');
    expect(frame.fields[6].config.unit).toBe('reqps');
    const meta = (frame.meta?.custom as ForesightFrameMeta).foresight;
    expect(meta).toMatchObject({
      kind: 'forecast',
      seriesName: 'a',
      lastSampleMs: 9 * MIN,
      horizonEndMs: 12 * MIN,
      report,
    });
    expect(frame.meta?.type).toBe('timeseries-wide');
  });

  it('works without actuals or plan', () => {
    const f = buildForecastFrame({
      refId: 'A',
      seriesKey: '{}',
      seriesName: 'x',
      labels: {},
      forecast,
      report,
      policy: DEFAULT_POLICY,
    });
    expect(f.length).toBe(3);
    // Without a plan there is no replicas field (stale data, or a plan that could not be made).
    expect(f.fields.map((x) => x.name)).not.toContain('recommended_replicas');
  });
});

describe('buildActionsFrame / buildProgressFrame', () => {
  it('sorts actions by time with one row each', () => {
    const frame = buildActionsFrame('A', [
      { timeMs: 2, action: 'down', from: 4, to: 3, reason: 'quiet', series: 'a' },
      { timeMs: 1, action: 'up', from: 3, to: 4, reason: 'busy', series: 'b' },
    ]);
    expect(frame.fields.map((f) => f.name)).toEqual(['time', 'action', 'from', 'to', 'reason', 'series']);
    expect(frame.fields[1].values).toEqual(['up', 'down']);
    expect(frame.fields[5].values).toEqual(['b', 'a']);
    expect((frame.meta?.custom as ForesightFrameMeta).foresight.kind).toBe('actions');
  });
  it('carries progress in meta', () => {
    const frame = buildProgressFrame('A', { phase: 'train', fraction: 0.5, epoch: 3 });
    expect((frame.meta?.custom as ForesightFrameMeta).foresight).toEqual({
      kind: 'progress',
      progress: { phase: 'train', fraction: 0.5, epoch: 3 },
    });
  });
});
