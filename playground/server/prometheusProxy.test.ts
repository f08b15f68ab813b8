/** @jest-environment node */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { crossOriginReason, decideProxy, handleProxyRequest, normalisePath, unreachableBody } from './prometheusProxy';

describe('normalisePath', () => {
  it('decodes escapes and resolves dot segments before anything is decided', () => {
    expect(normalisePath('/api/prom/api/v1/../../-/quit')).toBe('/api/prom/-/quit');
    expect(normalisePath('/api/prom/api/v1/%61dmin/tsdb/snapshot')).toBe('/api/prom/api/v1/admin/tsdb/snapshot');
    expect(normalisePath('/api/prom//api/v1/./query')).toBe('/api/prom/api/v1/query');
  });

  it('refuses encoded slashes, backslashes, NUL and broken escapes', () => {
    expect(normalisePath('/api/prom/api/v1/..%2f..%2f-/quit')).toBeUndefined();
    expect(normalisePath('/api/prom/api/v1/..%5C-/quit')).toBeUndefined();
    expect(normalisePath('/api/prom/api/v1/query%00')).toBeUndefined();
    expect(normalisePath('/api/prom/api/v1/%E0%A4%A')).toBeUndefined();
  });
});

describe('decideProxy', () => {
  it('forwards the read API on both proxy prefixes, query string kept', () => {
    expect(decideProxy('POST', '/api/datasources/proxy/uid/prometheus/api/v1/query_range')).toEqual({
      kind: 'forward',
      path: '/api/v1/query_range',
    });
    expect(decideProxy('GET', '/api/prom/api/v1/query?query=up')).toEqual({
      kind: 'forward',
      path: '/api/v1/query?query=up',
    });
    for (const endpoint of ['series', 'labels', 'label/job/values', 'metadata', 'status/buildinfo']) {
      expect(decideProxy('GET', `/api/prom/api/v1/${endpoint}`).kind).toBe('forward');
    }
  });

  it.each([
    ['POST', '/api/prom/api/v1/../../-/quit'],
    ['POST', '/api/prom/-/quit'],
    ['POST', '/api/prom/api/v1/%61dmin/tsdb/snapshot'],
    ['POST', '/api/prom/api/v1/admin/tsdb/delete_series'],
    ['GET', '/api/prom/federate?match[]=up'],
    ['GET', '/api/prom/metrics'],
    ['GET', '/api/prom/api/v1/query/../../../metrics'],
    ['GET', '/api/datasources/proxy/uid/../api/v1/query'],
    ['GET', '/api/prom/api/v1/status/config'],
    ['GET', '/api/prom/api/v1/targets'],
  ])('refuses %s %s', (method, url) => {
    expect(decideProxy(method, url).kind).toBe('refuse');
  });

  it('refuses methods Grafana does not use, and malformed paths with 400', () => {
    expect(decideProxy('DELETE', '/api/prom/api/v1/series')).toMatchObject({ kind: 'refuse', status: 405 });
    expect(decideProxy('POST', '/api/prom/api/v1/metadata')).toMatchObject({ kind: 'refuse', status: 405 });
    expect(decideProxy('GET', '/api/prom/api/v1/..%2f..%2f-/quit')).toMatchObject({ kind: 'refuse', status: 400 });
  });

  it('leaves everything else to the playground', () => {
    expect(decideProxy('GET', '/public/plugins/x')).toEqual({ kind: 'not-proxy' });
    expect(decideProxy('GET', '/api/playground/dashboards')).toEqual({ kind: 'not-proxy' });
  });
});

describe('crossOriginReason', () => {
  const local = { address: '127.0.0.1', port: 3000 };
  it('accepts the page itself and tools that send no Origin', () => {
    expect(crossOriginReason({ host: '127.0.0.1:3000' }, local)).toBeUndefined();
    expect(
      crossOriginReason(
        { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
        local
      )
    ).toBeUndefined();
  });

  it('refuses a cross-site Origin, a cross-site fetch and a foreign Host (DNS rebinding)', () => {
    expect(crossOriginReason({ host: '127.0.0.1:3000', origin: 'https://evil.example' }, local)).toMatch(/Origin/);
    expect(crossOriginReason({ host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }, local)).toMatch(
      /Sec-Fetch-Site/
    );
    expect(crossOriginReason({ host: 'evil.example:3000' }, local)).toMatch(/Host/);
    expect(crossOriginReason({}, local)).toMatch(/Host/);
  });
});

describe('the proxy against a stand-in Prometheus', () => {
  let upstream: http.Server;
  let proxy: http.Server;
  let proxyPort = 0;
  const seen: string[] = [];
  let upstreamClosed: () => void = () => undefined;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url?.startsWith('/api/v1/query_range')) {
        // Never answers: the abort test checks the proxy lets go of it.
        req.socket.on('close', () => upstreamClosed());
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"success"}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    proxy = http.createServer((req, res) => {
      if (!handleProxyRequest(req, res, upstreamUrl)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyPort = (proxy.address() as AddressInfo).port;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    upstream.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
  });

  /** A raw request: the path goes out byte for byte (fetch would resolve `..` itself). */
  function send(
    method: string,
    rawPath: string,
    headers: http.OutgoingHttpHeaders = {}
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: proxyPort,
          method,
          path: rawPath,
          headers: { 'content-type': 'text/plain', ...headers },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }
      );
      req.on('error', reject);
      req.end(method === 'POST' ? 'query=up' : undefined);
    });
  }

  it('forwards a same-origin query', async () => {
    const res = await send('POST', '/api/prom/api/v1/query', { origin: `http://127.0.0.1:${proxyPort}` });
    expect(res.status).toBe(200);
    expect(seen).toEqual(['POST /api/v1/query']);
  });

  it.each([
    ['POST', '/api/prom/api/v1/../../-/quit'],
    ['POST', '/api/prom/api/v1/%61dmin/tsdb/snapshot'],
    ['GET', '/api/prom/federate?match[]=up'],
    ['GET', '/api/prom/metrics'],
  ])('never lets %s %s reach Prometheus', async (method, rawPath) => {
    const res = await send(method, rawPath);
    expect([403, 404]).toContain(res.status);
    expect(seen).toEqual([]);
  });

  it('refuses a cross-site simple POST', async () => {
    const res = await send('POST', '/api/prom/api/v1/query', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toMatch(/Origin/);
    expect(seen).toEqual([]);
  });

  it('refuses a foreign Host header', async () => {
    const res = await send('GET', '/api/prom/api/v1/query?query=up', { host: 'attacker.example' });
    expect(res.status).toBe(403);
    expect(seen).toEqual([]);
  });

  it('cancels the upstream request when the browser aborts', async () => {
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const controller = new AbortController();
    const req = http.request({
      host: '127.0.0.1',
      port: proxyPort,
      method: 'GET',
      path: '/api/prom/api/v1/query_range?query=up',
      signal: controller.signal,
    });
    req.on('error', () => undefined);
    req.end();
    // Wait until the stalled request is upstream, then abort like a browser would.
    for (let i = 0; i < 100 && seen.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen).toEqual(['GET /api/v1/query_range?query=up']);
    controller.abort();
    await expect(closed).resolves.toBeUndefined();
  });
});

describe('unreachableBody', () => {
  it('answers in Prometheus error shape, naming the server and the cause', () => {
    expect(JSON.parse(unreachableBody('http://127.0.0.1:9', 'ECONNREFUSED'))).toEqual({
      status: 'error',
      errorType: 'unavailable',
      error: 'connection to http://127.0.0.1:9 failed (ECONNREFUSED)',
    });
  });
});
