import { rangeFromUrl, readUrlState, writeUrlState } from './urlState';

describe('url state', () => {
  it('round-trips the page state', () => {
    const state = { dashboard: 'd', from: 'now-2d', to: 'now', theme: 'light' as const, panel: 2, refresh: '30s' };
    expect(readUrlState(writeUrlState(state))).toEqual(state);
  });

  it('defaults to the dark theme and ignores a bad panel id', () => {
    expect(readUrlState('?theme=purple&panel=abc')).toEqual({
      dashboard: undefined,
      from: undefined,
      to: undefined,
      theme: 'dark',
      panel: undefined,
      refresh: undefined,
    });
  });
});

describe('rangeFromUrl', () => {
  it('reads epoch milliseconds (absolute ranges, zoom and move) as dates, not NaN', () => {
    const range = rangeFromUrl('1700000000000', '1700003600000', 'utc');
    expect(range.from.valueOf()).toBe(1_700_000_000_000);
    expect(range.to.valueOf()).toBe(1_700_003_600_000);
  });

  it('keeps relative ranges relative', () => {
    const range = rangeFromUrl('now-6h', 'now', 'utc');
    expect(range.raw).toEqual({ from: 'now-6h', to: 'now' });
    // Grafana's date maths reads the clock once per end, so the span may be a millisecond longer.
    expect(range.to.valueOf() - range.from.valueOf()).toBeGreaterThanOrEqual(6 * 3_600_000);
    expect(range.to.valueOf() - range.from.valueOf()).toBeLessThan(6 * 3_600_000 + 1000);
  });
});
