import { staleWarning, timeMarks } from './origin';

const T = Date.UTC(2026, 11, 2, 9, 0);
const MIN = 60_000;

describe('time marks', () => {
  it('draws "now" at the answer\'s clock, not at the last sample, and labels the origin with its age', () => {
    const marks = timeMarks([{ lastSampleMs: T - 52 * MIN, clockMs: T, stepMs: 5 * MIN }], T + 999 * MIN);
    expect(marks.clockMs).toBe(T);
    expect(marks.origins).toEqual([{ timeMs: T - 52 * MIN, label: 'last sample 52m ago', stale: true }]);
  });

  it("labels a kept forecast's origin as its origin when newer samples are drawn after it (a re-plan)", () => {
    const times = [T - 10 * MIN, T - 5 * MIN, T];
    const kept = { lastSampleMs: T - 10 * MIN, clockMs: T, stepMs: 5 * MIN, times, actual: [1, 2, 3] };
    expect(timeMarks([kept], T).origins[0].label).toBe('forecast origin 10m ago');
    expect(timeMarks([{ ...kept, actual: [1, null, null] }], T).origins[0].label).toBe('last sample 10m ago');
    // Stale: what follows is Prometheus repeating the last sample for its lookback, not new samples.
    const stale = { ...kept, lastSampleMs: T - 80 * MIN, times: [T - 80 * MIN, T - 77 * MIN], actual: [1, 1] };
    expect(timeMarks([{ ...stale, stale: { ageMs: 80 * MIN, thresholdMs: 15 * MIN } }], T).origins[0].label).toBe(
      'last sample 1h 20m ago'
    );
  });

  it('falls back to the render time when the data source gave no clock', () => {
    const marks = timeMarks([{ lastSampleMs: T - 2 * MIN, stepMs: 5 * MIN }], T);
    expect(marks.clockMs).toBe(T);
    expect(marks.origins[0]).toMatchObject({ label: 'last sample 2m ago', stale: false });
  });

  it('says the data is stale only when the data source marked it', () => {
    const s = { lastSampleMs: T - 52 * MIN, clockMs: T, stepMs: 5 * MIN };
    expect(staleWarning(s, T)).toBeUndefined();
    expect(staleWarning({ ...s, stale: { ageMs: 52 * MIN, thresholdMs: 15 * MIN } }, T)).toMatch(
      /^Data is stale: the last sample is 52m old \(more than 15m\)/
    );
  });
});
