/**
 * Shared fixtures for the playground browser tests (also for `panel.spec.ts`):
 * - `playground`: open a dashboard, wait for a panel's data, read what a panel received, screenshots;
 * - `pageProblems`: console errors, page errors, failed requests and HTTP errors seen by the page;
 * - `prometheus`: stop/start or pause/resume the stack's Prometheus (outage and stuck-server tests).
 */
import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { playgroundTestIds } from '../../playground/host/testIds';
import type { FrameSummary, PanelSummary } from '../../playground/host/panelSummary';
import { ACCESS_STORE, MODEL_DB_NAME, MODEL_STORE } from '../../src/worker/modelCache';

export { expect, playgroundTestIds };
export type { FrameSummary, PanelSummary };

/** The data source's model store (and its access records), for tests that read or age it in the page. */
export const MODEL_DB = { dbName: MODEL_DB_NAME, storeName: MODEL_STORE, accessStore: ACCESS_STORE };

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'test-results');

/** Dashboards provisioned in provisioning/dashboards (uid → title). */
export const DASHBOARDS = {
  predictiveScaling: { uid: 'foresight-predictive-scaling', title: 'Predictive scaling' },
  modelServing: { uid: 'foresight-model-serving', title: 'Model serving traffic' },
  goldenSignals: { uid: 'foresight-golden-signals', title: 'Golden signals' },
  edgeCases: { uid: 'foresight-edge-cases', title: 'Edge cases' },
  serverForecasts: { uid: 'foresight-server-forecasts', title: 'Forecasts from the Foresight server' },
} as const;

export function playgroundUrl(): string {
  const url = process.env.PLAYGROUND_URL;
  if (!url) {
    throw new Error(
      'PLAYGROUND_URL is not set: run through tests/playground/playwright.config.ts (its global setup starts the playground)'
    );
  }
  return url;
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** All of the above, for one readable assertion. */
  all(): string[];
}

export interface OpenOptions {
  from?: string;
  to?: string;
  theme?: 'light' | 'dark';
  panel?: number;
  /** Auto-refresh interval, as Grafana's refresh picker sets it ("5s"). */
  refresh?: string;
}

export interface Playground {
  page: Page;
  openDashboard(uid: string, options?: OpenOptions): Promise<void>;
  panelSummary(panelId: number): Promise<PanelSummary>;
  /** Waits until the panel's data is final (Done or Error) and returns what it received. */
  waitForPanel(panelId: number, timeoutMs?: number): Promise<PanelSummary>;
  /** Waits until the panel has finished a run other than `previousRequestId` (an edit's re-run) and returns it. */
  waitForNextRun(panelId: number, previousRequestId: string | undefined, timeoutMs?: number): Promise<PanelSummary>;
  screenshot(name: string): Promise<string>;
  /** Main-thread long tasks (ms) observed since the page loaded (PerformanceObserver 'longtask'). */
  longTasks(): Promise<number[]>;
}

