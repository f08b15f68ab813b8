/**
 * Same-origin proxy from the playground page to the real Prometheus, the way Grafana's data source
 * proxy (`/api/datasources/proxy/uid/<uid>/…`) keeps the browser on one origin.
 *
 * Only Prometheus's read API passes, and the decision is taken on the path as Prometheus will see
 * it (percent-escapes decoded, `.`/`..` resolved): a filter on the raw path let
 * `…/api/v1/../../-/quit` and `…/api/v1/%61dmin/…` through.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * URL prefixes the page may use to reach Prometheus; what follows is Prometheus's own path.
 * `/api/datasources/proxy/uid/<uid>/` is the path Grafana gives a proxy-access data source (every
 * proxied source in the playground is a Prometheus); `/api/prom/` is a short alias.
 */
const PROXY_PREFIX = /^\/api\/(?:prom|datasources\/proxy\/uid\/[A-Za-z0-9_-]+)\//;
/** Anything under these roots is a proxy request: it is either forwarded or refused, never served otherwise. */
const PROXY_ROOT = /^\/api\/(?:prom|datasources\/proxy)(?:\/|$)/;

/** Prometheus read endpoints (after `/api/v1/`) and the methods Grafana's Prometheus client uses on them. */
const READ_API: Array<{ path: RegExp; methods: readonly string[] }> = [
  { path: /^(?:query|query_range|series|labels)$/, methods: ['GET', 'POST'] },
  { path: /^label\/[^/]+\/values$/, methods: ['GET'] },
  { path: /^metadata$/, methods: ['GET'] },
  { path: /^status\/buildinfo$/, methods: ['GET'] },
];

export type ProxyDecision =
  /** Not a proxy URL: the rest of the playground handles it. */
  | { kind: 'not-proxy' }
  /** Forward to Prometheus at `path` (normalised, query string kept). */
  | { kind: 'forward'; path: string }
  | { kind: 'refuse'; status: 400 | 403 | 404 | 405; message: string };

/**
 * The path with percent-escapes decoded and dot segments resolved, or undefined when it cannot be
 * decoded safely. An encoded slash or backslash is refused outright: decoding it would change
 * which segment is which, and no read endpoint needs one in its path.
 */
export function normalisePath(rawPath: string): string | undefined {
  if (/%(?:2f|5c|00)/i.test(rawPath) || rawPath.includes('\\')) {
    return undefined;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) {
    return undefined;
  }
  // posix.normalize resolves `.`/`..` (never above `/`) and collapses `//`.
  return path.posix.normalize(decoded);
}

/** Decides what happens to a request by method and URL alone (origin checks are separate). */
export function decideProxy(method: string, url: string): ProxyDecision {
  const queryAt = url.indexOf('?');
  const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt);
  const normalised = normalisePath(rawPath);
  if (!PROXY_ROOT.test(rawPath) && (normalised === undefined || !PROXY_ROOT.test(normalised))) {
    return { kind: 'not-proxy' };
  }
  if (normalised === undefined) {
    return { kind: 'refuse', status: 400, message: 'Malformed proxy path (bad or encoded separator)' };
  }
  const prefix = PROXY_PREFIX.exec(normalised);
  const rest = prefix ? normalised.slice(prefix[0].length) : undefined;
  const endpoint = rest?.startsWith('api/v1/') ? rest.slice('api/v1/'.length) : undefined;
  const allowed = endpoint === undefined ? undefined : READ_API.find((entry) => entry.path.test(endpoint));
  if (!allowed || rest === undefined) {
    return {
      kind: 'refuse',
      status: 403,
      message:
        'The playground proxy passes only Prometheus read API calls (query, query_range, series, labels, label values, metadata, build info)',
    };
  }
  if (!allowed.methods.includes(method)) {
    return { kind: 'refuse', status: 405, message: `${method} is not allowed on /api/v1/${endpoint}` };
  }
  return { kind: 'forward', path: '/' + rest + query };
}

/**
 * Why a request does not come from the playground's own page, or undefined when it does. `Host`
 * must name the address the connection reached (no DNS rebinding); `Origin` and `Sec-Fetch-Site`,
 * when the browser sends them, must say same origin (no cross-site simple POST).
 */
export function crossOriginReason(
  headers: IncomingHttpHeaders,
  local: { address: string; port: number }
): string | undefined {
  const address = local.address.replace(/^::ffff:/, '');
  const ownHosts = [`${address}:${local.port}`, `localhost:${local.port}`];
  const host = headers.host;
  if (!host || !ownHosts.includes(host.toLowerCase())) {
    return `Host "${host ?? ''}" is not this playground (${ownHosts[0]})`;
  }
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) {
    return `Origin "${origin}" is not this playground`;
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Sec-Fetch-Site "${site}": only the playground's own page may call Prometheus`;
  }
  return undefined;
}

/** The JSON body the proxy answers with when Prometheus cannot be reached (Prometheus's error shape). */
export function unreachableBody(prometheusUrl: string, cause: string): string {
  return JSON.stringify({
    status: 'error',
    errorType: 'unavailable',
    // the cause only: the data source says "Prometheus is unreachable: …" around it
    error: `connection to ${prometheusUrl} failed (${cause})`,
  });
}

/** A refusal in Prometheus's error shape, so the data source shows the message. */
export function refusalBody(message: string): string {
  return JSON.stringify({ status: 'error', errorType: 'forbidden', error: message });
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
  // The browser gave up (a cancelled query, a closed tab): stop Prometheus's work too.
  res.on('close', () => {
    if (!res.writableFinished) {
      upstream.destroy();
    }
  });
  upstream.on('timeout', () => upstream.destroy(new Error('timed out after 60 s')));
  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (res.destroyed) {
      return;
    }
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

/** Handles a proxy request end to end; answers false when the URL is not a proxy URL. */
export function handleProxyRequest(req: IncomingMessage, res: ServerResponse, prometheusUrl: string): boolean {
  const decision = decideProxy(req.method ?? 'GET', req.url ?? '/');
  if (decision.kind === 'not-proxy') {
    return false;
  }
  const refuse = (status: number, message: string) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(refusalBody(message));
  };
  const crossOrigin = crossOriginReason(req.headers, {
    address: req.socket.localAddress ?? '',
    port: req.socket.localPort ?? 0,
  });
  if (crossOrigin) {
    refuse(403, crossOrigin);
  } else if (decision.kind === 'refuse') {
    refuse(decision.status, decision.message);
  } else {
    proxyToPrometheus(req, res, prometheusUrl, decision.path);
  }
  return true;
}
