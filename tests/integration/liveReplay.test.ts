/**
 * The backfilled NAB-format series keep reporting on the real Prometheus after their history ends:
 * the demo exporter serves each one's continuation (its recording replayed, a day or a week later)
 * with the samples' own timestamps, and Prometheus stores them on the recording's step, the counter
 * without a reset. A 20-second recording stands in for NAB's 5 minutes so a sample falls due within
 * the test; the code path is the same.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { waitUntil } from '../../scripts/lib/net';
import { startStack, type StackHandle } from '../../scripts/prometheus/stack';
import { queryRange as promQueryRange } from './promApi';

jest.setTimeout(180_000);

const STEP_MS = 20_000;
const SELECTOR = 'nab_request_count_fast{job="replay",instance="request_count_fast"}';
let stack: StackHandle;
let csvDir: string;

const queryRange = (expr: string, startMs: number, endMs: number, stepSec: number) =>
  promQueryRange(stack.prometheusUrl, expr, startMs, endMs, stepSec);

/** Two days of 20-second samples whose value is the second of the day, so a replay reads back exactly. */
function writeCsv(dir: string): void {
  const end = Date.UTC(2015, 0, 3);
  const rows = ['timestamp,value'];
  for (let t = end - 2 * 86_400_000; t < end; t += STEP_MS) {
    rows.push(`${new Date(t).toISOString().slice(0, 19).replace('T', ' ')},${(t % 86_400_000) / 1000}`);
  }
  fs.mkdirSync(path.join(dir, 'replay'));
  fs.writeFileSync(path.join(dir, 'replay', 'request_count_fast.csv'), rows.join('\n') + '\n');
}

beforeAll(async () => {
  csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-csv-'));
  writeCsv(csvDir);
  stack = await startStack({ csvDir, exporter: true });
});

afterAll(async () => {
  await stack?.stop();
  fs.rmSync(csvDir, { recursive: true, force: true });
});

/** Prometheus's own count of samples it refused from scrapes (out of order, out of bounds, clashing). */
async function refusedSamples(): Promise<number> {
  const text = await (await fetch(`${stack.prometheusUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => /^prometheus_target_scrapes_sample_(out_of_order|out_of_bounds|duplicate_timestamp)_total /.test(l))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

it('stores the continuation on the recording step, replayed a day later, with no counter reset', async () => {
  const csv = stack.series[0];
  const historyEnd = csv.samples[csv.samples.length - 1].t;
  const startedMs = Date.now();
  const newestMs = async () => {
    const [newest] = await queryRange(`timestamp(${SELECTOR})`, Date.now(), Date.now(), 1);
    return Number(newest?.values[0][1]) * 1000;
  };
  // The backfill holds the continuation up to its end, less than one step after the start: a later
  // sample was scraped.
  await waitUntil(
    'a scraped sample of the replayed series',
    async () => (await newestMs()) > startedMs + STEP_MS,
    120_000,
    2000
  );
  // The exporter's own early scrapes fall inside its backfill and are refused (stack.ts); from here
  // on, a refused sample would be a replayed one.
  const refused = await refusedSamples();
  const before = await newestMs();
  await waitUntil('one more live sample', async () => (await newestMs()) > before, 60_000, 2000);
  expect(await refusedSamples()).toBe(refused);

  const now = Date.now();
  const params = new URLSearchParams({ query: `${SELECTOR}[5m]`, time: String(now / 1000) });
  const body = (await (await fetch(`${stack.prometheusUrl}/api/v1/query?${params}`)).json()) as {
    data: { result: Array<{ values: Array<[number, string]> }> };
  };
  const samples = body.data.result[0].values.map(([t, v]) => ({ t: Number(t) * 1000, v: Number(v) }));
  const live = samples.filter((s) => s.t > historyEnd);
  expect(live.length).toBeGreaterThanOrEqual(2);
  for (const [i, s] of samples.entries()) {
    // On the recording's grid, one sample per step (not one per 15-second scrape).
    expect(Math.abs((s.t - historyEnd) % STEP_MS)).toBe(0);
    if (i > 0) {
      expect(s.t - samples[i - 1].t).toBe(STEP_MS);
    }
  }
  // The value recorded a day earlier: the series' second of the day, shifted like its timestamps.
  for (const s of live) {
    expect(s.v).toBe(((((s.t - csv.shiftMs) % 86_400_000) + 86_400_000) % 86_400_000) / 1000);
  }
  const [resets] = await queryRange(`resets(nab_request_count_fast_count_total[10m])`, now, now, 1);
  expect(Number(resets.values[0][1])).toBe(0);
  const [rate] = await queryRange(`rate(nab_request_count_fast_count_total[2m])`, now, now, 1);
  expect(Number(rate.values[0][1])).toBeGreaterThan(0);
});
