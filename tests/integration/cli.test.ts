/**
 * The forecast CLI against the real Prometheus: `train --prometheus` fetches history through
 * query_range in chunks (30 days at 60 s = 43,200 points needs four), trains and saves a model that
 * `forecast --model` then loads. The CLI runs as a real subprocess, as a user would run it.
 */
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
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
  horizon: number,
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
    String(horizon),
    '--out',
    dir,
    '--json',
  ]);
}

it('trains a loadable model from 7 days of real Prometheus history', async () => {
  const dir = join(out, 'elb');
  const { stdout } = await train('sum(aws_elb_requests_per_5m{job="aws-elb"})', '7d', '5m', 12, dir);
  const trained = JSON.parse(stdout) as TrainOutput;
  expect(existsSync(join(dir, 'model.json'))).toBe(true);
  expect(trained.meta).toMatchObject({ horizon: 12, stepMs: 300_000 });
  expect(trained.forecast.mean).toHaveLength(12);
  expect(trained.forecast.mean.every(Number.isFinite)).toBe(true);
});

it('fetches 30 days at a 60 s step in chunks of at most 11,000 points', async () => {
  const { stdout } = await train('sum(twitter_mentions_per_5m{instance="AAPL"})', '30d', '60s', 5, join(out, 'wide'));
  const trained = JSON.parse(stdout) as TrainOutput;
  expect(trained.meta.stepMs).toBe(60_000);
  expect(trained.forecast.mean).toHaveLength(5);
});

it('refuses a query that returns several series, saying why', async () => {
  await expect(train('twitter_mentions_per_5m', '7d', '5m', 12, join(out, 'multi'))).rejects.toMatchObject({
    stderr: expect.stringMatching(/series/i),
  });
});

it("reports Prometheus's own message for a bad PromQL expression", async () => {
  await expect(train('sum(rate(', '1d', '5m', 12, join(out, 'bad'))).rejects.toMatchObject({
    stderr: expect.stringMatching(/parse error/i),
  });
});
