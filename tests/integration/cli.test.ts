/**
 * The forecast CLI against the real Prometheus: `train --prometheus` fetches history through
 * query_range in chunks (30 days at 60 s = 43,200 points needs four), trains and saves a model that
 * `forecast --model` then loads. The CLI runs as a real subprocess, as a user would run it.
 */
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { startStack, type StackHandle } from '../../scripts/prometheus/stack';

jest.setTimeout(180_000);
const run = promisify(execFile);

interface TrainOutput {
  meta: { horizon: number; stepMs: number };
  forecast: { mean: number[] };
}

let stack: StackHandle;
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'foresight-cli-'));
  stack = await startStack({ exporter: false });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(out, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [require.resolve('tsx/cli'), 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  });
}

function train(
  query: string,
  range: string,
  step: string,
  horizon: string,
  dir: string
): Promise<{ stdout: string; stderr: string }> {
  return cli([
    'train',
    '--prometheus',
    stack.prometheusUrl,
    '--query',
    query,
    '--range',
    range,
    '--step',
    step,
    '--horizon',
    horizon,
    '--out',
    dir,
    '--json',
  ]);
}

it('trains a loadable model from 7 days of real Prometheus history', async () => {
  const dir = join(out, 'elb');
  const { stdout } = await train('sum(aws_elb_requests_per_5m{job="aws-elb"})', '7d', '5m', '1h', dir);
  const trained = JSON.parse(stdout) as TrainOutput;
  expect(existsSync(join(dir, 'model.json'))).toBe(true);
  expect(trained.meta).toMatchObject({ horizon: 12, stepMs: 300_000 });
  expect(trained.forecast.mean).toHaveLength(12);
  expect(trained.forecast.mean.every(Number.isFinite)).toBe(true);
});

it('fetches 30 days at a 60 s step in chunks of at most 11,000 points', async () => {
  const { stdout } = await train(
    'sum(twitter_mentions_per_5m{instance="AAPL"})',
    '30d',
    '60s',
    '5m',
    join(out, 'wide')
  );
  const trained = JSON.parse(stdout) as TrainOutput;
  expect(trained.meta.stepMs).toBe(60_000);
  expect(trained.forecast.mean).toHaveLength(5);
});

it('says when Prometheus holds less history than the range asked for', async () => {
  // the backfilled RDS series covers about two weeks: said, so "widen the window" is never the advice
  const { stderr } = await train('aws_rds_cpu_utilization_percent', '30d', '5m', '1h', join(out, 'short'));
  expect(stderr).toMatch(
    /warning: Prometheus holds data for only the last 1\dd( \d+h)? of the 30d asked for \(the first sample is at .*\): a wider --range will not add history/
  );
});

it('refuses a query that returns several series, saying why', async () => {
  await expect(train('twitter_mentions_per_5m', '7d', '5m', '1h', join(out, 'multi'))).rejects.toMatchObject({
    stderr: expect.stringMatching(
      /Query returned 5 series \(twitter_mentions_per_5m\{instance="AAPL", job="twitter"\}; .*\); aggregate it to one/
    ),
  });
});

it("reports Prometheus's own message for a bad PromQL expression", async () => {
  await expect(train('sum(rate(', '1d', '5m', '1h', join(out, 'bad'))).rejects.toMatchObject({
    stderr: expect.stringMatching(/parse error/i),
  });
});

it('says on stderr that data whose last sample is an hour old is stale', async () => {
  const { stdout, stderr } = await train('foresight_stale_demo', '3d', '5m', '1h', join(out, 'stale'));
  // Range queries repeat a sample for the 5-minute lookback, so the last point is 55–60 minutes old.
  expect(stderr).toMatch(
    /warning: Data is stale: the last sample is (5\dm|1h)( \d+m)?( \d+s)? old \(\d{4}-\d\d-\d\dT[\d:.]+Z; more than 15m\)\. The forecast starts at that sample, so its first steps lie in the past\./
  );
  // the CLI gives no scale actions, so it does not say it withholds them
  expect(stderr).not.toMatch(/scale actions/);
  const trained = JSON.parse(stdout) as TrainOutput & { staleness: { stale: boolean; ageMs: number } };
  expect(trained.staleness.stale).toBe(true);
  expect(trained.staleness.ageMs).toBeGreaterThanOrEqual(54 * 60_000);
});

it('backtests MSTL the same on a series and on the same series x 1000 + 1e9 (level- and scale-free by construction)', async () => {
  // A CPU-like week at 5 minutes: a daily wave, a slow drift and deterministic noise.
  const t0 = Date.UTC(2024, 0, 1);
  const rows = (f: (v: number) => number) =>
    [
      'timestamp,value',
      ...Array.from({ length: 2016 }, (_, i) => {
        const v = 50 + 20 * Math.sin((2 * Math.PI * i) / 288) + i / 200 + ((i * 7919) % 13) / 2;
        return `${new Date(t0 + i * 300_000).toISOString().slice(0, 19).replace('T', ' ')},${f(v)}`;
      }),
    ].join('\n');
  const plain = join(out, 'cpu.csv');
  const shifted = join(out, 'cpu-shifted.csv');
  writeFileSync(
    plain,
    rows((v) => v)
  );
  writeFileSync(
    shifted,
    rows((v) => v * 1000 + 1e9)
  );
  const mase = async (csv: string) => {
    const { stdout } = await cli(['backtest', '--csv', csv, '--horizon', '1h', '--method', 'mstl', '--json']);
    return (JSON.parse(stdout) as { methods: { mstl: { mase: number } } }).methods.mstl.mase;
  };
  const [a, b] = [await mase(plain), await mase(shifted)];
  expect(a).toBeLessThan(1);
  expect(Math.abs(b - a)).toBeLessThan(1e-6 * a);
});

it('exits 2 on a usage error, suggesting the duration for a bare step count', async () => {
  await expect(train('up', '1d', '5m', '12', join(out, 'usage'))).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/--horizon takes a duration.*write --horizon 1h/),
  });
});

it('gives up on a Prometheus that accepts and never answers after --timeout, saying so', async () => {
  // The real server frozen (SIGSTOP): its port still accepts connections, as an overloaded or stuck
  // Prometheus does, and nothing answers until it runs again.
  const query = 'sum(aws_elb_requests_per_5m{job="aws-elb"})';
  const args = ['train', '--prometheus', stack.prometheusUrl, '--query', query, '--range', '3d', '--step', '5m'];
  const started = Date.now();
  stack.pausePrometheus();
  try {
    await expect(
      cli([...args, '--horizon', '1h', '--out', join(out, 'stalled'), '--timeout', '2s'])
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/timed out after 2 s/) });
    expect(Date.now() - started).toBeLessThan(60_000);
  } finally {
    stack.resumePrometheus();
  }
  // Back to work: the same command now answers.
  const { stdout } = await cli([...args, '--horizon', '1h', '--out', join(out, 'resumed'), '--json']);
  expect((JSON.parse(stdout) as TrainOutput).forecast.mean).toHaveLength(12);
});
