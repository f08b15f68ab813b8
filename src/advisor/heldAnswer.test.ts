import type { PromSeries } from '../io/prometheus/types';
import type { FittedSeries } from './fitQuery';
import { heldModelAnswer, sameData } from './heldAnswer';
import type { ModelRun } from './modelRun';

const series = (values: number[], start = 0): PromSeries => ({
  labels: { instance: 'a' },
  times: values.map((_, i) => start + i * 300_000),
  values,
});

function held(origin: ModelRun['origin'], data: PromSeries, modelTrainedAtMs?: number): FittedSeries {
  return {
    series: data,
    seriesKey: '{instance="a"}',
    run: {
      origin,
      modelTrainedAtMs,
      notes: ['The cached model could not be used (stale); a new model was trained instead'],
      result: {} as ModelRun['result'],
    },
    trainMs: 12,
    compute: 'worker',
  };
}

describe('sameData', () => {
  it('is the same points, a gap (NaN) equal to the same gap', () => {
    expect(sameData(series([1, NaN, 3]), series([1, NaN, 3]))).toBe(true);
    expect(sameData(series([1, 2, 3]), series([1, 2, 4]))).toBe(false);
    expect(sameData(series([1, 2, 3]), series([1, 2, 3], 300_000))).toBe(false);
    expect(sameData(series([1, 2, 3]), series([1, 2]))).toBe(false);
    expect(sameData(series([1, NaN]), series([1, 0]))).toBe(false);
    // The same gap, once a missed scrape and once a NaN Prometheus computed: the warning line differs.
    const nan = { ...series([1, NaN, 3]), nonFiniteTimes: [300_000] };
    expect(sameData(series([1, NaN, 3]), nan)).toBe(false);
    expect(sameData(nan, { ...series([1, NaN, 3]), nonFiniteTimes: [300_000] })).toBe(true);
  });
});

describe('heldModelAnswer', () => {
  const data = series([5, 6, 7]);
  it("stands on the same data from the same cached model, as that model's reuse without the last run's notes", () => {
    const kept = heldModelAnswer(held('trained', data, 1000), series([5, 6, 7]), 1000);
    expect(kept?.run).toMatchObject({ origin: 'cache', modelTrainedAtMs: 1000, notes: [] });
    expect(kept?.series).toBe(data);
  });
  it('does not stand on new data, another model, a quick forecast, a loaded model or nothing held', () => {
    expect(heldModelAnswer(held('cache', data, 1000), series([5, 6, 8]), 1000)).toBeUndefined();
    expect(heldModelAnswer(held('cache', data, 1000), data, 2000)).toBeUndefined();
    expect(heldModelAnswer(held('cache', data, 1000), data, undefined)).toBeUndefined();
    expect(heldModelAnswer(held('base', data, 1000), data, 1000)).toBeUndefined();
    expect(heldModelAnswer(held('loaded', data, 1000), data, 1000)).toBeUndefined();
    expect(heldModelAnswer(undefined, data, 1000)).toBeUndefined();
  });
});
