/**
 * Exporter continuity against a real Prometheus scraping the real exporter: the live counters
 * continue the backfilled history, so rate() over the minutes after start (windows that straddle
 * the seam between history and live scrapes included) stays within ±10 % of the traffic model.
 * A shortened day (2 h) keeps the history small; no NAB series are loaded, to start fast.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TrafficIntegral } from '../../scripts/exporter/integral';
import { MODEL_VERSIONS, historyOrigin } from '../../scripts/exporter/traffic';
import { startStack, type StackHandle } from '../../scripts/prometheus/stack';
import { queryRange as promQueryRange } from './promApi';

jest.setTimeout(480_000);

// A 2 h day puts the history step at its 5 s floor, which the stack scrapes the exporter at too:
// rate() sees even spacing across the seam, as with the real day (15 s and 15 s), and the watch
// below stays short.
const clock = { dayLengthSec: 7200 };
const WINDOW_SEC = 60;
/**
 * How long after start the test watches (it idles meanwhile; jest runs other files beside it): every
 * window that straddles the seam (the first 60 s) and a minute and a half of live-only windows after
 * it, 30 evaluations at 5 s. Five minutes showed nothing more and made it the suite's longest file.
 */
const WATCH_MS = 150_000;

let stack: StackHandle;
let emptyCsvDir: string;
let startedMs: number;

beforeAll(async () => {
  emptyCsvDir = mkdtempSync(join(tmpdir(), 'foresight-no-csv-'));
  const before = Date.now();
  stack = await startStack({ exporter: true, dayLengthSec: clock.dayLengthSec, csvDir: emptyCsvDir });
  startedMs = Date.now();
  if (process.env.FORESIGHT_VERBOSE) {
    console.log(`stack started in ${startedMs - before} ms`);
  }
});

afterAll(async () => {
  await stack?.stop();
  rmSync(emptyCsvDir, { recursive: true, force: true });
});

const queryRange = (expr: string, startMs: number, endMs: number, stepSec: number) =>
  promQueryRange(stack.prometheusUrl, expr, startMs, endMs, stepSec);

/** The model's mean rate over (t - window, t]: what a perfect rate() would read. */
function modelRate(pick: (totals: ReturnType<TrafficIntegral['at']>) => number, tMs: number): number {
  const origin = historyOrigin(tMs, clock);
  const from = new TrafficIntegral(origin, clock).at(tMs - WINDOW_SEC * 1000);
  const to = new TrafficIntegral(origin, clock).at(tMs);
  return (pick(to) - pick(from)) / WINDOW_SEC;
}

it('keeps rate() within ±10 % of the traffic model across the history/live seam', async () => {
  await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
  const v7 = MODEL_VERSIONS.findIndex((v) => v.model_version === 'v7');
  const checks: Array<{ expr: string; pick: (t: ReturnType<TrafficIntegral['at']>) => number }> = [
    { expr: `rate(model_call_count{model_version="v7"}[${WINDOW_SEC}s])`, pick: (t) => t.modelCalls[v7] },
    { expr: `rate(http_requests_total{code="200"}[${WINDOW_SEC}s])`, pick: (t) => t.ok },
  ];
  // From the first evaluation whose window reaches past start (it straddles the seam) to now.
  const from = Math.ceil(startedMs / 1000) * 1000;
  const to = Math.floor(Date.now() / 1000) * 1000;
  for (const check of checks) {
    const [series] = await queryRange(check.expr, from, to, 5);
    expect(series.values.length).toBeGreaterThanOrEqual(24);
    const ratios = series.values.map(([t, v]) => ({ t, ratio: Number(v) / modelRate(check.pick, t * 1000) }));
    if (process.env.FORESIGHT_VERBOSE) {
      console.log(
        `${check.expr}: ${ratios.map((r) => `+${Math.round(r.t - from / 1000)}s ${r.ratio.toFixed(3)}`).join(', ')}`
      );
    }
    const worst = ratios.reduce((a, b) => (Math.abs(b.ratio - 1) > Math.abs(a.ratio - 1) ? b : a));
    expect(Math.abs(worst.ratio - 1)).toBeLessThanOrEqual(0.1);
  }
});
