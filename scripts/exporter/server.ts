/** The live demo exporter's HTTP server: `/metrics` on 127.0.0.1, ticking once per second. */
import http from 'http';
import { LOOPBACK, freePort } from '../lib/net';
import { createDemoMetrics } from './metrics';
import { OPENMETRICS_CONTENT_TYPE, REPLAY_PATH, type ReplaySource, replayExposition } from './replayMetrics';

export interface ExporterHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function dayLengthFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FORESIGHT_DAY_SECONDS;
  if (raw === undefined || raw === '') {
    return 86_400;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 60 || value > 86_400 * 7) {
    throw new Error(`FORESIGHT_DAY_SECONDS must be a number of seconds between 60 and 604800, got "${raw}"`);
  }
  return value;
}

export async function startExporter(
  opts: {
    port?: number;
    dayLengthSec?: number;
    historyNowMs?: number;
    /** Backfilled series to continue live on `/replay/metrics`. */
    replay?: ReplaySource;
  } = {}
): Promise<ExporterHandle> {
  const port = opts.port ?? (await freePort());
  const metrics = createDemoMetrics(
    { dayLengthSec: opts.dayLengthSec ?? dayLengthFromEnv() },
    Date.now(),
    opts.historyNowMs
  );
  const timer = setInterval(() => metrics.tick(Date.now()), 1000);
  const server = http.createServer((req, res) => {
    if (req.url === REPLAY_PATH && opts.replay) {
      res.writeHead(200, { 'Content-Type': OPENMETRICS_CONTENT_TYPE });
      res.end(replayExposition(opts.replay, Date.now()));
      return;
    }
    if (req.url === '/metrics') {
      metrics.tick(Date.now());
      metrics.registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
          res.end(body);
        })
        .catch((e: Error) => {
          res.writeHead(500);
          res.end(e.message);
        });
      return;
    }
    res.writeHead(req.url === '/' ? 200 : 404, { 'Content-Type': 'text/plain' });
    res.end(req.url === '/' ? 'Foresight demo exporter: see /metrics\n' : 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, resolve);
  });
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
