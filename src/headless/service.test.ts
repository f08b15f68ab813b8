/**
 * @jest-environment node
 *
 * `serve` assembled, against an in-process Prometheus stand-in and the real engine (LSTM on tfjs in
 * Node): models persist across a restart, a Prometheus outage keeps the last good result, two
 * shards split the series, and the HTTP endpoints answer.
 */
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ForecastRunner, RangeRequest, RunnerRequest } from '../advisor/ports';
import { validateConfig, type ServeConfig } from './config';
import { createNodeRunner } from './nodeRunner';
import { ServeService } from './service';
import { SyntheticSource } from './syntheticSource';

jest.setTimeout(300_000);

let modelDir: string;
beforeEach(() => {
  modelDir = mkdtempSync(join(tmpdir(), 'foresight-serve-'));
});
afterEach(() => rmSync(modelDir, { recursive: true, force: true }));

function config(job: Record<string, unknown>, extra: Record<string, unknown> = {}): ServeConfig {
  const { config: c, errors } = validateConfig({
    listen: '127.0.0.1:0',
    prometheus: { url: 'http://127.0.0.1:1' },
    modelDir,
    jobs: [
      {
        name: 'demo',
        query: 'demo_rps',
        trainingWindow: '3d',
        trainingStep: '5m',
        horizon: '30m',
        interval: '1m',
        ...job,
      },
    ],
    ...extra,
  });
  if (!c) {
    throw new Error(errors.join('\n'));
  }
  return c;
}

/** The real in-thread engine, recording what it was asked. */
function recordingRunner(requests: RunnerRequest[]): () => Promise<ForecastRunner> {
  const inner = createNodeRunner('auto');
  const runner: ForecastRunner = {
    mode: inner.mode,
    run: (request, options) => {
      requests.push(request);
      return inner.run(request, options);
    },
    dispose: () => inner.dispose(),
  };
  return async () => runner;
}

const quiet = () => undefined;
const LSTM = { method: 'lstm', lstm: { epochs: 2, samplesPerEpoch: 128, units: 4, window: 24 } };

