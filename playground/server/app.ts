/**
 * The playground's HTTP handler: the page, the host bundle, the provisioned dashboards, the plugin's
 * dist/ under Grafana's plugin public paths, @grafana/ui's icons, and the same-origin proxy to the
 * real Prometheus. Everything is read per request, so edits to dashboards or a rebuild of dist/
 * show on reload.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import { isFontUrl, isIconUrl, mirroredIcon, PLACEHOLDER_ICON, systemFontFor } from './grafanaAssets';
import { renderPage } from './page';
import { crossOriginReason, handleProxyRequest } from './prometheusProxy';
import { loadDashboards, loadDataSources } from './provisioning';
import { contentHash, IMMUTABLE, prepareBody, REVALIDATE, sendPrepared, type PreparedBody } from './httpCaching';
import { resolveStatic, sendFile, type StaticMount } from './staticFiles';

export const APP_ID = 'foresight-forecast-app';
export const NESTED_IDS = { datasource: 'foresight-lstm-datasource', panel: 'foresight-forecast-panel' } as const;

export interface PlaygroundOptions {
  root: string;
  /** The built plugin folder (default `<root>/dist`). */
  distDir: string;
  prometheusUrl: string;
  hostJs: string;
  hostCss: string;
  grafanaVersion: string;
  /** Test-only hooks (stop/start, pause/resume Prometheus); absent unless the server was started with them. */
  control?: PrometheusControlHooks;
}

/** What the browser tests may do to the stack's Prometheus: an outage, and a server that stops answering. */
export interface PrometheusControlHooks {
  stopPrometheus(): Promise<void>;
  startPrometheus(): Promise<void>;
  pausePrometheus(): void;
  resumePrometheus(): void;
}

/** Unhashed names of the host bundle (still served, revalidated by ETag, for anyone who links them). */
export const HOST_JS_PATH = '/playground/host.js';
export const HOST_CSS_PATH = '/playground/host.css';

/** The host bundle compressed once, under content-hashed URLs the page links (cached for good). */
interface HostAssets {
  js: PreparedBody;
  css: PreparedBody;
  jsPath: string;
  cssPath: string;
}

function prepareHostAssets(options: PlaygroundOptions): HostAssets {
  return {
    js: prepareBody(options.hostJs, { brotli: true }),
    css: prepareBody(options.hostCss, { brotli: true }),
    jsPath: `/playground/host.${contentHash(options.hostJs)}.js`,
    cssPath: `/playground/host.${contentHash(options.hostCss)}.css`,
  };
}

export function staticMounts(root: string, dist: string): StaticMount[] {
  return [
    // Grafana serves a nested plugin both under its parent's folder and under its own id.
    { urlPrefix: `/public/plugins/${APP_ID}/`, dir: dist },
    { urlPrefix: `/public/plugins/${NESTED_IDS.datasource}/`, dir: path.join(dist, 'datasource') },
    { urlPrefix: `/public/plugins/${NESTED_IDS.panel}/`, dir: path.join(dist, 'panel') },
    { urlPrefix: '/public/build/img/', dir: path.join(root, 'node_modules/@grafana/ui/dist/public/img') },
    { urlPrefix: '/public/img/', dir: path.join(root, 'node_modules/@grafana/ui/dist/public/img') },
    { urlPrefix: '/public/app/plugins/datasource/prometheus/img/', dir: path.join(root, 'playground/assets') },
  ];
}

