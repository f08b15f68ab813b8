/**
 * The playground host (its page, host bundle, plugin mounts and Prometheus proxy, unchanged) on
 * 127.0.0.1, with the page's listing and dashboards read from the benchmark's own provisioning
 * folder instead of the repository's: the playground reads `<root>/provisioning` only, and the
 * benchmark must not add dashboards there.
 */
import { existsSync, readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { createPlaygroundHandler } from '../../playground/server/app';
import { buildHostBundle } from '../../playground/server/buildHost';
import { contentHash } from '../../playground/server/httpCaching';
import { renderPage } from '../../playground/server/page';
import { loadDashboards, loadDataSources } from '../../playground/server/provisioning';
import { LOOPBACK } from '../../scripts/lib/net';

export interface BenchHost {
  url: string;
  hostBundle: { cached: boolean; buildMs: number };
  close(): Promise<void>;
}

export interface BenchHostOptions {
  root: string;
  distDir: string;
  provisioningDir: string;
  prometheusUrl: string;
}

const REQUIRED_DIST = ['module.js', 'datasource/module.js', 'panel/module.js'];

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** Throws, saying how to build it, when `distDir` holds no built plugin. */
export function assertDist(distDir: string): void {
  const missing = REQUIRED_DIST.filter((file) => !existsSync(path.join(distDir, file)));
  if (missing.length > 0) {
    throw new Error(
      `The built plugin is missing in ${distDir} (${missing.join(', ')}): build it first, e.g. ` +
        '`FORESIGHT_BUILD_DIR=dist-benchbrowser npm run build`, and set FORESIGHT_PLAYGROUND_DIST=dist-benchbrowser.'
    );
  }
}

export async function startBenchHost(opts: BenchHostOptions): Promise<BenchHost> {
  assertDist(opts.distDir);
  const bundle = await buildHostBundle(opts.root);
  const grafanaVersion = (
    JSON.parse(readFileSync(path.join(opts.root, 'node_modules/@grafana/data/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const playground = createPlaygroundHandler({
    root: opts.root,
    distDir: opts.distDir,
    prometheusUrl: opts.prometheusUrl,
    hostJs: bundle.js,
    hostCss: bundle.css,
    grafanaVersion,
  });
  // The same hashed URLs the playground's own page links, so a reload hits the browser cache alike.
  const jsPath = `/playground/host.${contentHash(bundle.js)}.js`;
  const cssPath = bundle.css ? `/playground/host.${contentHash(bundle.css)}.css` : '';
  const prov = opts.provisioningDir;

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && (pathname === '/' || pathname === '/index.html')) {
      const page = renderPage(
        {
          datasources: loadDataSources(prov),
          dashboards: loadDashboards(prov).map((d) => d.summary),
          prometheusUrl: opts.prometheusUrl,
          grafanaVersion,
        },
        jsPath,
        cssPath
      );
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(page);
      return;
    }
    if (req.method === 'GET' && pathname === '/api/playground/dashboards') {
      sendJson(
        res,
        200,
        loadDashboards(prov).map((d) => d.summary)
      );
      return;
    }
    if (req.method === 'GET' && pathname.startsWith('/api/playground/dashboards/')) {
      const uid = decodeURIComponent(pathname.slice('/api/playground/dashboards/'.length));
      const found = loadDashboards(prov).find((d) => d.summary.uid === uid);
      sendJson(res, found ? 200 : 404, found ? found.json : { message: `No dashboard has uid "${uid}"` });
      return;
    }
    playground(req, res);
  };

  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${LOOPBACK}:${port}/`,
    hostBundle: { cached: bundle.cached, buildMs: bundle.buildMs },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
