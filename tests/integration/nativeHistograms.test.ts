/**
 * Native histograms from a real Prometheus (Debian's 2.42, `--enable-feature=native-histograms`,
 * samples put in through its remote-write receiver): a query that returns them is refused with what
 * to write instead, by the client the CLI and `serve` use and by the CLI itself, and the fix the
 * message gives (histogram_count over rate) returns a plain request rate.
 */
import { execFile } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { NativeHistogramError, queryRange } from '../../src/io/prometheus';
import { ensurePrometheus } from '../../scripts/prometheus/install';
import { startPrometheusServer, type PrometheusServer } from '../../scripts/prometheus/server';
import { histogramCounter, writeHistograms } from '../../scripts/prometheus/remoteWrite';

jest.setTimeout(120_000);

const run = promisify(execFile);
const METRIC = 'checkout_request_duration_seconds';
const STEP_MS = 15_000;
/**
 * 50 minutes at 15 s: Prometheus takes remote-written samples back to an hour before the newest it
 * holds ("out of bounds" beyond), and this is enough for the CLI to train a baseline.
 */
const SAMPLES = 200;

let prometheus: PrometheusServer;
let dir: string;
let endMs: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'foresight-histograms-'));
  prometheus = await startPrometheusServer({
    binary: ensurePrometheus().prometheus,
    tsdbDir: join(dir, 'tsdb'),
    workDir: dir,
    nativeHistograms: true,
  });
  endMs = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const samples = histogramCounter(endMs, SAMPLES, STEP_MS);
  for (const pod of ['a', 'b']) {
    await writeHistograms(prometheus.url, { __name__: METRIC, job: 'checkout', pod }, samples);
  }
});

afterAll(async () => {
  await prometheus?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const range = (expr: string) => queryRange(prometheus.url, { expr, startMs: endMs - 3_600_000, endMs, stepMs: 60_000 });

it('refuses a query that returns native histograms, naming the series and the functions that fix it', async () => {
  const refused = range(METRIC);
  await expect(refused).rejects.toBeInstanceOf(NativeHistogramError);
  await expect(refused).rejects.toThrow(
    `The query returns native histograms (${METRIC}{job="checkout", pod="a"}, ${METRIC}{job="checkout", pod="b"})`
  );
  await expect(refused).rejects.toThrow(/histogram_quantile\(0\.95, .*histogram_count\(/);
});

it('reads the series the message suggests: histogram_count over rate() is a plain request rate', async () => {
  const series = await range(`histogram_count(sum by (pod) (rate(${METRIC}[2m])))`);
  expect(series).toHaveLength(2);
  for (const s of series) {
    const values = s.values.filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThanOrEqual(45);
    // 40–50 requests per 15 s step: 2.7–3.3 per second (the first minutes read lower: rate() at the
    // start of a series extrapolates less).
    const sorted = [...values].sort((a, b) => a - b);
    expect(sorted[0]).toBeGreaterThan(0);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(2.5);
    expect(sorted[sorted.length - 1]).toBeLessThan(3.5);
  }
});

it('the CLI exits 1 with the same message instead of training on bucket bounds', async () => {
  const args = ['train', '--prometheus', prometheus.url, '--query', METRIC, '--range', '45m', '--step', '1m'];
  await expect(
    run(process.execPath, [require.resolve('tsx/cli'), 'src/cli/main.ts', ...args, '--horizon', '10m', '--out', dir], {
      encoding: 'utf8',
    })
  ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('The query returns native histograms') });
});