export interface PrometheusControl {
  available: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Freezes Prometheus: connections are accepted and nothing answers (a stuck or overloaded server). */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

const LONG_TASK_OBSERVER = `
  window.__foresightLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__foresightLongTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* longtask is unsupported: the list stays empty */ }
`;

const FINAL_STATES = ['Done', 'Error'];

export const test = base.extend<{ pageProblems: PageProblems; playground: Playground; prometheus: PrometheusControl }>({
  pageProblems: async ({ page }, use) => {
    const problems: PageProblems = {
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
      all: () => [...problems.consoleErrors, ...problems.pageErrors, ...problems.failedRequests],
    };
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.consoleErrors.push(`console.error: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.pageErrors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? 'failed';
      // A superseded query is cancelled on purpose (Grafana does the same); that is not a failure.
      if (reason !== 'net::ERR_ABORTED') {
        problems.failedRequests.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400) {
        problems.failedRequests.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
      }
    });
    await use(problems);
  },

  playground: async ({ page, pageProblems }, use) => {
    await page.addInitScript(LONG_TASK_OBSERVER);
    const playground: Playground = {
      page,
      async openDashboard(uid, options = {}) {
        const params = new URLSearchParams({ dashboard: uid });
        for (const [key, value] of Object.entries(options)) {
          if (value !== undefined) {
            params.set(key, String(value));
          }
        }
        await page.goto(`${playgroundUrl()}?${params.toString()}`);
        const started = page.getByTestId(playgroundTestIds.app).or(page.getByTestId(playgroundTestIds.loadError));
        await expect(
          started,
          `the playground page did not start; the page saw: ${pageProblems.all().join(' | ')}`
        ).toBeVisible({
          timeout: 60_000,
        });
        const fatal = page.getByTestId(playgroundTestIds.loadError);
        if (await fatal.isVisible()) {
          throw new Error(`The playground reported: ${await fatal.textContent()}`);
        }
      },
      async panelSummary(panelId) {
        const text = await page.getByTestId(playgroundTestIds.panelSummary(panelId)).textContent();
        return JSON.parse(text ?? '{}') as PanelSummary;
      },
      async waitForPanel(panelId, timeoutMs = 240_000) {
        await expect
          .poll(async () => (await playground.panelSummary(panelId)).state, {
            timeout: timeoutMs,
            intervals: [500, 1000, 2000],
            message: `panel ${panelId} did not finish`,
          })
          .toMatch(new RegExp(`^(${FINAL_STATES.join('|')})$`));
        return playground.panelSummary(panelId);
      },
      async waitForNextRun(panelId, previousRequestId, timeoutMs = 240_000) {
        await expect
          .poll(
            async () => {
              const s = await playground.panelSummary(panelId);
              return s.requestId !== previousRequestId && s.state === 'Done';
            },
            { timeout: timeoutMs, intervals: [250, 500, 1000], message: `panel ${panelId} did not finish a new run` }
          )
          .toBe(true);
        return playground.panelSummary(panelId);
      },
      async screenshot(name) {
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        // Wait until the layout holds still: a warning line that has just appeared is re-measured
        // (ResizeObserver), the chart shrunk, then the legend measured again, each a frame or more
        // apart; two frames were not always enough (a capture in between showed a clipped second
        // legend row that was gone 0.8 s later). Stable = three frames with the same chart and
        // legend boxes, or 2 s at most.
        await page.evaluate(
          () =>
            new Promise<void>((resolve) => {
              const boxes = () =>
                Array.from(document.querySelectorAll('canvas, [class*="LegendItemWrapper"]'), (el) => {
                  const r = el.getBoundingClientRect();
                  return `${r.x},${r.y},${r.width},${r.height}`;
                }).join(';');
              const started = performance.now();
              let last = '';
              let same = 0;
              const tick = () => {
                const now = boxes();
                same = now === last ? same + 1 : 0;
                last = now;
                if (same >= 3 || performance.now() - started > 2000) {
                  resolve();
                } else {
                  requestAnimationFrame(tick);
                }
              };
              requestAnimationFrame(tick);
            })
        );
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      async longTasks() {
        return page.evaluate(
          () => (window as unknown as { __foresightLongTasks?: number[] }).__foresightLongTasks ?? []
        );
      },
    };
    await use(playground);
  },

  prometheus: async ({}, use) => {
    const available = process.env.PLAYGROUND_CONTROL === '1';
    const call = async (action: 'stop' | 'start' | 'pause' | 'resume') => {
      const response = await fetch(`${playgroundUrl()}api/playground/control/prometheus/${action}`, { method: 'POST' });
      if (!response.ok) {
        throw new Error(`Could not ${action} Prometheus: ${response.status} ${await response.text()}`);
      }
    };
    await use({
      available,
      stop: () => call('stop'),
      start: () => call('start'),
      pause: () => call('pause'),
      resume: () => call('resume'),
    });
  },
});

/** Forecast frames (kind `forecast`) with at least one forecast point. */
export function forecastFrames(summary: PanelSummary) {
  return summary.frames.filter((f) => f.kind === 'forecast' && f.forecastPoints > 0);
}

/**
 * Forecast frames of series that have a model to keep: not a series constant over its window
 * (model `none`: the demo's retired fraud-detector v1, 0 calls for the last three days, on a window
 * of 3 days or less), which the constant rule forecasts afresh at every run, with nothing to cache
 * or fine-tune.
 */
export function modelledFrames(summary: PanelSummary): FrameSummary[] {
  return forecastFrames(summary).filter((f) => f.model !== 'none');
}

/** What a panel on auto-refresh showed while its runs were under way. */
export interface RefreshWatch {
  /** Runs seen (request ids), the one on screen at the start included. */
  requests: Set<string>;
  /** Samples taken while a run was under way that dropped a series shown before, or showed a quick forecast. */
  flicker: string[];
  /** The last sample. */
  last: PanelSummary;
}

/**
 * Samples the panel every 100 ms until `done` says so (or `timeoutMs`): once a series has shown a
 * forecast it must keep one on screen, and a quick forecast (model `base`) counts as flicker unless
 * `quickAllowed` (a first visit, where nothing is trained yet).
 */
export async function watchRefreshes(
  playground: Playground,
  panel: number,
  options: { done: (s: PanelSummary) => boolean; timeoutMs: number; quickAllowed?: boolean }
): Promise<RefreshWatch> {
  const shown = new Set<string>();
  const requests = new Set<string>();
  const flicker: string[] = [];
  const until = Date.now() + options.timeoutMs;
  let last = await playground.panelSummary(panel);
  while (Date.now() < until) {
    last = await playground.panelSummary(panel);
    requests.add(last.requestId ?? '');
    const frames = forecastFrames(last);
    const names = new Set(frames.map((f) => f.seriesName ?? ''));
    if (frames.length > 0) {
      const missing = [...shown].filter((n) => !names.has(n));
      const quick = options.quickAllowed ? [] : frames.filter((f) => f.model === 'base').map((f) => f.seriesName);
      if (last.state !== 'Done' && (missing.length > 0 || quick.length > 0)) {
        flicker.push(`${last.requestId}: missing ${missing.join(', ')}; quick ${quick.join(', ')}`);
      }
      names.forEach((n) => shown.add(n));
    }
    if (options.done(last)) {
      break;
    }
    await playground.page.waitForTimeout(100);
  }
  return { requests, flicker, last };
}

/**
 * Records, in the page every 50 ms, how many forecast lines panel `panelId`'s chart draws (-1: no
 * chart, e.g. "Training the first model…"). What the panel received (`watchRefreshes`) is not what
 * it shows: the panel keeps what it last showed while a new request streams only its progress.
 * Returns a reader of the samples taken since the first one that drew a forecast which drew none.
 */
export async function watchDrawnForecasts(page: Page, panelId: number): Promise<() => Promise<string[]>> {
  const panel = playgroundTestIds.panel(panelId);
  await page.evaluate(
    ({ panel, chart }) => {
      const w = window as unknown as { __foresightDrawn?: Array<[number, number]> };
      w.__foresightDrawn = [];
      setInterval(() => {
        const el = document.querySelector(`[data-testid="${panel}"] [data-testid="${chart}"]`);
        w.__foresightDrawn!.push([performance.now(), el ? Number(el.getAttribute('data-forecast-lines') ?? 0) : -1]);
      }, 50);
    },
    { panel, chart: 'data-testid foresight-panel-chart' }
  );
  return async () => {
    const samples = await page.evaluate(
      () => (window as unknown as { __foresightDrawn: Array<[number, number]> }).__foresightDrawn
    );
    const first = samples.findIndex(([, lines]) => lines > 0);
    return first < 0
      ? []
      : samples
          .slice(first)
          .filter(([, lines]) => lines <= 0)
          .map(([t, lines]) => `${Math.round(t)} ms: ${lines < 0 ? 'no chart' : 'no forecast line'}`);
  };
}
