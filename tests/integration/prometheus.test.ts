/**
 * The foundation's real Prometheus: backfilled NAB history must come back exactly as the CSV had it,
 * and the live demo exporter's counters must be scraped so that rate() is positive.
 */
import { EXPORTER_HISTORY_LEAD_MS, startStack, type StackHandle } from '../../scripts/prometheus/stack';
import { queryRange as promQueryRange, type MatrixResult } from './promApi';
import type { LoadedCsv } from '../../scripts/prometheus/backfill';
import { formatLabels } from '../../scripts/prometheus/openmetrics';
import { waitUntil } from '../../scripts/lib/net';

jest.setTimeout(180_000);

let stack: StackHandle;
/** When the stack was up: the exporter's backfilled history ends at most EXPORTER_HISTORY_LEAD_MS after it. */
let upMs: number;

beforeAll(async () => {
  stack = await startStack({ exporter: true });
  upMs = Date.now();
});

afterAll(async () => {
  await stack?.stop();
});

const queryRange = (expr: string, startMs: number, endMs: number, stepSec: number) =>
  promQueryRange(stack.prometheusUrl, expr, startMs, endMs, stepSec);

function series(fileStem: string): LoadedCsv {
  const found = stack.series.find((s) => s.file.includes(fileStem));
  if (!found) {
    throw new Error(`${fileStem} was not backfilled`);
  }
  return found;
}

describe.each(['nyc_taxi', 'elb_request_count_8c0756'])('backfilled %s', (stem) => {
  it('has exactly the CSV sample count and first/last values', async () => {
    const csv = series(stem);
    const selector = `${csv.metric}${formatLabels(csv.labels)}`;
    const first = csv.samples[0];
    const last = csv.samples[csv.samples.length - 1];
    const spanSec = Math.ceil((last.t - first.t) / 1000) + 1;

    const [count] = await queryRange(`count_over_time(${selector}[${spanSec}s])`, last.t, last.t, 60);
    expect(Number(count.values[0][1])).toBe(csv.samples.length);

    const [head] = await queryRange(selector, first.t, first.t, 60);
    expect(head.values).toEqual([[first.t / 1000, String(first.v)]]);
    const [end] = await queryRange(selector, last.t, last.t, 60);
    expect(end.values).toEqual([[last.t / 1000, String(last.v)]]);
  });

  it('has a running-total counter whose last value is the sum of the CSV values', async () => {
    const csv = series(stem);
    const last = csv.samples[csv.samples.length - 1];
    const expected = csv.samples.reduce((sum, s) => sum + Math.max(0, s.v), 0);
    const [total] = await queryRange(`${csv.counter}_total${formatLabels(csv.labels)}`, last.t, last.t, 60);
    expect(Number(total.values[0][1])).toBeCloseTo(expected, 3);
    const [resets] = await queryRange(
      `resets(${csv.counter}_total${formatLabels(csv.labels)}[30d])`,
      last.t,
      last.t,
      60
    );
    expect(Number(resets.values[0][1])).toBe(0);
  });
});

it('scrapes the live exporter: its counters gain samples after the history ends, and rate() reads them', async () => {
  // Scraped at the history's step (15 s with the real day): a window of [20s] may hold one scrape,
  // so the test waits for a sample newer than the history instead.
  await waitUntil(
    'a live sample of the exporter counter',
    async () => {
      const now = Date.now();
      const result = await queryRange('max(timestamp(http_requests_total{job="demo-service"}))', now, now, 1);
      const newestMs = result.length ? Number(result[0].values[0][1]) * 1000 : 0;
      return newestMs > upMs + EXPORTER_HISTORY_LEAD_MS;
    },
    100_000,
    2000
  );
  const now = Date.now();
  const [rate] = await queryRange('sum(rate(http_requests_total{job="demo-service"}[2m]))', now, now, 1);
  expect(Number(rate.values[0][1])).toBeGreaterThan(0);
  // Live counters continue the backfilled ones: no reset (which rate() would read as a spike) at "now".
  const resets = await queryRange(
    'sum(resets(model_call_count[15m])) + sum(resets(http_requests_total[15m]))',
    now,
    now,
    1
  );
  expect(Number(resets[0].values[0][1])).toBe(0);
});

