/**
 * A whole-number flag read with its exact range. Why not `Number(text)`: it reads "", " 7 ", "0x10"
 * and "1e3" as numbers, so a typo became a different seed without a word; and why the range from
 * `LSTM_LIMITS`: the CLI said "≥ 1" while the engine refused a window of 1 and accepted a seed of
 * 0, after the data was read. Said as the other flags say theirs: the flag, the range, what was given.
 */
import { UsageError } from './usage';

export function wholeNumberIn(flag: string, min: number, max: number): (text: string) => number {
  return (text: string): number => {
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max)) {
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${text}").`);
    }
    return value;
  };
}
