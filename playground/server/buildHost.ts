/**
 * Bundles the playground host page (React, @grafana/*, rxjs, @emotion/css, … and the page code)
 * ONCE with esbuild. The result is cached under node_modules/.cache keyed by a hash of the page's
 * sources and the lockfile, so a restart does not rebuild @grafana/ui.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export interface HostBundle {
  js: string;
  css: string;
  /** True when the bundle came from the cache. */
  cached: boolean;
  buildMs: number;
}

/** Source folders whose contents go into the host bundle (the cache key covers them). */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(tsx?|css)$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => path.join(dir, name))
    .sort();
}

export function hostCacheKey(root: string): string {
  const hash = createHash('sha256');
  const files = [
    ...sourceFiles(path.join(root, 'playground/host')),
    ...sourceFiles(path.join(root, 'src/testing/promStandIn')),
    path.join(root, 'playground/server/buildHost.ts'),
    path.join(root, 'package-lock.json'),
    path.join(root, 'src/contract/frames.ts'),
  ];
  for (const file of files) {
    if (existsSync(file)) {
      hash.update(file).update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export async function buildHostBundle(root: string): Promise<HostBundle> {
  const started = Date.now();
  const cacheDir = path.join(root, 'node_modules/.cache/foresight-playground');
  const key = hostCacheKey(root);
  const jsFile = path.join(cacheDir, `host-${key}.js`);
  const cssFile = path.join(cacheDir, `host-${key}.css`);
  if (existsSync(jsFile) && statSync(jsFile).size > 0) {
    return {
      js: readFileSync(jsFile, 'utf8'),
      css: existsSync(cssFile) ? readFileSync(cssFile, 'utf8') : '',
      cached: true,
      buildMs: Date.now() - started,
    };
  }
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'playground/host/index.tsx')],
    bundle: true,
    write: false,
    outdir: cacheDir,
    entryNames: `host-${key}`,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'error',
    define: {
      'process.env.NODE_ENV': '"production"',
      global: 'globalThis',
    },
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
  });
  mkdirSync(cacheDir, { recursive: true });
  let js = '';
  let css = '';
  for (const out of result.outputFiles) {
    if (out.path.endsWith('.js')) {
      js = out.text;
    } else if (out.path.endsWith('.css')) {
      css = out.text;
    }
  }
  writeFileSync(jsFile, js);
  writeFileSync(cssFile, css);
  return { js, css, cached: false, buildMs: Date.now() - started };
}
