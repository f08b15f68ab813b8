/**
 * Usage errors: the command line itself is wrong (a missing or malformed option), as opposed to a
 * failure while running. The CLI exits 2 for these, 1 for the rest, as Unix tools do.
 */
import { CommanderError } from 'commander';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Commander's codes for asking for help or the version: not errors at all. */
const NOT_ERRORS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** The process exit code for an error thrown by the CLI. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    return NOT_ERRORS.has(err.code) ? 0 : 2;
  }
  return err instanceof UsageError ? 2 : 1;
}
