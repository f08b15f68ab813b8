import { labelsKey, mergeSeries } from './merge';

describe('mergeSeries', () => {
  it('joins chunks of the same label set, drops duplicate timestamps and sorts', () => {
    const merged = mergeSeries([
      { labels: { job: 'a', instance: '1' }, times: [3, 4], values: [30, 40] },
      { labels: { instance: '1', job: 'a' }, times: [1, 2, 3], values: [10, null, 99] },
      { labels: { job: 'b' }, times: [1], values: [5] },
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toEqual({ labels: { job: 'a', instance: '1' }, times: [1, 2, 3, 4], values: [10, null, 30, 40] });
    expect(merged[1].values).toEqual([5]);
  });

  it('keeps the NaN/±Inf times of the samples it keeps: a time two chunks both answered counts once', () => {
    const merged = mergeSeries([
      { labels: { job: 'a' }, times: [1, 2, 3], values: [10, null, null], nonFiniteTimes: [2, 3] },
      // The next chunk answers 3 again (NaN again) and 4 (+Inf); its 5 is a plain gap.
      { labels: { job: 'a' }, times: [3, 4, 5], values: [null, null, null], nonFiniteTimes: [3, 4] },
      // Another answer for 1, a NaN there: the first sample seen (10) is kept, so 1 is no NaN.
      { labels: { job: 'a' }, times: [1], values: [null], nonFiniteTimes: [1] },
      { labels: { job: 'b' }, times: [1], values: [5] },
    ]);
    expect(merged[0]).toEqual({
      labels: { job: 'a' },
      times: [1, 2, 3, 4, 5],
      values: [10, null, null, null, null],
      nonFiniteTimes: [2, 3, 4],
    });
    expect(merged[1]).not.toHaveProperty('nonFiniteTimes');
  });

  it('keys label sets independent of order', () => {
    expect(labelsKey({ b: '2', a: '1' })).toBe(labelsKey({ a: '1', b: '2' }));
    expect(labelsKey({})).toBe('{}');
  });
});
