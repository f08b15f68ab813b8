import { seriesStaleness } from './freshness';

const MIN = 60_000;

describe('seriesStaleness', () => {
  const now = Date.UTC(2026, 11, 2, 9);
  it('judges the last finite sample, not trailing empty points', () => {
    const times = [0, 1, 2, 3].map((i) => now - 70 * MIN + i * 5 * MIN);
    const st = seriesStaleness({ times: [...times, now], values: [1, 2, 3, 4, null] }, now, 5 * MIN);
    expect(st?.stale).toBe(true);
    expect(st?.label).toBe('last sample 55m ago');
    expect(st?.warning).toMatch(/^Data is stale/);
  });

  it('says fresh data is fresh, and nothing for an empty series', () => {
    expect(seriesStaleness({ times: [now - 5 * MIN], values: [1] }, now, 5 * MIN)?.stale).toBe(false);
    expect(seriesStaleness({ times: [now], values: [null] }, now, 5 * MIN)).toBeUndefined();
  });
});
