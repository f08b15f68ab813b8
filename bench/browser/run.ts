/**
 * `npm run bench:browser [-- --timeout-s N]`: how soon a Foresight panel on 100 series from a real
 * Prometheus shows its first forecasts after the data arrived, in headless Debian Chromium, against
 * the built plugin (env FORESIGHT_PLAYGROUND_DIST, default dist/). Measured as a black box: method
 * auto on a first visit and on a reload, and method naive as the baseline, in one browser profile.
 * Writes bench/browser/results.json and bench/browser/RESULTS.md, screenshots under
 * bench/browser/artifacts/ (git-ignored). Chromium: env CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium';
import { DEFAULT_NAB_DIR, RUNTIME_DIR } from '../../scripts/lib/paths';
import { parseDurationMs } from '../../src/common/duration';
import { assertDist, type BenchHost, startBenchHost } from './host';
import { type BenchPrometheus, startBenchPrometheus } from './prometheus';
import { probeScript } from './probe';
import { watchRangeQueries } from './rangeQueries';
import { type BenchMethod, dashboardUid, PANEL_ID, QUERY_SETTINGS, writeProvisioning } from './provisioning';
import { type BrowserBenchResults, markdown, ratios, targetCheck, type VisitId } from './report';
import { HISTORY_DAYS, STEP_MS, writeBenchSeries } from './series';
import { runVisit, type VisitResult } from './visit';
import { numberArg } from '../../scripts/lib/numberArg';

const ROOT = path.resolve(__dirname, '../..');
const OUT_DIR = __dirname;
const SERIES = 100;
/** The folder name becomes the series' `job` label. */
const CSV_FOLDER = 'bench_browser_100';
const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  const timeoutS = numberArg(process.argv.slice(2), '--timeout-s', 75, { min: 5, max: 1800, unit: 'seconds' });
  assertChromium();
  const started = performance.now();
  const loadAverageBefore = os.loadavg();
  const distDir = path.resolve(ROOT, process.env.FORESIGHT_PLAYGROUND_DIST || 'dist');
  // Before anything starts: a missing build is the commonest mistake.
  assertDist(distDir);
  mkdirSync(RUNTIME_DIR, { recursive: true });
  const workDir = mkdtempSync(path.join(RUNTIME_DIR, 'bench-browser-'));
  const artifacts = path.join(OUT_DIR, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  let prom: BenchPrometheus | undefined;
  let host: BenchHost | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  try {
    const csvDir = path.join(workDir, CSV_FOLDER);
    const series = writeBenchSeries(DEFAULT_NAB_DIR, csvDir, SERIES);
    log(`wrote ${series.length} CSVs (${series[0].points} points each) to ${csvDir}`);
    const promStarted = performance.now();
    prom = await startBenchPrometheus(csvDir, `${series[0].name}.csv`, SERIES);
    const promMs = performance.now() - promStarted;
    log(
      `Prometheus ${prom.stack.prometheusUrl}: ${prom.selector} → ${SERIES} series, ${prom.samplesPerSeries.min}–${prom.samplesPerSeries.max} samples each (${(promMs / 1000).toFixed(1)} s)`
    );

    const provisioningDir = path.join(workDir, 'provisioning');
    writeProvisioning(provisioningDir, prom.selector, SERIES);
    host = await startBenchHost({ root: ROOT, distDir, provisioningDir, prometheusUrl: prom.stack.prometheusUrl });
    log(`playground host ${host.url} (plugin from ${path.relative(ROOT, distDir) || distDir})`);

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', ...CHROMIUM_ARGS],
    });
    // One profile for the whole session: the reload sees what the first visit stored (IndexedDB, HTTP cache).
    context = await browser.newContext({ viewport: { width: 1400, height: 800 }, deviceScaleFactor: 1 });
    await context.addInitScript(probeScript(PANEL_ID));
    const page = await context.newPage();
    const rangeQueries = watchRangeQueries(page);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') {
        consoleErrors.push(m.text());
      }
    });

    const visits: Partial<Record<VisitId, VisitResult>> = {};
    const plan = (label: VisitId, method: BenchMethod, reload: boolean) => ({
      label,
      url: reload ? undefined : `${host!.url}?${new URLSearchParams({ dashboard: dashboardUid(method) })}`,
      expectedSeries: SERIES,
      trainingStepS: parseDurationMs(QUERY_SETTINGS.trainingStep) / 1000,
      timeoutMs: timeoutS * 1000,
      screenshot: path.join(artifacts, `${label}.png`),
      log,
    });
    for (const [id, method, reload] of [
      ['naive', 'naive', false],
      ['autoFirst', 'auto', false],
      ['autoReload', 'auto', true],
    ] as Array<[VisitId, BenchMethod, boolean]>) {
      log(`visit ${id} (method ${method}${reload ? ', reload' : ''})…`);
      const v = await runVisit(page, rangeQueries, plan(id, method, reload));
      v.screenshot = path.relative(ROOT, v.screenshot);
      visits[id] = v;
      const t = v.timings;
      const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
      log(
        `  ${id}: first ${s(t.firstAfterDataMs)}, all ${s(t.allAfterDataMs)}, done ${s(t.doneAfterDataMs)} after the data; ` +
          `${t.finalState}${v.timedOut ? ' (time limit)' : ''}, ${t.maxForecastSeries} series with a forecast, backend ${t.backends.join(',') || '—'}`
      );
    }

    const results: BrowserBenchResults = {
      generatedAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
      chromium: `Chromium ${browser.version()}`,
      node: process.versions.node,
      cpus: os.cpus().length,
      loadAverageBefore,
      loadAverageAfter: os.loadavg(),
      distDir: path.relative(ROOT, distDir) || distDir,
      hostBundle: host.hostBundle,
      prometheus: {
        selector: prom.selector,
        series: SERIES,
        samplesPerSeries: prom.samplesPerSeries,
        stepSeconds: STEP_MS / 1000,
        historyDays: HISTORY_DAYS,
        startMs: promMs,
      },
      query: {
        ...QUERY_SETTINGS,
        maxSeries: SERIES,
        trainingPointsPerSeries: Math.round(parseDurationMs(QUERY_SETTINGS.trainingWindow) / STEP_MS),
      },
      timeoutSeconds: timeoutS,
      visits,
      ratiosToNaive: {
        autoFirst: ratios(visits.autoFirst, visits.naive),
        autoReload: ratios(visits.autoReload, visits.naive),
      },
      target: targetCheck([visits.autoFirst, visits.autoReload]),
      consoleErrors,
      pageErrors,
      series,
    };
    writeFileSync(path.join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(OUT_DIR, 'RESULTS.md'), markdown(results));
    log(
      `target "${results.target.text}": ${results.target.met ? 'met' : 'not met'}; ` +
        `${consoleErrors.length} console errors, ${pageErrors.length} page errors; ` +
        `wrote bench/browser/results.json and RESULTS.md in ${results.seconds.toFixed(0)} s`
    );
    if (consoleErrors.length + pageErrors.length > 0) {
      process.exitCode = 1;
    }
  } finally {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    await prom?.stack.stop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:browser failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
