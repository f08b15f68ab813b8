import { LSTM_LIMITS } from '../engine/options';
import { UsageError } from './usage';
import { wholeNumberIn } from './wholeNumber';

describe('whole-number flags', () => {
  const window = wholeNumberIn('--window', LSTM_LIMITS.window.min, LSTM_LIMITS.window.max);
  const seed = wholeNumberIn('--seed', LSTM_LIMITS.seed.min, LSTM_LIMITS.seed.max);

  it('accepts the whole range, ends included', () => {
    expect(window('2')).toBe(2);
    expect(window('512')).toBe(512);
    expect(seed('0')).toBe(0);
    expect(seed('4294967295')).toBe(4_294_967_295);
  });

  it('says the exact range and the value given, out of range or malformed alike', () => {
    expect(() => window('1')).toThrow(new UsageError('--window must be a whole number from 2 to 512 (got "1").'));
    expect(() => window('513')).toThrow('--window must be a whole number from 2 to 512 (got "513").');
    expect(() => seed('-1')).toThrow('--seed must be a whole number from 0 to 4294967295 (got "-1").');
    expect(() => seed('4294967296')).toThrow('--seed must be a whole number from 0 to 4294967295 (got "4294967296").');
    // what Number() would have read as some other number
    for (const text of ['', ' 7', '1.5', '0x10', '1e3', 'abc']) {
      expect(() => seed(text)).toThrow(`--seed must be a whole number from 0 to 4294967295 (got "${text}").`);
    }
    expect(() => window('8')).not.toThrow();
  });

  it('is a usage error (exit 2), not a failure while running', () => {
    expect(() => seed('x')).toThrow(UsageError);
  });
});
