/**
 * The HTTP face of `serve`: `/metrics` for Prometheus, `/healthz` for probes, `/api/v1/results` for
 * people and the panel. Read-only, GET only; binds exactly the address it is given.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { Clock } from '../advisor/ports';
import type { JobState } from './evaluateJob';
import type { ListenAddress } from './listen';
import type { ForesightMetrics } from './metrics';

/** A job is healthy while its last good result is younger than this many intervals. */
export const HEALTHY_INTERVALS = 3;

export interface ServeHandle {
  port: number;
  host: string;
  server: Server;
  close(): Promise<void>;
}

export interface HealthReport {
  ok: boolean;
  jobs: Array<{ job: string; ok: boolean; ageSeconds?: number; lastError?: string }>;
}

export function health(states: readonly JobState[], nowMs: number): HealthReport {
  const jobs = states.map((s) => {
    const age = s.last ? nowMs - s.last.atMs : undefined;
    const ok = age !== undefined && age < HEALTHY_INTERVALS * s.job.intervalMs;
    return {
      job: s.job.name,
      ok,
      ageSeconds: age === undefined ? undefined : Math.round(age / 1000),
      // an error the job has since recovered from is history, not health
      lastError: s.lastError && (!s.last || s.lastError.atMs > s.last.atMs) ? s.lastError.message : undefined,
    };
  });
  return { ok: jobs.every((j) => j.ok), jobs };
}

/** The last results as JSON (non-finite numbers become null, as JSON has no NaN). */
export function resultsJson(states: readonly JobState[]): string {
  return JSON.stringify({
    jobs: states.map((s) => ({
      job: s.job.name,
      interval: s.job.interval,
      horizon: s.job.horizon,
      evaluations: s.evaluations,
      failures: s.failures,
      lastSuccess: s.last ? new Date(s.last.atMs).toISOString() : null,
      durationSeconds: s.last ? s.last.durationMs / 1000 : null,
      notes: s.last?.notes ?? [],
      lastError: s.lastError ? { ...s.lastError, at: new Date(s.lastError.atMs).toISOString() } : null,
      result: s.last?.result ?? null,
    })),
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'only GET\n');
  }
  switch (path) {
    case '/metrics':
      return send(res, 200, deps.metrics.contentType, await deps.metrics.text());
    case '/healthz': {
      const report = health(deps.states, deps.clock.now());
      return send(res, report.ok ? 200 : 503, 'application/json', JSON.stringify(report));
    }
    case '/api/v1/results':
      return send(res, 200, 'application/json', resultsJson(deps.states));
    case '/':
      return send(res, 200, 'text/plain; charset=utf-8', 'Foresight serve: /metrics /healthz /api/v1/results\n');
    default:
      return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
}

export interface ServerDeps {
  metrics: ForesightMetrics;
  states: readonly JobState[];
  clock: Clock;
}

export function startServer(listen: ListenAddress, deps: ServerDeps): Promise<ServeHandle> {
  const server = createServer((req, res) => {
    route(req, res, deps).catch((e: unknown) => {
      if (!res.headersSent) {
        send(res, 500, 'text/plain; charset=utf-8', `${e instanceof Error ? e.message : String(e)}\n`);
      } else {
        res.end();
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        port: address.port,
        host: address.address,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