describe('serve', () => {
  it('keeps models on disk: a second start forecasts from them without training', async () => {
    const source = new SyntheticSource({ count: 2 });
    const firstAsked: RunnerRequest[] = [];
    const first = new ServeService(config(LSTM), { source, runner: recordingRunner(firstAsked), log: quiet });
    expect(await first.evaluateOnce()).toBe(true);
    expect(first.states[0].last?.result.series.map((s) => s.run?.model)).toEqual(['trained', 'trained']);
    expect(firstAsked.every((r) => r.savedModel === undefined)).toBe(true);
    // File names are hashes, never label values or PromQL.
    expect(readdirSync(modelDir).sort()).toHaveLength(2);
    expect(readdirSync(modelDir).every((name) => /^[0-9a-f]{64}$/.test(name))).toBe(true);

    const secondAsked: RunnerRequest[] = [];
    const second = new ServeService(config(LSTM), { source, runner: recordingRunner(secondAsked), log: quiet });
    expect(await second.evaluateOnce()).toBe(true);
    expect(second.states[0].last?.result.series.map((s) => s.run?.model)).toEqual(['cache', 'cache']);
    expect(secondAsked).toHaveLength(2);
    expect(secondAsked.every((r) => r.savedModel !== undefined && !r.fineTune)).toBe(true);
  });

  it('keeps serving the last good result while Prometheus is down, counting errors and ageing', async () => {
    let now = Date.now();
    const source = new SyntheticSource({ count: 1 });
    const lines: string[] = [];
    const service = new ServeService(config({ method: 'naive' }), {
      source,
      runner: recordingRunner([]),
      clock: { now: () => now },
      log: (line) => lines.push(line),
    });
    expect(await service.evaluateOnce()).toBe(true);
    const good = service.states[0].last;
    source.down = true;
    now += 120_000;
    expect(await service.evaluateOnce()).toBe(false);
    expect(service.states[0].last).toBe(good);
    expect(service.states[0].lastError?.reason).toBe('unreachable');
    const text = await service.metrics.text();
    expect(text).toContain('foresight_evaluation_errors_total{job="demo",reason="unreachable"} 1');
    expect(text).toContain('foresight_result_age_seconds{job="demo"} 120');
    expect(text).toMatch(/foresight_forecast\{job="demo",instance="s0",lead="30m",band="mean"\} \d/);

    // the outage is logged once, not at every tick, and its end is said with the ticks it cost
    for (let i = 0; i < 2; i++) {
      now += 60_000;
      expect(await service.evaluateOnce()).toBe(false);
    }
    source.down = false;
    now += 60_000;
    expect(await service.evaluateOnce()).toBe(true);
    const failed = lines.filter((l) =>
      l.startsWith('job demo: evaluation failed (unreachable): Prometheus is unreachable')
    );
    expect(failed).toHaveLength(1);
    expect(lines).toContain(
      `job demo: Prometheus reachable again after 3 failed ticks (failing since ${new Date(now - 180_000).toISOString()})`
    );
    expect(await service.metrics.text()).toContain(
      'foresight_evaluation_errors_total{job="demo",reason="unreachable"} 3'
    );
  });

  it('counts a run that forecast none of the series it got as a failure, with the reasons', async () => {
    // series that began an hour ago: the window is long enough (the config check passes), their data is not
    class NewSeries extends SyntheticSource {
      async queryRange(r: RangeRequest) {
        return super.queryRange({ ...r, fromMs: Math.max(r.fromMs, r.toMs - 3_600_000) });
      }
    }
    const source = new NewSeries({ count: 2 });
    const lines: string[] = [];
    const service = new ServeService(config({ method: 'naive', trainingWindow: '1d', horizon: '1h' }), {
      source,
      runner: recordingRunner([]),
      log: (line) => lines.push(line),
    });
    expect(await service.evaluateOnce()).toBe(false);
    expect(service.states[0].lastError?.message).toMatch(/^no series could be forecast: .*Too little history/);
    expect(await service.metrics.text()).not.toMatch(/foresight_last_success_timestamp_seconds\{job="demo"\} [1-9]/);
    expect(lines.join('\n')).toMatch(/evaluation failed \(engine\): no series could be forecast/);
  });

  it('logs a series note once, not at every evaluation, while it says the same thing', async () => {
    const lines: string[] = [];
    // One day of 5-minute data: every method but the last value is skipped, each with a note.
    const service = new ServeService(config({ trainingWindow: '1d' }), {
      source: new SyntheticSource({ count: 2 }),
      runner: recordingRunner([]),
      log: (line) => lines.push(line),
    });
    const warnings = () => lines.filter((l) => l.startsWith('job demo: warning: ')).length;
    expect(await service.evaluateOnce()).toBe(true);
    const first = warnings();
    expect(first).toBeGreaterThan(0);
    expect(await service.evaluateOnce()).toBe(true);
    expect(warnings()).toBe(first);
    expect(lines.filter((l) => /^job demo: \d+ series in /.test(l))).toHaveLength(2);
    expect(service.states[0].last?.notes.length).toBe(first);
  });

  it('two shards over the same job forecast every series exactly once', async () => {
    const source = new SyntheticSource({ count: 12 });
    const keys: string[][] = [];
    for (const shard of ['0/2', '1/2']) {
      const service = new ServeService(config({ method: 'naive' }, { shard, maxSeries: 100 }), {
        source,
        runner: recordingRunner([]),
        log: quiet,
      });
      expect(await service.evaluateOnce()).toBe(true);
      keys.push(service.states[0].last?.result.series.map((s) => s.labels.instance) ?? []);
      expect(await service.metrics.text()).toContain(`foresight_series{job="demo"} ${keys[keys.length - 1].length}`);
    }
    const all = [...keys[0], ...keys[1]].sort();
    expect(all).toEqual(Array.from({ length: 12 }, (_, i) => `s${i}`).sort());
    expect(keys[0].length).toBeGreaterThan(0);
    expect(keys[1].length).toBeGreaterThan(0);
  });

  it('plans each series from its own current replicas when the replica query matches by labels', async () => {
    const source = new SyntheticSource({
      count: 2,
      replicas: [
        { labels: { instance: 's0', deployment: 'x' }, value: 7 },
        { labels: { instance: 's1', deployment: 'y' }, value: 9 },
      ],
    });
    const service = new ServeService(
      config({
        method: 'naive',
        currentReplicasQuery: 'kube_deployment_status_replicas',
        policy: { maxReplicas: 20, minReplicas: 1 },
      }),
      { source, runner: recordingRunner([]), log: quiet }
    );
    expect(await service.evaluateOnce()).toBe(true);
    const series = service.states[0].last?.result.series ?? [];
    // Load ~100 on a capacity of 250: both scale down to the minimum, each from its own count.
    const from = Object.fromEntries(series.map((s) => [s.labels.instance, s.plan?.actions[0]?.from]));
    expect(from).toEqual({ s0: 7, s1: 9 });
  });

  it('names the replica query when it is the one that failed', async () => {
    const source = new SyntheticSource({ count: 1 });
    source.down = true;
    const service = new ServeService(
      config({ method: 'naive', currentReplicasQuery: 'kube_deployment_status_replicas' }),
      { source, runner: recordingRunner([]), log: quiet }
    );
    expect(await service.evaluateOnce()).toBe(false);
    expect(service.states[0].lastError?.message).toMatch(/^currentReplicasQuery kube_deployment_status_replicas: /);
  });

  it('serves /metrics, /healthz and /api/v1/results on loopback, and stops cleanly', async () => {
    const source = new SyntheticSource({ count: 1 });
    const service = new ServeService(config({ method: 'naive', interval: '1h' }), {
      source,
      runner: recordingRunner([]),
      log: quiet,
    });
    const handle = await service.start();
    try {
      expect(handle.host).toBe('127.0.0.1');
      const base = `http://127.0.0.1:${handle.port}`;
      for (let i = 0; i < 200 && !service.states[0].last; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await metrics.text()).toContain('foresight_recommended_replicas{job="demo",instance="s0"}');
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const results = (await (await fetch(`${base}/api/v1/results`)).json()) as {
        jobs: Array<{ job: string; result: { series: unknown[] } }>;
      };
      expect(results.jobs[0].job).toBe('demo');
      expect(results.jobs[0].result.series).toHaveLength(1);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await service.stop();
    }
  });
});
