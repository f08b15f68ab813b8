import { DurationError, formatDuration, parseDurationMs, roundDownDuration, roundUpDuration } from './duration';

describe('parseDurationMs', () => {
  // From the data source's parser (src/datasource/duration.test.ts).
  it('parses Grafana-style durations', () => {
    expect(parseDurationMs('7d')).toBe(604_800_000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs(' 90s ')).toBe(90_000);
    expect(parseDurationMs('1w')).toBe(604_800_000);
  });
  it('rejects junk with the field name', () => {
    expect(() => parseDurationMs('7 days', 'training window')).toThrow('training window: "7 days" is not a duration');
    expect(() => parseDurationMs('', 'horizon')).toThrow(/horizon/);
    expect(() => parseDurationMs('0m')).toThrow();
    expect(() => parseDurationMs('5mx')).toThrow();
  });

  // From the CLI's parser (src/cli/csv.test.ts); its message said "Not a duration", now "is not a duration".
  it('parses Prometheus durations', () => {
    expect(parseDurationMs('5m')).toBe(300_000);
    expect(parseDurationMs('7d')).toBe(604_800_000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(() => parseDurationMs('5 minutes')).toThrow(/not a duration/i);
  });

  it('says a zero or negative duration must be greater than zero, not that it is no duration', () => {
    for (const text of ['0s', '0', '-1h']) {
      expect(() => parseDurationMs(text, 'horizon')).toThrow(
        `horizon: "${text}" must be greater than zero; use e.g. 30s, 5m, 1h or 7d`
      );
    }
  });

  it('refuses a bare number with the same message as any other non-duration', () => {
    expect(() => parseDurationMs('300', 'horizon')).toThrow(
      'horizon: "300" is not a duration; use e.g. 30s, 5m, 1h, 7d or 1h30m'
    );
  });

  it('throws a DurationError that callers can recognise by name', () => {
    let caught: unknown;
    try {
      parseDurationMs('soon', 'maximum model age');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DurationError);
    expect((caught as Error).name).toBe('DurationError');
  });

  it('accepts milliseconds, years and fractions, and rounds to whole ms', () => {
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('1y')).toBe(31_536_000_000);
    expect(parseDurationMs('1.5h')).toBe(5_400_000);
    expect(parseDurationMs('0.0004s')).toBe(0);
  });
});

describe('formatDuration: the one style', () => {
  it('writes at most two parts, largest first', () => {
    expect(formatDuration(187_200_000)).toBe('2d 4h');
    expect(formatDuration(6_000_000)).toBe('1h 40m');
    expect(formatDuration(2_100_000)).toBe('35m');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(90_000)).toBe('1m 30s');
    expect(formatDuration(250)).toBe('250ms');
  });
  it('drops seconds from spans of a day or more, and reads nothing as 0s', () => {
    expect(formatDuration(86_400_000 + 5_000)).toBe('1d');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(NaN)).toBe('0s');
  });
  it('reads back through the parser once spaces are removed', () => {
    for (const ms of [45_000, 90_000, 2_100_000, 5_400_000, 187_200_000]) {
      expect(parseDurationMs(formatDuration(ms).replace(/ /g, ''))).toBe(ms);
    }
  });
});

describe('friendly rounding', () => {
  it('rounds up to a duration people type', () => {
    expect(roundUpDuration(40_000)).toBe(60_000);
    expect(roundUpDuration(3_600_000)).toBe(3_600_000);
    expect(roundUpDuration(1.5 * 86_400_000)).toBe(2 * 86_400_000);
  });
  it('rounds down to a duration people type, 0 under a second', () => {
    expect(roundDownDuration(50_000_000)).toBe(43_200_000);
    expect(roundDownDuration(3.5 * 86_400_000)).toBe(3 * 86_400_000);
    expect(roundDownDuration(500)).toBe(0);
  });
});

describe('DurationError', () => {
  it('echoes at most 40 characters of what was typed', () => {
    expect(new DurationError('horizon', 'x'.repeat(5000)).message).toBe(
      `horizon: "${'x'.repeat(40)}… (5000 characters)" is not a duration; use e.g. 30s, 5m, 1h, 7d or 1h30m`
    );
  });
});
