import { numberArg } from './numberArg';

describe('numberArg', () => {
  const bounds = { min: 1, max: 50, integer: true, unit: 'a whole number' };
  it('gives the default when absent and the value when in range', () => {
    expect(numberArg([], '--reps', 15, bounds)).toBe(15);
    expect(numberArg(['--reps', '7'], '--reps', 15, bounds)).toBe(7);
  });
  it('names the option and its range when the value is out of bounds or not a number', () => {
    expect(() => numberArg(['--reps', '0'], '--reps', 15, bounds)).toThrow(
      '--reps needs a whole number from 1 to 50, got "0".'
    );
    expect(() => numberArg(['--reps', '2.5'], '--reps', 15, bounds)).toThrow(/whole number/);
    expect(() => numberArg(['--reps'], '--reps', 15, bounds)).toThrow(/got ""/);
  });
});
