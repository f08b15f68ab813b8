/**
 * `npm run bench:soak [-- --minutes N]`: a dashboard left open on auto-refresh, as a user leaves a
 * tab for an hour. Opens the playground's model-serving dashboard (6 series, cached models after
 * the first visit) on a 5 s refresh in headless Debian Chromium, against the built plugin, and
 * samples every minute, after a forced garbage collection: the page's JS heap, DOM nodes, event
 * listeners and the forecast worker's tensors. Figures are ratios to the first sample after a
 * two-minute warm-up (the machine is shared; absolute sizes depend on Chromium's version), and the
 * heap's growth per hour from a least-squares line through the samples. Writes bench/soak-results.json.
 * Uses PLAYGROUND_URL when set, else starts the playground (Prometheus, exporter) and stops it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/lib/chromium';
import { numberArg } from '../scripts/lib/numberArg';
import startPlayground from '../tests/playground/globalSetup';

const OUT = path.join(__dirname, 'soak-results.json');
const DASHBOARD = 'foresight-model-serving';
const REFRESH = '5s';
const WARM_UP_MS = 120_000;
const SAMPLE_EVERY_MS = 60_000;
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Sample {
  minute: number;
  heapMb: number;
  nodes: number;
  listeners: number;
  workerTensors?: number;
  /** Panels whose data was final (Done or Error) at the sample. */
  panelsDone: number;
}

async function sample(page: Page, cdp: import('playwright-core').CDPSession, startedMs: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  let workerTensors: number | undefined;
  for (const worker of page.workers()) {
    const n = await worker
      .evaluate(
        () => (globalThis as { _tfengine?: { memory(): { numTensors: number } } })._tfengine?.memory().numTensors
      )
      .catch(() => undefined);
    workerTensors = n ?? workerTensors;
  }
  const panelsDone = await page.evaluate(
    () =>
      Array.from(document.querySelectorAll('[data-testid^="playground-panel-state-"]')).filter((e) =>
        ['Done', 'Error'].includes(e.textContent ?? '')
      ).length
  );
  return {
    minute: Math.round((Date.now() - startedMs) / 6000) / 10,
    heapMb: Math.round((metric('JSHeapUsedSize') / 1048576) * 100) / 100,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    workerTensors,
    panelsDone,
  };
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function main(): Promise<void> {
  const minutes = numberArg(process.argv.slice(2), '--minutes', 15, { min: 3, max: 240, unit: 'minutes' });
  const stop = await startPlayground();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'foresight-soak-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const errors: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
    const url = new URL(process.env.PLAYGROUND_URL!);
    url.searchParams.set('dashboard', DASHBOARD);
    url.searchParams.set('refresh', REFRESH);
    await page.goto(url.toString());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const startedMs = Date.now();
    log(`soak: ${DASHBOARD} on a ${REFRESH} refresh for ${minutes} min (warm-up ${WARM_UP_MS / 60_000} min)`);
    await page.waitForTimeout(WARM_UP_MS);
    const samples: Sample[] = [];
    while (Date.now() - startedMs < WARM_UP_MS + minutes * 60_000) {
      const s = await sample(page, cdp, startedMs);
      samples.push(s);
      log(JSON.stringify(s));
      await page.waitForTimeout(SAMPLE_EVERY_MS);
    }
    const first = samples[0];
    const last = samples[samples.length - 1];
    const perHour = slope(
      samples.map((s) => s.minute / 60),
      samples.map((s) => s.heapMb)
    );
    const results = {
      measuredAt: new Date().toISOString(),
      dashboard: DASHBOARD,
      refresh: REFRESH,
      minutes,
      refreshes: Math.round((minutes * 60) / 5),
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      heapEndOverStart: Math.round((last.heapMb / first.heapMb) * 1000) / 1000,
      heapGrowthMbPerHour: Math.round(perHour * 100) / 100,
      nodesEndOverStart: Math.round((last.nodes / first.nodes) * 1000) / 1000,
      listenersEndOverStart: Math.round((last.listeners / first.listeners) * 1000) / 1000,
      workerTensors: { start: first.workerTensors, end: last.workerTensors },
      errors,
      samples,
    };
    writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
    log(
      `heap ${first.heapMb} → ${last.heapMb} MB (×${results.heapEndOverStart}, ${results.heapGrowthMbPerHour} MB/h), ` +
        `DOM nodes ×${results.nodesEndOverStart}, listeners ×${results.listenersEndOverStart}, ` +
        `worker tensors ${first.workerTensors} → ${last.workerTensors}, ${errors.length} errors → ${OUT}`
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await stop();
  }
}

main().catch((err) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
