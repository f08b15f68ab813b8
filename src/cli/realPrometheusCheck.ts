/**
 * End-to-end check of `forecast train --prometheus` against the real Prometheus from the lead's
 * harness (scripts/prometheus/stack.ts): backfilled NAB history, chunked query_range, LSTM training,
 * model saved to a directory, then `forecast --model` refusing/accepting. Run with
 *   npx tsx src/cli/realPrometheusCheck.ts
 * Exits non-zero on failure. Stops what it starts.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startStack } from '../../scripts/prometheus/stack';

function cli(args: string[]): string {
  return execFileSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'main.ts'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function assert(ok: unknown, msg: string): void {
  if (!ok) {
    throw new Error(`check failed: ${msg}`);
  }
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'foresight-prom-'));
  const stack = await startStack({ exporter: false });
  try {
    const t0 = performance.now();
    const query = 'sum(aws_elb_requests_per_5m{job="aws-elb"})';
    const trained = JSON.parse(
      cli([
        'train',
        '--prometheus',
        stack.prometheusUrl,
        '--query',
        query,
        '--range',
        '7d',
        '--step',
        '5m',
        '--horizon',
        '12',
        '--out',
        out,
        '--json',
      ])
    ) as {
      meta: { horizon: number; stepMs: number; report: { method: string; scores: Record<string, { mae: number }> } };
      forecast: { mean: number[] };
    };
    const ms = performance.now() - t0;
    assert(existsSync(join(out, 'model.json')) && existsSync(join(out, 'weights.bin')), 'model files written');
    assert(trained.meta.horizon === 12 && trained.meta.stepMs === 300_000, 'meta has horizon and step');
    assert(trained.forecast.mean.length === 12 && trained.forecast.mean.every(Number.isFinite), '12 finite forecasts');
    process.stdout.write(
      `train --prometheus: ${(ms / 1000).toFixed(1)} s wall (CLI process incl. start-up); validation MAE ` +
        Object.entries(trained.meta.report.scores)
          .map(([k, v]) => `${k} ${v.mae.toFixed(2)}`)
          .join(', ') +
        '\n'
    );
    // 30 days at a 60 s step = 43,200 points: must be fetched in chunks of ≤ 11,000.
    const wide = JSON.parse(
      cli([
        'train',
        '--prometheus',
        stack.prometheusUrl,
        '--query',
        'sum(twitter_mentions_per_5m{instance="AAPL"})',
        '--range',
        '30d',
        '--step',
        '60s',
        '--horizon',
        '5',
        '--out',
        join(out, 'wide'),
        '--json',
      ])
    ) as { meta: { stepMs: number } };
    assert(wide.meta.stepMs === 60_000, '30 days at 60 s trained through chunked queries');
    let refused = '';
    try {
      cli([
        'train',
        '--prometheus',
        stack.prometheusUrl,
        '--query',
        'twitter_mentions_per_5m',
        '--range',
        '2d',
        '--step',
        '5m',
        '--horizon',
        '3',
        '--out',
        join(out, 'x'),
        '--json',
      ]);
    } catch (e) {
      refused = String((e as { stderr?: string }).stderr ?? e);
    }
    assert(/returned 5 series/.test(refused), `multi-series query refused clearly (got: ${refused.slice(0, 200)})`);
    process.stdout.write('real Prometheus check: ok\n');
  } finally {
    await stack.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
