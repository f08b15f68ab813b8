import { EDITOR_LIMITS, parseLimitedNumber } from './limits';

describe('parseLimitedNumber', () => {
  it('accepts plain numbers inside the limit and empty as "inherit"', () => {
    expect(parseLimitedNumber(' 32 ', EDITOR_LIMITS.lstmUnits)).toEqual({ ok: true, value: 32 });
    expect(parseLimitedNumber('', EDITOR_LIMITS.lstmUnits)).toEqual({ ok: true, value: undefined });
    expect(parseLimitedNumber('0.5', EDITOR_LIMITS.maxRelMae)).toEqual({ ok: true, value: 0.5 });
  });

  it('says what is wrong with 0, −1, 1.5, absurd values and non-numbers', () => {
    const problem = (text: string) => {
      const r = parseLimitedNumber(text, EDITOR_LIMITS.lstmEpochs);
      return r.ok ? undefined : r.problem;
    };
    expect(problem('0')).toBe('LSTM epochs must be a whole number from 1 to 200 (got 0)');
    expect(problem('-1')).toBe('LSTM epochs must be a whole number from 1 to 200 (got -1)');
    expect(problem('1.5')).toBe('LSTM epochs must be a whole number from 1 to 200 (got 1.5)');
    expect(problem('1e9')).toBe('LSTM epochs must be a whole number from 1 to 200 (got 1e9)');
    expect(problem('0x10')).toBe('LSTM epochs: "0x10" is not a number');
    expect(problem('Infinity')).toBe('LSTM epochs: "Infinity" is not a number');
    // Past a double's range: still a number, and said as out of range.
    expect(problem('1e400')).toBe('LSTM epochs must be a whole number from 1 to 200 (got 1e400)');
    const huge = parseLimitedNumber('1e400', EDITOR_LIMITS.capacityPerReplica);
    expect(huge.ok ? undefined : huge.problem).toBe(
      'Capacity per replica must be a number above 0 and up to 1,000,000,000,000,000 (got 1e400)'
    );
    const capacity = parseLimitedNumber('0', EDITOR_LIMITS.capacityPerReplica);
    expect(capacity).toEqual({
      ok: false,
      problem: 'Capacity per replica must be a number above 0 and up to 1,000,000,000,000,000 (got 0)',
    });
  });
});
