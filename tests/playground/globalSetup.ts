/**
 * Starts the playground (which starts Prometheus with backfilled history and the demo exporter) for
 * the browser tests, and stops it by PID afterwards. Builds nothing: dist/ must exist.
 * With PLAYGROUND_URL already set, uses that playground and starts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertChromium } from '../../scripts/lib/chromium';

const ROOT = path.resolve(__dirname, '..', '..');
const READY_LINE = /Foresight playground: (http:\/\/127\.0\.0\.1:\d+\/)/;
const START_TIMEOUT_MS = 180_000;

function waitForUrl(child: ChildProcess, log: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The playground did not start within ${START_TIMEOUT_MS / 1000} s:\n${log.join('')}`)),
      START_TIMEOUT_MS
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      if (process.env.FORESIGHT_VERBOSE) {
        process.stdout.write(`[playground] ${text}`);
      }
      const match = READY_LINE.exec(log.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The playground exited with code ${code} before it was ready:\n${log.join('')}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000));
  if ((await Promise.race([exited, timeout])) === 'timeout' && child.exitCode === null) {
    process.kill(child.pid, 'SIGKILL');
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  assertChromium();
  if (process.env.PLAYGROUND_URL) {
    return async () => undefined;
  }
  const dist = path.resolve(ROOT, process.env.FORESIGHT_PLAYGROUND_DIST || 'dist');
  const missing = ['module.js', 'datasource/module.js', 'panel/module.js'].filter(
    (file) => !existsSync(path.join(dist, file))
  );
  if (missing.length > 0) {
    throw new Error(
      `The built plugin is missing in ${dist} (${missing.join(', ')}): run \`npm run build\` before the browser tests.`
    );
  }
  const log: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'playground/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', FORESIGHT_PLAYGROUND_CONTROL: '1', PROMETHEUS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let url: string;
  try {
    url = await waitForUrl(child, log);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  process.env.PLAYGROUND_URL = url;
  process.env.PLAYGROUND_CONTROL = '1';
  return async () => {
    await stopChild(child);
  };
}
