import { formatLoad, formatNumber, formatSeconds, formatTime } from './format';

describe('format', () => {
  it('writes numbers with grouping and sensible precision', () => {
    expect(formatNumber(2840.4)).toBe('2,840');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(0.0612)).toBe('0.06');
    expect(formatNumber(-1500)).toBe('-1,500');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatLoad(2500, 'req/s')).toBe('2,500 req/s');
    expect(formatLoad(2500)).toBe('2,500');
    // a Grafana unit id (the query's unit) as people write it, never the id
    expect(formatLoad(2500, 'reqps')).toBe('2,500 req/s');
    expect(formatLoad(42, 'percent')).toBe('42 %');
    expect(formatLoad(3, 'suffix: jobs')).toBe('3 jobs');
    expect(formatLoad(3, 'short')).toBe('3');
  });

  it('writes times on a 24-hour clock, with the date when the day differs', () => {
    const t = Date.UTC(2026, 10, 21, 14, 35);
    expect(formatTime(t)).toBe('14:35');
    expect(formatTime(t + 86_400_000, t)).toBe('Nov 22 14:35');
    expect(formatTime(t, t, 'America/New_York')).toBe('09:35');
    expect(formatTime(NaN)).toBe('an unknown time');
  });

  it('writes durations', () => {
    // The one duration style (common/duration); was "15 min", "1 min 30 s", "1 h 30 min", "0 s".
    expect(formatSeconds(900)).toBe('15m');
    expect(formatSeconds(90)).toBe('1m 30s');
    expect(formatSeconds(5400)).toBe('1h 30m');
    expect(formatSeconds(0)).toBe('0s');
    expect(formatSeconds(NaN)).toBe('an unknown time');
  });
});
