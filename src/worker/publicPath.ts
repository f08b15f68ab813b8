/**
 * Where the plugin's files are served from. Grafana loads `datasource/module.js` and the scaffold
 * sets webpack's public path to that file's folder (`…/<app>/datasource/`), while webpack emits lazy
 * chunks relative to the bundle root (`…/<app>/`). These helpers compute both so chunks, the worker
 * file and the wasm binaries all resolve.
 */

declare let __webpack_public_path__: string;

/** The folder the bundle root is served from, given the nested plugin's folder. */
export function bundleRootFrom(publicPath: string, nestedFolder = 'datasource'): string {
  const withSlash = publicPath.endsWith('/') ? publicPath : `${publicPath}/`;
  const suffix = `${nestedFolder}/`;
  return withSlash.endsWith(suffix) ? withSlash.slice(0, -suffix.length) : withSlash;
}

/** Makes a possibly relative URL absolute (workers resolve relative URLs against their own URL). */
export function absoluteUrl(url: string, base: string | undefined): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

export function currentPublicPath(): string | undefined {
  return typeof __webpack_public_path__ === 'string' ? __webpack_public_path__ : undefined;
}

/**
 * Points webpack at the bundle root (call once from the nested plugin's module). Returns the
 * absolute root URL, or undefined outside a webpack bundle.
 */
export function pointPublicPathAtBundleRoot(): string | undefined {
  const current = currentPublicPath();
  if (current === undefined) {
    return undefined;
  }
  const root = bundleRootFrom(current);
  __webpack_public_path__ = root;
  return root;
}

/** URLs the worker needs, computed on the main thread. */
export function workerUrls(): { publicPath?: string; wasmBaseUrl?: string; baseModelUrl?: string } {
  const current = currentPublicPath();
  if (current === undefined) {
    return {};
  }
  const base = typeof document !== 'undefined' ? document.baseURI : undefined;
  const root = absoluteUrl(bundleRootFrom(current), base);
  return {
    publicPath: root,
    wasmBaseUrl: `${root}datasource/wasm/`,
    baseModelUrl: `${root}engine/lstm/base/model.json`,
  };
}
