/**
 * Method names as the CLI accepts and prints them: the engine's own spelling (`seasonal_naive`),
 * one spelling in help, output and errors.
 */
import type { BacktestMethod } from '../engine/backtest';
import { REQUESTABLE_METHODS } from '../engine/methods';
import { UsageError } from './usage';

/** `all` (every method, one table) beside what the engine accepts (`auto` first). */
export const CLI_METHODS: readonly BacktestMethod[] = [
  'auto',
  'all',
  ...REQUESTABLE_METHODS.filter((m) => m !== 'auto'),
];

export function parseMethod(value: string): BacktestMethod {
  const found = CLI_METHODS.find((m) => m === value);
  if (found) {
    return found;
  }
  const near = CLI_METHODS.find((m) => m === value.toLowerCase().replace(/[-\s]/g, '_'));
  throw new UsageError(
    `Unknown method "${value}"${near ? `; did you mean ${near}?` : '.'} Methods: ${CLI_METHODS.join(', ')}.`
  );
}