function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendText(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function handleControl(options: PlaygroundOptions, action: string, res: ServerResponse): Promise<void> {
  if (!options.control) {
    sendJson(res, 404, { message: 'Control endpoints are off (start with FORESIGHT_PLAYGROUND_CONTROL=1)' });
    return;
  }
  if (action === 'stop') {
    await options.control.stopPrometheus();
  } else if (action === 'start') {
    await options.control.startPrometheus();
  } else if (action === 'pause') {
    options.control.pausePrometheus();
  } else if (action === 'resume') {
    options.control.resumePrometheus();
  } else {
    sendJson(res, 404, { message: `Unknown control action "${action}"` });
    return;
  }
  sendJson(res, 200, { ok: true, action });
}

function handle(options: PlaygroundOptions, host: HostAssets, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const pathname = url.split('?')[0];
  if (handleProxyRequest(req, res, options.prometheusUrl)) {
    return;
  }
  if (req.method === 'POST' && pathname.startsWith('/api/playground/control/prometheus/')) {
    // Stopping Prometheus is for the page's own tests, never for another site's form.
    const crossOrigin = crossOriginReason(req.headers, {
      address: req.socket.localAddress ?? '',
      port: req.socket.localPort ?? 0,
    });
    if (crossOrigin) {
      sendJson(res, 403, { message: crossOrigin });
      return;
    }
    handleControl(options, pathname.slice('/api/playground/control/prometheus/'.length), res).catch((err: unknown) =>
      sendJson(res, 500, { message: err instanceof Error ? err.message : String(err) })
    );
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { message: `${req.method} is not supported here` });
    return;
  }
  const provisioning = path.join(options.root, 'provisioning');
  if (pathname === '/' || pathname === '/index.html') {
    const dashboards = loadDashboards(provisioning).map((d) => d.summary);
    const page = renderPage(
      {
        datasources: loadDataSources(provisioning),
        dashboards,
        prometheusUrl: options.prometheusUrl,
        grafanaVersion: options.grafanaVersion,
      },
      host.jsPath,
      options.hostCss ? host.cssPath : ''
    );
    // Built per request from the provisioning folder, so a browser must not reuse it.
    sendText(res, 200, page, 'text/html; charset=utf-8');
    return;
  }
  if (pathname === host.jsPath || pathname === HOST_JS_PATH) {
    sendPrepared(
      req,
      res,
      host.js,
      'text/javascript; charset=utf-8',
      pathname === HOST_JS_PATH ? REVALIDATE : IMMUTABLE
    );
    return;
  }
  if (pathname === host.cssPath || pathname === HOST_CSS_PATH) {
    sendPrepared(req, res, host.css, 'text/css; charset=utf-8', pathname === HOST_CSS_PATH ? REVALIDATE : IMMUTABLE);
    return;
  }
  if (pathname === '/api/playground/dashboards') {
    sendJson(
      res,
      200,
      loadDashboards(provisioning).map((d) => d.summary)
    );
    return;
  }
  if (pathname.startsWith('/api/playground/dashboards/')) {
    const uid = decodeURIComponent(pathname.slice('/api/playground/dashboards/'.length));
    const found = loadDashboards(provisioning).find((d) => d.summary.uid === uid);
    if (found) {
      sendJson(res, 200, found.json);
    } else {
      sendJson(res, 404, { message: `No provisioned dashboard has uid "${uid}"` });
    }
    return;
  }
  const file = resolveStatic(pathname, staticMounts(options.root, options.distDir));
  if (file && sendFile(res, file, req)) {
    return;
  }
  if (isFontUrl(pathname)) {
    const font = systemFontFor(pathname);
    if (font && sendFile(res, font, req)) {
      return;
    }
    // No system font: an empty answer lets the browser fall back to its default font quietly.
    sendText(res, 200, '', 'font/woff2');
    return;
  }
  if (isIconUrl(pathname)) {
    const iconsDir = path.join(options.root, 'node_modules/@grafana/ui/dist/public/img/icons');
    const icon = prepareBody(mirroredIcon(pathname, iconsDir) ?? PLACEHOLDER_ICON, { brotli: false });
    sendPrepared(req, res, icon, 'image/svg+xml', REVALIDATE);
    return;
  }
  sendText(res, 404, `Not found: ${pathname}`);
}

export function createPlaygroundHandler(options: PlaygroundOptions): RequestListener {
  const host = prepareHostAssets(options);
  return (req, res) => {
    try {
      handle(options, host, req, res);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      console.error(`playground: ${req.method} ${req.url}: ${message}`);
      if (!res.headersSent) {
        sendJson(res, 500, { message });
      }
    }
  };
}
