import { adviseRetire } from './retire';

describe('adviseRetire', () => {
  it('retires when both the recent peak and the forecast upper bound are below the threshold', () => {
    const a = adviseRetire({ upper95: [0.4, 0.2, 0.1], last24hHourlyPeak: 0.5, threshold: 1 });
    expect(a.retire).toBe(true);
    expect(a.reason).toBe(
      'safe to retire: the last-24 h hourly peak 0.5 and the forecast upper 95 % bound 0.4 are both below 1'
    );
  });

  it('keeps a version whose recent traffic reached the threshold', () => {
    const a = adviseRetire({ upper95: [0.1], last24hHourlyPeak: 3, threshold: 1, unit: 'req/s' });
    expect(a).toEqual({ retire: false, reason: 'keep: the last-24 h hourly peak 3 req/s is not below 1 req/s' });
  });

  it('keeps a version whose forecast may come back, and says when', () => {
    const startMs = Date.UTC(2026, 10, 21, 12, 0);
    const a = adviseRetire({ upper95: [0, 0, 12.5], last24hHourlyPeak: 0, threshold: 1, startMs, stepMs: 3_600_000 });
    expect(a.retire).toBe(false);
    expect(a.reason).toBe('keep: the forecast upper 95 % bound 12.5 at 14:00 is not below 1');
  });

  it('names both reasons when both fail', () => {
    const a = adviseRetire({ upper95: [5], last24hHourlyPeak: 5, threshold: 1 });
    expect(a.reason).toMatch(/hourly peak 5 is not below 1, and the forecast upper 95 % bound 5 is not below 1/);
  });

  it('treats exactly the threshold as not below it', () => {
    expect(adviseRetire({ upper95: [1], last24hHourlyPeak: 0, threshold: 1 }).retire).toBe(false);
  });

  it('skips NaN forecast points and clamps negative bounds to 0', () => {
    const a = adviseRetire({ upper95: [NaN, -0.3, null], last24hHourlyPeak: 0, threshold: 1 });
    expect(a.retire).toBe(true);
    expect(a.reason).toMatch(/forecast upper 95 % bound 0 are both below 1/);
  });

  it('keeps, with the reason, when evidence is missing or the threshold is absurd', () => {
    expect(adviseRetire({ upper95: [], last24hHourlyPeak: 0, threshold: 1 })).toEqual({
      retire: false,
      reason: 'keep: no usable forecast to judge by',
    });
    expect(adviseRetire({ upper95: [NaN], last24hHourlyPeak: 0, threshold: 1 }).reason).toBe(
      'keep: no usable forecast to judge by'
    );
    expect(adviseRetire({ upper95: [0], last24hHourlyPeak: NaN, threshold: 1 }).reason).toMatch(
      /no usable traffic for the last 24 hours/
    );
    expect(adviseRetire({ upper95: [0], last24hHourlyPeak: 0, threshold: 0 }).reason).toMatch(
      /threshold must be a number above 0 \(got 0\)/
    );
    expect(adviseRetire({ upper95: [0], last24hHourlyPeak: 0, threshold: NaN }).retire).toBe(false);
  });
});
