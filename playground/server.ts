/**
 * `npm run playground`: serves the Foresight playground on 127.0.0.1 and prints its URL.
 *
 * Env: PORT (default: 3300, else a free port), PROMETHEUS_URL (default: start the project's stack with
 * backfilled history, the demo exporter and a Foresight server scraped by it, see
 * serveProcess.ts), FORESIGHT_PLAYGROUND_CONTROL=1 (test hooks to stop and
 * restart, or freeze and resume, the stack's Prometheus; only when the playground started the stack itself).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { buildHostBundle } from './server/buildHost';
import { createPlaygroundHandler, type PlaygroundOptions } from './server/app';
// Types only: the stack's code is imported lazily (see startOwnStack).
import type { StackHandle } from '../scripts/prometheus/stack';

const ROOT = path.resolve(__dirname, '..');
const LOOPBACK = '127.0.0.1';

/** FORESIGHT_PLAYGROUND_DIST serves another build of the plugin (default: the repository's dist/). */
const DIST_DIR = path.resolve(ROOT, process.env.FORESIGHT_PLAYGROUND_DIST || 'dist');
const REQUIRED_DIST = ['module.js', 'datasource/module.js', 'panel/module.js'];

/** What the playground uses of the stack it started (the stack's own handle, with serve stopped too). */
type RunningStack = Pick<
  StackHandle,
  | 'prometheusUrl'
  | 'exporterUrl'
  | 'stopPrometheus'
  | 'restartPrometheus'
  | 'pausePrometheus'
  | 'resumePrometheus'
  | 'stop'
>;

function checkDist(): void {
  const missing = REQUIRED_DIST.filter((file) => !existsSync(path.join(DIST_DIR, file)));
  if (missing.length > 0) {
    throw new Error(`The built plugin is missing in ${DIST_DIR} (${missing.join(', ')}). Run \`npm run build\` first.`);
  }
}

/**
 * The port when PORT is unset: always the same one, because the browser keeps the models it trained
 * per origin (IndexedDB), and a new port at every start made a returning user retrain everything.
 * When it is taken, a free port is used and the log says why the models are gone.
 */
const DEFAULT_PORT = 3300;

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function grafanaVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@grafana/data/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function startOwnStack(): Promise<RunningStack> {
  // Imported lazily: with PROMETHEUS_URL set, the stack's code (and its install step) is never touched.
  const { startStack } = await import('../scripts/prometheus/stack');
  const { freePort, LOOPBACK: HOST } = await import('../scripts/lib/net');
  const { RUNTIME_DIR } = await import('../scripts/lib/paths');
  const { SERVE_SCRAPE_JOB, startPlaygroundServe } = await import('./serveProcess');
  console.log(
    'No PROMETHEUS_URL given: starting Prometheus with backfilled history, the demo exporter and a Foresight server…'
  );
  const servePort = await freePort();
  const stack = await startStack({
    exporter: true,
    nativeHistograms: true,
    // As deploy/prometheus/scrape.yaml: honor_labels keeps serve's own `job` label on its samples.
    extraTargets: [{ job: SERVE_SCRAPE_JOB, address: `${HOST}:${servePort}`, intervalSec: 5, honorLabels: true }],
  });
  const serveDir = mkdtempSync(path.join(mkdirSync(RUNTIME_DIR, { recursive: true }) ?? RUNTIME_DIR, 'serve-'));
  let serve: Awaited<ReturnType<typeof startPlaygroundServe>>;
  try {
    serve = await startPlaygroundServe(stack.prometheusUrl, servePort, serveDir);
  } catch (err) {
    await stack.stop();
    throw err;
  }
  console.log(`Foresight server: http://${HOST}:${servePort}/metrics (log ${serve.logFile})`);
  return {
    ...stack,
    stopPrometheus: () => stack.stopPrometheus(),
    restartPrometheus: () => stack.restartPrometheus(),
    stop: async () => {
      try {
        await serve.stop();
        await stack.stop();
      } finally {
        rmSync(serveDir, { recursive: true, force: true });
      }
    },
  };
}

async function main(): Promise<void> {
  checkDist();
  const port = parsePort(process.env.PORT);
  const started = Date.now();
  const bundlePromise = buildHostBundle(ROOT);
  // Awaited below; this keeps a failure while the stack starts from being an unhandled rejection.
  bundlePromise.catch(() => undefined);
  let stack: RunningStack | undefined;
  let prometheusUrl = process.env.PROMETHEUS_URL;
  if (!prometheusUrl) {
    stack = await startOwnStack();
    prometheusUrl = stack.prometheusUrl;
  }
  let bundle: Awaited<typeof bundlePromise>;
  try {
    bundle = await bundlePromise;
  } catch (err) {
    // Never leave a Prometheus behind when the page cannot be built.
    await stack?.stop();
    throw new Error(`Could not bundle the playground page: ${err instanceof Error ? err.message : String(err)}`);
  }
  console.log(
    `Host bundle ${bundle.cached ? 'from cache' : 'built'} in ${bundle.buildMs} ms (${Math.round(bundle.js.length / 1024)} KiB)`
  );

  const ownStack = stack;
  const options: PlaygroundOptions = {
    root: ROOT,
    distDir: DIST_DIR,
    prometheusUrl,
    hostJs: bundle.js,
    hostCss: bundle.css,
    grafanaVersion: grafanaVersion(),
    control:
      process.env.FORESIGHT_PLAYGROUND_CONTROL === '1' && ownStack
        ? {
            stopPrometheus: () => ownStack.stopPrometheus(),
            startPrometheus: () => ownStack.restartPrometheus(),
            pausePrometheus: () => ownStack.pausePrometheus(),
            resumePrometheus: () => ownStack.resumePrometheus(),
          }
        : undefined,
  };
  const server = http.createServer(createPlaygroundHandler(options));
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, LOOPBACK, () => resolve());
    });
  try {
    try {
      await listen(port ?? DEFAULT_PORT);
    } catch (err) {
      if (port !== undefined || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
        throw err;
      }
      console.log(
        `Port ${DEFAULT_PORT} is in use: serving on a free port instead. Models this browser trained on the ` +
          `playground are kept per address, so they are not found there (set PORT to choose one).`
      );
      await listen(0);
    }
  } catch (err) {
    await ownStack?.stop();
    throw new Error(
      `Could not listen on ${LOOPBACK}:${port ?? DEFAULT_PORT}: ${err instanceof Error ? err.message : String(err)}`
    );
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : (port ?? DEFAULT_PORT);
  const url = `http://${LOOPBACK}:${actualPort}/`;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`${signal}: stopping the playground${ownStack ? ' and its Prometheus stack' : ''}…`);
    server.closeAllConnections();
    server.close();
    try {
      await ownStack?.stop();
    } catch (err) {
      console.error(`Stopping the stack failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  console.log(`Prometheus: ${prometheusUrl}${ownStack?.exporterUrl ? ` (demo exporter ${ownStack.exporterUrl})` : ''}`);
  console.log(`Ready in ${Date.now() - started} ms`);
  // The line tests and scripts look for; keep its shape.
  console.log(`Foresight playground: ${url}`);
}

main().catch((err: unknown) => {
  console.error(`playground: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
