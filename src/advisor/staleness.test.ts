import { assessStaleness, staleThresholdMs } from './staleness';

describe('assessStaleness', () => {
  const now = Date.UTC(2026, 0, 1, 12);

  it('uses max(3 steps, 10 minutes) as the threshold', () => {
    expect(staleThresholdMs(60_000)).toBe(600_000);
    expect(staleThresholdMs(300_000)).toBe(900_000);
    expect(staleThresholdMs(3_600_000)).toBe(10_800_000);
  });

  it('calls an hour-old 5-minute series stale and says what that means', () => {
    const s = assessStaleness(now - 3_600_000, now, 300_000);
    expect(s.stale).toBe(true);
    expect(s.label).toBe('last sample 1h ago');
    expect(s.warning).toMatch(/stale.*1h old.*15m.*no scale actions/);
  });

  it('says when the forecast of stale data ends before now, so nothing is forecast ahead', () => {
    const lastSample = now - 70 * 60_000;
    const endsEarly = assessStaleness(lastSample, now, 300_000, lastSample + 60 * 60_000);
    expect(endsEarly.warning).toMatch(
      / It ends 10m before now, so nothing is forecast from now on; a horizon longer than 1h reaches past now\.$/
    );
    expect(assessStaleness(lastSample, now, 300_000, now + 60_000).warning).not.toMatch(/ends/);
  });

  it('keeps fresh data fresh, and a sample ahead of the clock is age 0', () => {
    expect(assessStaleness(now - 120_000, now, 300_000)).toMatchObject({ stale: false, label: 'last sample 2m ago' });
    expect(assessStaleness(now + 5_000, now, 300_000)).toMatchObject({ stale: false, ageMs: 0 });
  });
});
