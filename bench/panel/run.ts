/**
 * `npm run bench:panel [-- --reps N]`: render time of the real Foresight panel in headless Debian
 * Chromium, 5 series × 2,000 points, against baselines measured in the same run (the panel with
 * 1 series × 200 points; @grafana/ui's TimeSeries with the same frames). Writes
 * bench/panel/results.json and bench/panel/RESULTS.md, and a screenshot under bench/panel/artifacts/
 * (git-ignored). Chromium: env CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CASE_IDS, type CanvasInk, type CaseId, type CaseInfo, type Timing } from './api';
import { buildPage } from './build';
import {
  type CaseResult,
  markdown,
  medianTiming,
  METRICS,
  type PanelBenchResults,
  ratio,
  type Step,
  type StepTimes,
} from './report';
import { type PageServer, servePage } from './server';
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromium } from '../../scripts/lib/chromium';
import { numberArg } from '../../scripts/lib/numberArg';

const ROOT = path.resolve(__dirname, '../..');
const OUT_DIR = __dirname;
const BENCH_CHROMIUM_ARGS = [
  '--headless',
  ...CHROMIUM_ARGS,
  // window.gc() between timed steps keeps a collection from landing inside one.
  '--js-flags=--expose-gc',
];
const BASELINES: CaseId[] = ['panel-1x200', 'timeseries-5x2000'];
const STEPS: Step[] = ['mount', 'update'];
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Calls a page API method by name; a string expression keeps tsx's helpers out of the browser. */
function call<T>(page: Page, method: 'mount' | 'update' | 'unmount' | 'ink', id?: CaseId): Promise<T> {
  const arg = id === undefined ? '' : JSON.stringify(id);
  return page.evaluate(`window.foresightBench.${method}(${arg})`) as Promise<T>;
}

async function measure(page: Page, reps: number): Promise<Record<CaseId, CaseResult>> {
  const infos = (await page.evaluate('window.foresightBench.cases')) as CaseInfo[];
  const empty = (): StepTimes => ({ runs: [], median: { toPaintMs: NaN, toLastChangeMs: NaN } });
  const results = Object.fromEntries(
    infos.map((info) => [info.id, { info, mount: empty(), update: empty() }])
  ) as Record<CaseId, CaseResult>;
  // Round 0 is the cold round; every round rotates the order so no case always runs first.
  for (let round = 0; round <= reps; round++) {
    const order = CASE_IDS.map((_, i) => CASE_IDS[(i + round) % CASE_IDS.length]);
    const line: string[] = [];
    for (const id of order) {
      const mount = await call<Timing>(page, 'mount', id);
      const update = await call<Timing>(page, 'update', id);
      await call<void>(page, 'unmount');
      const r = results[id];
      if (round === 0) {
        r.mount.cold = mount;
        r.update.cold = update;
      } else {
        r.mount.runs.push(mount);
        r.update.runs.push(update);
      }
      line.push(`${id} ${mount.toPaintMs.toFixed(0)}/${update.toPaintMs.toFixed(0)} ms`);
    }
    log(`round ${round}${round === 0 ? ' (cold)' : ''}, mount/update to paint: ${line.join(', ')}`);
  }
  for (const r of Object.values(results)) {
    r.mount.median = medianTiming(r.mount.runs);
    r.update.median = medianTiming(r.update.runs);
  }
  return results;
}

/** Mounts every case once more to check its canvas really has pixels, and photographs the main case. */
async function inspect(page: Page, results: Record<CaseId, CaseResult>, screenshot: string): Promise<void> {
  for (const id of CASE_IDS) {
    await call<Timing>(page, 'mount', id);
    results[id].ink = await call<CanvasInk>(page, 'ink');
    if (id === 'panel-5x2000') {
      mkdirSync(path.dirname(screenshot), { recursive: true });
      await page.locator('#root').screenshot({ path: screenshot });
    }
    await call<void>(page, 'unmount');
  }
}

async function main(): Promise<void> {
  const reps = numberArg(process.argv.slice(2), '--reps', 15, {
    min: 1,
    max: 50,
    integer: true,
    unit: 'a whole number',
  });
  const started = performance.now();
  const loadAverageBefore = os.loadavg();
  log('bundling bench/panel/page.ts …');
  const bundle = await buildPage(ROOT);
  log(
    `bundle ${bundle.cached ? 'from cache' : `built in ${(bundle.buildMs / 1000).toFixed(1)} s`} (${(bundle.js.length / 1e6).toFixed(1)} MB)`
  );
  let server: PageServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  try {
    assertChromium();
    server = await servePage(bundle);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: BENCH_CHROMIUM_ARGS,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') {
        pageErrors.push(m.text());
      }
    });
    await page.goto(server.url);
    await page.waitForFunction('window.foresightBench !== undefined', undefined, { timeout: 30_000 });
    const cases = await measure(page, reps);
    const screenshot = path.join(OUT_DIR, 'artifacts', 'panel-5x2000.png');
    await inspect(page, cases, screenshot);
    const ratios = [
      ...BASELINES.flatMap((baseline) =>
        METRICS.flatMap((metric) => STEPS.map((step) => ratio(step, metric, cases['panel-5x2000'], cases[baseline])))
      ),
      // The cap: 50 series against 5, same points each.
      ...METRICS.flatMap((metric) =>
        STEPS.map((step) => ratio(step, metric, cases['panel-50x2000'], cases['panel-5x2000']))
      ),
    ];
    const results: PanelBenchResults = {
      generatedAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
      repetitions: reps,
      chromium: `Chromium ${browser.version()}`,
      chromiumArgs: BENCH_CHROMIUM_ARGS,
      node: process.versions.node,
      cpus: os.cpus().length,
      loadAverageBefore,
      loadAverageAfter: os.loadavg(),
      bundle: { cached: bundle.cached, buildMs: bundle.buildMs, jsBytes: Buffer.byteLength(bundle.js) },
      cases,
      ratios,
      pageErrors,
      notFound: server.notFound,
      screenshot: path.relative(ROOT, screenshot),
    };
    writeFileSync(path.join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(OUT_DIR, 'RESULTS.md'), markdown(results));
    const t = cases['panel-5x2000'];
    log(
      `5×2000 to paint: mount ${t.mount.median.toPaintMs.toFixed(0)} ms, update ${t.update.median.toPaintMs.toFixed(0)} ms; ` +
        ratios
          .filter((q) => q.metric === 'toPaintMs')
          .map((q) => `${q.step} / ${q.denominator} ${q.ratioOfMedians.toFixed(2)}×`)
          .join('; ')
    );
    log(`wrote bench/panel/results.json and bench/panel/RESULTS.md in ${results.seconds.toFixed(0)} s`);
    const blank = CASE_IDS.filter((id) => !(cases[id].ink && cases[id].ink.inkPixels > 0));
    if (blank.length > 0) {
      throw new Error(`The chart canvas stayed blank for: ${blank.join(', ')}.`);
    }
  } finally {
    await browser?.close();
    await server?.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:panel failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