it('scrapes the NAB series continued live (the replay target is up and serves NAB series)', async () => {
  const body = (await (await fetch(`${stack.prometheusUrl}/api/v1/targets`)).json()) as {
    data: { activeTargets: Array<{ scrapePool: string; health: string; scrapeUrl: string }> };
  };
  const replay = body.data.activeTargets.filter((t) => t.scrapePool === 'nab-replay');
  expect(replay.map((t) => new URL(t.scrapeUrl).pathname)).toEqual(['/replay/metrics']);
  await waitUntil(
    'the replay target scraped',
    async () => {
      const [up] = await queryRange('up{job="nab-replay"}', Date.now(), Date.now(), 1);
      return up?.values[0][1] === '1';
    },
    60_000,
    1000
  );
});

it('backfills the exporter history so per-version model traffic can be forecast', async () => {
  const now = Date.now();
  const result = await queryRange(
    'sum by (model_name, model_version) (rate(model_call_count[1h]))',
    now - 86_400_000,
    now - 3_600_000,
    3600
  );
  const versions = result.map((r) => `${r.metric.model_name}/${r.metric.model_version}`).sort();
  expect(versions).toContain('recommender/v7');
  const v7 = result.find((r) => r.metric.model_version === 'v7')!;
  expect(v7.values.every(([, v]) => Number(v) > 0)).toBe(true);
});

it('shifts NAB history by whole steps so every series ends within one step before now', () => {
  const now = Date.now();
  for (const csv of stack.series) {
    const stepMs = csv.file.includes('nyc_taxi') ? 1_800_000 : 300_000;
    const last = csv.samples[csv.samples.length - 1];
    expect(csv.shiftMs % stepMs).toBe(0);
    expect(last.t).toBeLessThan(now);
    // Stack start-up time is added on top of the one step.
    expect(now - last.t).toBeLessThan(stepMs + 120_000);
  }
});

/**
 * The raw samples of a demo series' last six hours (an instant query on a range selector keeps their
 * timestamps): each sample's age in minutes and its value.
 */
async function lastSixHours(metric: string): Promise<Array<{ ageMin: number; v: number }>> {
  const now = Date.now();
  const params = new URLSearchParams({ query: `${metric}[6h]`, time: String(now / 1000) });
  const res = await fetch(`${stack.prometheusUrl}/api/v1/query?${params}`);
  const body = (await res.json()) as { data: { result: MatrixResult[] } };
  return body.data.result[0].values.map(([t, v]) => ({ ageMin: (now / 1000 - Number(t)) / 60, v: Number(v) }));
}

it('serves foresight_stale_demo, a series whose last sample is about an hour old', async () => {
  const samples = await lastSixHours('foresight_stale_demo');
  const ageMin = samples[samples.length - 1].ageMin;
  expect(ageMin).toBeGreaterThanOrEqual(60);
  // Cut at one hour; the 5-minute step and start-up time on top.
  expect(ageMin).toBeLessThan(60 + 5 + 2);
});

it('serves foresight_drop_demo, a CPU at its usual level until two hours ago and 0 since', async () => {
  const samples = await lastSixHours('foresight_drop_demo');
  const since = samples.filter((s) => s.v === 0);
  // the zeros are exactly the last two hours (the 5-minute step and start-up time on top)
  expect(since.length).toBeGreaterThanOrEqual(23);
  expect(Math.max(...since.map((s) => s.ageMin))).toBeLessThan(120 + 2);
  expect(samples.filter((s) => s.ageMin > 125).every((s) => s.v > 50)).toBe(true);
});

it('serves foresight_outage_demo: the CPU at its usual level, nothing for three hours, then 0', async () => {
  const samples = await lastSixHours('foresight_outage_demo');
  // back for the last 15 minutes, at 0 (the 5-minute step and start-up time on top)
  const back = samples.filter((s) => s.ageMin < 180 - 5);
  expect(back.length).toBeGreaterThanOrEqual(2);
  expect(back.every((s) => s.v === 0 && s.ageMin < 15 + 2)).toBe(true);
  // before the outage, the usual level
  const before = samples.filter((s) => s.ageMin >= 180 - 5);
  expect(before.length).toBeGreaterThan(30);
  expect(before.every((s) => s.v > 50 && s.ageMin >= 180)).toBe(true);
});
