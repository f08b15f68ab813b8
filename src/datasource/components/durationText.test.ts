import fc from 'fast-check';
import { parsePolicyDuration, secondsToDurationText } from './durationText';

describe('policy duration text', () => {
  it('formats seconds compactly and exactly', () => {
    expect(secondsToDurationText(300)).toBe('5m');
    expect(secondsToDurationText(900)).toBe('15m');
    expect(secondsToDurationText(5400)).toBe('1h30m');
    expect(secondsToDurationText(90061)).toBe('1d1h1m1s');
    expect(secondsToDurationText(0)).toBe('0s');
  });

  it('round-trips every whole number of seconds up to 7 days (old saved queries keep their value)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 * 86_400 }), (sec) => {
        const parsed = parsePolicyDuration(secondsToDurationText(sec), 'x');
        expect(parsed).toEqual({ ok: true, value: sec });
      })
    );
  });

  it('explains what it refuses', () => {
    expect(parsePolicyDuration('5 minutes', 'Cooldown')).toEqual({
      ok: false,
      problem: 'Cooldown: "5 minutes" is not a duration; use e.g. 30s, 5m, 1h, 7d or 1h30m',
    });
    expect(parsePolicyDuration('1500ms', 'Cooldown')).toEqual({
      ok: false,
      problem: 'Cooldown must be whole seconds (got 1500ms)',
    });
    expect(parsePolicyDuration(' ', 'Cooldown')).toEqual({ ok: true, value: undefined });
  });
});
