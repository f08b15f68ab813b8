/** Starting and stopping child processes by PID, with their output captured to a log file. */
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';

export interface Started {
  child: ChildProcess;
  pid: number;
  logFile: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export function startLogged(command: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): Started {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log], env: env ?? process.env });
  fs.closeSync(log);
  if (child.pid === undefined) {
    throw new Error(`Could not start ${command}`);
  }
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
    } else {
      child.once('exit', () => resolve());
    }
  });
  return {
    child,
    pid,
    logFile,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      try {
        process.kill(pid, 'SIGTERM');
      } catch (err) {
        // Gone between the check and the signal: `kill -- -PGID` on the playground reaches its
        // children too, and a child reaped before its 'exit' event ran made this throw ESRCH, which
        // skipped the clean-up after it (the stack's directory stayed behind in .foresight/). Any
        // other failure (EPERM) still throws: waiting for an exit it cannot cause would never end.
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') {
          throw err;
        }
      }
      const timer = setTimeout(() => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
