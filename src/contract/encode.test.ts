import { FieldType } from '@grafana/data';
import { DEFAULT_POLICY } from '../policy';
import { encodeActions, encodeProgress, encodeQueryResult, encodeSeries } from './encode';
import type { ForesightFrameMeta, ForesightRunInfo } from './frames';
import type { Forecast, ModelReport, SeriesResult } from './types';

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
const bare: SeriesResult = {
  refId: 'A',
  seriesKey: '{}',
  seriesName: 'x',
  labels: {},
  forecast,
  report,
  policy: DEFAULT_POLICY,
};
const run: ForesightRunInfo = {
  compute: 'in-thread',
  computeNote: 'Web Workers are unavailable here; the forecast ran on the page.',
  backend: 'cpu',
  model: 'trained',
  fetchMs: 12,
  trainMs: 340,
  trainingPoints: 2016,
  chunks: 1,
};
const foresight = (frame: { meta?: { custom?: unknown } }) => (frame.meta?.custom as ForesightFrameMeta).foresight;

describe('encodeSeries', () => {
  const frame = encodeSeries({
    refId: 'A',
    seriesKey: '{instance="a"}',
    seriesName: 'a',
    labels: { instance: 'a' },
    actual: { times: [7 * MIN, 8 * MIN, 9 * MIN, 10 * MIN], values: [1, null, 3, 99] },
    forecast,
    plan: { times: [10 * MIN, 11 * MIN, 12 * MIN], replicas: [3, 3, 4], actions: [] },
    report,
    policy: DEFAULT_POLICY,
    unit: 'reqps',
  });

  it('puts actuals and forecast on one sorted time axis, nulls where a line has no value', () => {
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
    // The actual at the forecast start (99) shares its row with the forecast's first step.
    expect(frame.fields[1].values).toEqual([1, null, 3, 99, null, null]);
    expect(frame.fields[2].values).toEqual([null, null, null, 5, 6, 7]);
    expect(frame.fields[7].values).toEqual([null, null, null, 3, 3, 4]);
    expect(frame.fields[0].type).toBe(FieldType.time);
    expect(frame.fields[0].config.interval).toBe(MIN);
  });

  it('keeps actuals newer than the origin, between forecast steps of another step (a re-plan on a kept forecast)', () => {
    // Forecast every 2 minutes from 10 min; actuals every minute up to 13 min.
    const kept = encodeSeries({
      ...bare,
      actual: { times: [9, 10, 11, 12, 13].map((m) => m * MIN), values: [1, 2, 3, 4, 5] },
      forecast: { ...forecast, stepMs: 2 * MIN },
    });
    expect(kept.fields[0].values).toEqual([9, 10, 11, 12, 13, 14].map((m) => m * MIN));
    expect(kept.fields[1].values).toEqual([1, 2, 3, 4, 5, null]);
    expect(kept.fields[2].values).toEqual([null, 5, null, 6, null, 7]);
    expect(foresight(kept).lastSampleMs).toBe(8 * MIN);
  });

  it('names fields for display and carries labels and the report in meta', () => {
    expect(frame.fields[2].config.displayNameFromDS).toBe('a forecast');
    expect(frame.fields[5].labels).toEqual({ instance: 'a' });
    expect(frame.fields[7].config).toMatchObject({ unit: 'none', decimals: 0 });
    expect(frame.fields[1].config.unit).toBe('reqps');
    expect(frame.fields[6].config.unit).toBe('reqps');
    expect(foresight(frame)).toMatchObject({
      kind: 'forecast',
      seriesName: 'a',
      lastSampleMs: 9 * MIN,
      horizonEndMs: 12 * MIN,
      report,
    });
    expect(frame.meta?.type).toBe('timeseries-wide');
  });

  it('works without actuals or plan', () => {
    const f = encodeSeries(bare);
    expect(f.length).toBe(3);
    // Without a plan there is no replicas field (stale data, or a plan that could not be made).
    expect(f.fields.map((x) => x.name)).not.toContain('recommended_replicas');
    expect(f.meta?.notices).toBeUndefined();
  });

  it("derives Grafana's notices: the model's warning, and why it ran on the page when it did", () => {
    const warned = encodeSeries({ ...bare, report: { ...report, warning: 'LSTM lost to seasonal naive.' }, run });
    expect(warned.meta?.notices).toEqual([
      { severity: 'warning', text: 'LSTM lost to seasonal naive.' },
      { severity: 'info', text: run.computeNote },
    ]);
    // In a worker the note is kept in the run info (the model card) but is no notice.
    const inWorker = encodeSeries({ ...bare, run: { ...run, compute: 'worker' } });
    expect(inWorker.meta?.notices).toBeUndefined();
    expect(foresight(inWorker).run?.computeNote).toBe(run.computeNote);
  });

  it('writes no empty warnings list, and the query inspector text as given', () => {
    const f = encodeSeries({ ...bare, warnings: [], executedQueryString: 'Expr: up' });
    expect(foresight(f).warnings).toBeUndefined();
    expect(f.meta?.executedQueryString).toBe('Expr: up');
  });
});

describe('encodeActions / encodeProgress', () => {
  it('sorts actions by time with one row each', () => {
    const frame = encodeActions('A', [
      { timeMs: 2, action: 'down', from: 4, to: 3, reason: 'quiet', series: 'a' },
      { timeMs: 1, action: 'up', from: 3, to: 4, reason: 'busy', series: 'b' },
    ]);
    expect(frame.fields.map((f) => f.name)).toEqual(['time', 'action', 'from', 'to', 'reason', 'series']);
    expect(frame.fields[1].values).toEqual(['up', 'down']);
    expect(frame.fields[5].values).toEqual(['b', 'a']);
    expect(foresight(frame).kind).toBe('actions');
  });
  it('carries progress in meta', () => {
    const frame = encodeProgress('A', { phase: 'train', fraction: 0.5, epoch: 3 });
    expect(foresight(frame)).toEqual({
      kind: 'progress',
      progress: { phase: 'train', fraction: 0.5, epoch: 3 },
    });
  });
});

describe('encodeQueryResult', () => {
  it('writes the series frames in order, then the actions frame (also when there are no actions)', () => {
    const frames = encodeQueryResult({
      refId: 'B',
      series: [
        { ...bare, refId: 'B', seriesName: 'one' },
        { ...bare, refId: 'B', seriesName: 'two' },
      ],
      actions: [],
      errors: ['two: something failed'],
    });
    expect(frames.map((f) => [f.name, foresight(f).kind, f.refId])).toEqual([
      ['one', 'forecast', 'B'],
      ['two', 'forecast', 'B'],
      ['scale actions', 'actions', 'B'],
    ]);
    expect(frames[2].length).toBe(0);
  });
});
