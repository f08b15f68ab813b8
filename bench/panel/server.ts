/**
 * A static server on 127.0.0.1 for the benchmark page, from memory. Grafana's fonts come from the
 * system (as in the playground) and icons get a placeholder, so the page makes no failing request;
 * anything else unexpected is a 404 and is recorded.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFontUrl, PLACEHOLDER_ICON, systemFontFor } from '../../playground/server/grafanaAssets';
import type { PageBundle } from './build';

export interface PageServer {
  url: string;
  notFound: string[];
  close(): Promise<void>;
}

const HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>Foresight panel benchmark</title>' +
  '<link rel="icon" href="data:,"><link rel="stylesheet" href="/page.css"></head><body><div id="root"></div><script src="/page.js"></script></body></html>';

export async function servePage(bundle: PageBundle): Promise<PageServer> {
  const notFound: string[] = [];
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (pathname === '/') {
      return send('text/html; charset=utf-8', HTML);
    }
    if (pathname === '/page.js') {
      return send('text/javascript; charset=utf-8', bundle.js);
    }
    if (pathname === '/page.css') {
      return send('text/css; charset=utf-8', bundle.css);
    }
    const font = isFontUrl(pathname) ? systemFontFor(pathname) : undefined;
    if (font) {
      return send('font/otf', readFileSync(font));
    }
    if (pathname.endsWith('.svg')) {
      return send('image/svg+xml', PLACEHOLDER_ICON);
    }
    notFound.push(pathname);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    notFound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
