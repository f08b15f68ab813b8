/**
 * One visit of a benchmark dashboard (a first navigation or a reload of the same page): waits until
 * the panel's query ends or the time limit passes, then reads what the probe recorded and takes a
 * screenshot.
 */
import type { Page } from 'playwright-core';
import { playgroundTestIds } from '../../playground/host/testIds';
import { READ_PROBE, type ProbeData } from './probe';
import type { RangeQueryLog } from './rangeQueries';
import { visitTimings, type VisitTimings } from './timings';

export interface VisitPlan {
  label: string;
  /** Navigate here; without it the page is reloaded. */
  url?: string;
  expectedSeries: number;
  /** The query's training step: how the training fetch is told from the display query. */
  trainingStepS: number;
  timeoutMs: number;
  screenshot: string;
  log: (line: string) => void;
}

/** One change of what the panel received, from t_data (negative: before the data arrived). */
export interface TimelinePoint {
  afterDataMs: number;
  state: string;
  forecastSeries: number;
}

export interface VisitResult {
  label: string;
  reload: boolean;
  timings: VisitTimings;
  timeline: TimelinePoint[];
  /** The query had not ended when the time limit passed. */
  timedOut: boolean;
  /** Wall time of the visit in the runner, navigation to end (or limit). */
  wallMs: number;
  screenshot: string;
}

const STATUS = `(() => {
  const p = window.__foresightBenchProbe;
  const c = p && p.changes.length ? p.changes[p.changes.length - 1] : undefined;
  return c ? { state: c.state, forecastSeries: c.forecastSeries } : { state: 'NotStarted', forecastSeries: 0 };
})()`;

interface Status {
  state: string;
  forecastSeries: number;
}

async function waitForApp(page: Page): Promise<void> {
  const app = page.getByTestId(playgroundTestIds.app).or(page.getByTestId(playgroundTestIds.loadError));
  await app.first().waitFor({ state: 'visible', timeout: 60_000 });
  const fatal = page.getByTestId(playgroundTestIds.loadError);
  if (await fatal.isVisible()) {
    throw new Error(`The playground reported: ${await fatal.textContent()}`);
  }
}

export async function runVisit(page: Page, rangeQueries: RangeQueryLog, plan: VisitPlan): Promise<VisitResult> {
  // Whatever an earlier visit left in flight is not this visit's.
  await rangeQueries.take();
  const started = performance.now();
  if (plan.url) {
    await page.goto(plan.url, { waitUntil: 'domcontentloaded' });
  } else {
    await page.reload({ waitUntil: 'domcontentloaded' });
  }
  await waitForApp(page);
  let status: Status = { state: 'NotStarted', forecastSeries: 0 };
  let lastLog = started;
  let timedOut = false;
  for (;;) {
    status = (await page.evaluate(STATUS)) as Status;
    if (status.state === 'Done' || status.state === 'Error') {
      break;
    }
    const now = performance.now();
    if (now - started > plan.timeoutMs) {
      timedOut = true;
      break;
    }
    if (now - lastLog > 10_000) {
      lastLog = now;
      plan.log(
        `  ${plan.label}: ${((now - started) / 1000).toFixed(0)} s, ${status.state}, ${status.forecastSeries} series with a forecast`
      );
    }
    await page.waitForTimeout(250);
  }
  // Lets the probe stamp the paint after the last change before it is read.
  await page.waitForTimeout(300);
  const probe = (await page.evaluate(READ_PROBE)) as ProbeData;
  const queries = await rangeQueries.take();
  const wallMs = performance.now() - started;
  await page.screenshot({ path: plan.screenshot, fullPage: true });
  const timings = visitTimings(probe, queries, plan.expectedSeries, plan.trainingStepS);
  const zero = timings.tDataMs ?? 0;
  return {
    label: plan.label,
    reload: !plan.url,
    timings,
    timeline: probe.changes.map((c) => ({
      afterDataMs: Math.round(c.atMs - zero),
      state: c.state,
      forecastSeries: c.forecastSeries,
    })),
    timedOut,
    wallMs,
    screenshot: plan.screenshot,
  };
}
