/**
 * Same-origin proxy from the playground page to the real Prometheus, the way Grafana's data source
 * proxy (`/api/datasources/proxy/uid/<uid>/…`) keeps the browser on one origin.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * URL prefixes the page may use to reach Prometheus; what follows is Prometheus's own path.
 * `/api/datasources/proxy/uid/<uid>/` is the path Grafana gives a proxy-access data source (every
 * proxied source in the playground is a Prometheus); `/api/prom/` is a short alias.
 */
const PROXY_PREFIX = /^\/api\/(?:prom|datasources\/proxy\/uid\/[A-Za-z0-9_-]+)\//;

/** Prometheus's path for a proxied URL (query string kept), or undefined when it is not a proxy URL. */
export function proxiedPath(url: string): string | undefined {
  const match = PROXY_PREFIX.exec(url);
  if (!match) {
    return undefined;
  }
  const rest = url.slice(match[0].length);
  // Only Prometheus's HTTP API is reachable through the playground, not its admin endpoints.
  if (!rest.startsWith('api/v1/') || rest.startsWith('api/v1/admin')) {
    return undefined;
  }
  return '/' + rest;
}

/** The JSON body the proxy answers with when Prometheus cannot be reached (Prometheus's error shape). */
export function unreachableBody(prometheusUrl: string, cause: string): string {
  return JSON.stringify({
    status: 'error',
    errorType: 'unavailable',
    error: `Prometheus at ${prometheusUrl} is unreachable (${cause})`,
  });
}

export function proxyToPrometheus(
  req: IncomingMessage,
  res: ServerResponse,
  prometheusUrl: string,
  targetPath: string
): void {
  const target = new URL(targetPath, prometheusUrl);
  const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
  if (req.headers['content-type']) {
    headers['content-type'] = req.headers['content-type'];
  }
  const upstream = http.request(
    target,
    { method: req.method === 'POST' ? 'POST' : 'GET', headers, timeout: 60_000 },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, {
        'Content-Type': upstreamRes.headers['content-type'] ?? 'application/json',
        'Cache-Control': 'no-store',
      });
      upstreamRes.pipe(res);
    }
  );
  upstream.on('timeout', () => upstream.destroy(new Error('timed out after 60 s')));
  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(unreachableBody(prometheusUrl, err.code ?? err.message));
  });
  if (req.method === 'POST') {
    req.pipe(upstream);
  } else {
    upstream.end();
  }
}
