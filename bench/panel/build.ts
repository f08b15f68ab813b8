/**
 * Bundles bench/panel/page.ts with the real panel, React and @grafana/* (esbuild, in memory).
 * Cached under node_modules/.cache keyed by the sources it can include, because bundling
 * @grafana/ui takes a good part of the benchmark's minute on this machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export interface PageBundle {
  js: string;
  css: string;
  cached: boolean;
  buildMs: number;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(tsx?|css)$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => path.join(dir, name))
    .sort();
}

function cacheKey(root: string): string {
  const hash = createHash('sha256');
  const files = [
    ...sources(path.join(root, 'src')),
    ...sources(path.join(root, 'bench/panel')),
    path.join(root, 'package-lock.json'),
  ];
  for (const file of files) {
    if (existsSync(file)) {
      hash.update(file).update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export async function buildPage(root: string): Promise<PageBundle> {
  const started = performance.now();
  const cacheDir = path.join(root, 'node_modules/.cache/foresight-bench-panel');
  const key = cacheKey(root);
  const jsFile = path.join(cacheDir, `page-${key}.js`);
  const cssFile = path.join(cacheDir, `page-${key}.css`);
  if (existsSync(jsFile) && existsSync(cssFile)) {
    return {
      js: readFileSync(jsFile, 'utf8'),
      css: readFileSync(cssFile, 'utf8'),
      cached: true,
      buildMs: performance.now() - started,
    };
  }
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'bench/panel/page.ts')],
    bundle: true,
    write: false,
    outdir: cacheDir,
    entryNames: `page-${key}`,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // Production React and a minified bundle: the figure should be what a dashboard runs.
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  if (!js) {
    throw new Error('esbuild produced no JavaScript for bench/panel/page.ts.');
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(jsFile, js);
  writeFileSync(cssFile, css);
  return { js, css, cached: false, buildMs: performance.now() - started };
}
