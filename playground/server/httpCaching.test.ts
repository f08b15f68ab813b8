/** @jest-environment node */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { chooseEncoding, IMMUTABLE, prepareBody, sendPrepared } from './httpCaching';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, honouring q=0 and the wildcard', () => {
    expect(chooseEncoding('gzip, deflate, br', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('gzip, br;q=0', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('gzip, deflate, br', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('*', ['gzip'])).toBe('gzip');
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBe('identity');
    expect(chooseEncoding('identity', ['br', 'gzip'])).toBe('identity');
  });
});

describe('sendPrepared', () => {
  const text = 'console.log("host bundle");\n'.repeat(10_000);
  const body = prepareBody(text, { brotli: true });
  let server: http.Server;
  let port = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => sendPrepared(req, res, body, 'text/javascript', IMMUTABLE));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function get(
    headers: http.OutgoingHttpHeaders
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/x.js', headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
          );
        })
        .on('error', reject);
    });
  }

  it('sends brotli or gzip as accepted, far smaller, with the same content', async () => {
    const br = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(text.length / 20);
    expect(brotliDecompressSync(br.body).toString()).toBe(text);
    const gz = await get({ 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(text);
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    const plain = await get({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(text);
  });

  it('answers 304 without a body when the browser already has this version', async () => {
    const first = await get({});
    const again = await get({ 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get({ 'if-none-match': '"other"' })).status).toBe(200);
  });
});
