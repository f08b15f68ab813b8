/**
 * A `FetchLike` on Node's http module, for tests that run under jsdom (where `@grafana/data` can
 * load but Node's global fetch is hidden). Node only: not exported from the browser index.
 */
import http from 'http';
import type { FetchLike } from '../../io/prometheus/httpClient';

export const nodeHttpFetch: FetchLike = (url, init = {}) =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          status,
          statusText: res.statusMessage ?? '',
          text: async () => body,
        });
      });
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      reject(Object.assign(new TypeError('fetch failed'), { cause: { code: err.code, message: err.message } }))
    );
    init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
    if (init.body) {
      req.write(init.body);
    }
    req.end();
  });
