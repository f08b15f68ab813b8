/**
 * Foresight without a browser, with the real parts: Debian's Prometheus (backfilled history + the
 * live demo exporter) scrapes `serve` (a real subprocess on a free loopback port) with the scrape
 * settings of deploy/prometheus/scrape.yaml, and evaluates the alerting and recording rules of
 * deploy/prometheus/. Checked through the HTTP API: forecasts and recommended replicas arrive with
 * sane values, the capacity alert reaches `firing` for a series whose forecast crosses it and not
 * for one that stays below, the forecast-vs-actual recording rules yield samples, and every PromQL
 * in deploy/ parses. The timeline (serve start → listening → first result → first scrape → first
 * sample → pending → firing) goes to tests/test-results/serve-timeline.json and the log.
 *
 * Test-time changes to the deploy files, so the test fits in about two minutes (each said where
 * it is made): jobs train on 1 day with the last-value method every 15 s; the capacity alert's
 * `for` is 10s; the track-record rules look 20 s back instead of 30 minutes; capacities are set
 * between the demo's busiest and quietest model versions.
 */
import fs from 'fs';
import path from 'path';
import { execFile } from 'child_process';
import { promisify } from 'util';
import yaml from 'js-yaml';
import { startStack, type StackHandle } from '../../scripts/prometheus/stack';
import { ensurePrometheus } from '../../scripts/prometheus/install';
import { DEPLOY_DIR, deployPromql, type RuleFile, type YamlObject } from '../../scripts/prometheus/deployRecipes';
import { dayLengthFromEnv } from '../../scripts/exporter/server';
import { MODEL_VERSIONS, dailyShape, dayPhase } from '../../scripts/exporter/traffic';
import { freePort, LOOPBACK, waitUntil } from '../../scripts/lib/net';
import { REPO_ROOT, RUNTIME_DIR } from '../../scripts/lib/paths';
import { startLogged, tail, type Started } from '../../scripts/lib/process';
import { METRIC } from '../../src/contract/metrics';
import { MemoryModelCache } from '../../src/advisor/memoryModelCache';
import { QueryAdvisor } from '../../src/advisor/queryAdvisor';
import { withSpecDefaults } from '../../src/advisor/spec';
import { HttpRangeSource } from '../../src/headless/prometheusSource';

jest.setTimeout(240_000);
const execFileAsync = promisify(execFile);

const ALERT = 'ForesightLoadWillExceedCapacity';
const JOB = 'model-serving';
const BUSY = { model_name: 'recommender', model_version: 'v7' };
const QUIET = { model_name: 'churn-predictor', model_version: 'v1' };
const TIMELINE_FILE = path.join(REPO_ROOT, 'tests', 'test-results', 'serve-timeline.json');
/** What Prometheus scraped, kept for the docs' `/metrics` excerpt. */
const METRICS_FILE = path.join(REPO_ROOT, 'tests', 'test-results', 'serve-metrics.txt');

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
interface AlertInfo {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt: string;
}

let stack: StackHandle;
let serve: Started;
let serveUrl: string;
let workDir: string;
const t0 = Date.now();
const timeline: Record<string, number> = {};
const mark = (event: string) => {
  timeline[event] ??= Math.round((Date.now() - t0) / 100) / 10;
};

function readYaml<T>(file: string): T {
  return yaml.load(fs.readFileSync(path.join(DEPLOY_DIR, file), 'utf8')) as T;
}

/** The example jobs, made quick: 1 day of 5-minute data, last-value method, every 15 s. */
function testConfig(prometheusUrl: string, port: number): string {
  const example = readYaml<YamlObject & { jobs: YamlObject[] }>('examples/foresight.yaml');
  const jobs = example.jobs.map((j) => ({
    ...j,
    trainingWindow: '1d',
    trainingStep: '5m',
    method: 'naive',
    interval: '15s',
  }));
  return yaml.dump({
    ...example,
    listen: `${LOOPBACK}:${port}`,
    // Short, so the frozen-Prometheus test below sees a timeout soon; a day at 5 m answers in ms.
    prometheus: { url: prometheusUrl, timeout: '10s' },
    modelDir: path.join(workDir, 'models'),
    jobs,
  });
}

/**
 * The deploy rules with the test-time changes; capacities are rewritten so the model-serving one lies
 * between the busiest and the quietest model version now (geometric mean of the demo's rates).
 */
function testRuleFiles(): string[] {
  const alerts = readYaml<RuleFile>('prometheus/alerts.yaml');
  for (const rule of alerts.groups.flatMap((g) => g.rules)) {
    if (rule.alert === ALERT) {
      rule.for = '10s';
    }
  }
  const recording = readYaml<RuleFile>('prometheus/recording.yaml');
  for (const rule of recording.groups.flatMap((g) => g.rules)) {
    rule.expr = rule.expr.replace(/offset 30m/g, 'offset 20s');
  }
  const capacity = readYaml<RuleFile>('prometheus/capacity.yaml');
  const clock = { dayLengthSec: dayLengthFromEnv() };
  const base = (v: { model_name: string; model_version: string }) =>
    MODEL_VERSIONS.find((m) => m.model_name === v.model_name && m.model_version === v.model_version)!.base;
  const level = Math.sqrt(base(BUSY) * base(QUIET)) * dailyShape(dayPhase(Date.now() + 30 * 60_000, clock));
  for (const rule of capacity.groups.flatMap((g) => g.rules)) {
    if (rule.labels?.job === JOB) {
      rule.expr = `vector(${level.toFixed(3)})`;
    }
  }
  const files = { 'alerts.yaml': alerts, 'recording.yaml': recording, 'capacity.yaml': capacity };
  return Object.entries(files).map(([name, doc]) => {
    const file = path.join(workDir, name);
    fs.writeFileSync(file, yaml.dump(doc));
    return file;
  });
}

async function api<T>(
  pathAndQuery: string
): Promise<{ status: number; body: { status: string; error?: string; data: T } }> {
  const res = await fetch(`${stack.prometheusUrl}${pathAndQuery}`);
  return { status: res.status, body: (await res.json()) as { status: string; error?: string; data: T } };
}

async function query(expr: string): Promise<Sample[]> {
  const { body } = await api<{ result: Sample[] }>(`/api/v1/query?${new URLSearchParams({ query: expr })}`);
  if (body.status !== 'success') {
    throw new Error(`${expr}: ${body.error}`);
  }
  return body.data.result;
}

async function alerts(): Promise<AlertInfo[]> {
  return (await api<{ alerts: AlertInfo[] }>('/api/v1/alerts')).body.data.alerts;
}

const isSeries = (labels: Record<string, string>, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => labels[k] === v);

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(fs.mkdirSync(RUNTIME_DIR, { recursive: true }) ?? RUNTIME_DIR, 'serve-it-'));
  const port = await freePort();
  // The scrape job of deploy/prometheus/scrape.yaml, with a static loopback target instead of
  // Kubernetes discovery and a 5 s interval.
  const scrape = readYaml<{ scrape_configs: Array<{ job_name: string; honor_labels: boolean }> }>(
    'prometheus/scrape.yaml'
  ).scrape_configs[0];
  stack = await startStack({
    exporter: true,
    extraTargets: [
      { job: scrape.job_name, address: `${LOOPBACK}:${port}`, intervalSec: 5, honorLabels: scrape.honor_labels },
    ],
    rules: { ruleFiles: testRuleFiles(), evaluationIntervalSec: 5 },
  });
  mark('prometheus ready');
  const configFile = path.join(workDir, 'foresight.yaml');
  fs.writeFileSync(configFile, testConfig(stack.prometheusUrl, port));
  // One process (tsx as an import hook), so stopping it by PID stops serve itself.
  serve = startLogged(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src/headless/main.ts'), '--config', configFile],
    path.join(workDir, 'serve.log')
  );
  mark('serve started');
  serveUrl = `http://${LOOPBACK}:${port}`;
  await waitUntil(
    'serve to answer /metrics',
    async () => {
      if (serve.child.exitCode !== null) {
        throw new Error(`serve exited with ${serve.child.exitCode}: ${tail(serve.logFile, 10)}`);
      }
      return (await fetch(`${serveUrl}/metrics`)).ok;
    },
    60_000,
    500
  );
  mark('serve listening');
  await followTimeline();
});

afterAll(async () => {
  await serve?.stop();
  await stack?.stop();
  if (Object.keys(timeline).length > 0) {
    fs.mkdirSync(path.dirname(TIMELINE_FILE), { recursive: true });
    fs.writeFileSync(
      TIMELINE_FILE,
      JSON.stringify({ unit: 'seconds since the test started', ...timeline }, null, 2) + '\n'
    );
    console.log(`serve timeline (s): ${JSON.stringify(timeline)}`);
  }
  if (workDir) {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});

/** Polls serve, Prometheus's targets and alerts once a second until the capacity alert fires. */
async function followTimeline(): Promise<void> {
  await waitUntil(
    `${ALERT} to fire for ${JOB} ${BUSY.model_name}/${BUSY.model_version}`,
    async () => {
      if (serve.child.exitCode !== null) {
        throw new Error(`serve exited with ${serve.child.exitCode}: ${tail(serve.logFile, 10)}`);
      }
      if ((await (await fetch(`${serveUrl}/metrics`)).text()).includes(`${METRIC.forecast}{`)) {
        mark('first result on /metrics');
      }
      if ((await query(`up{job="foresight-serve"} == 1`)).length > 0) {
        mark('first scrape');
      }
      if ((await query(`${METRIC.forecast}{job="${JOB}"}`)).length > 0) {
        mark('first sample in Prometheus');
      }
      const mine = (await alerts()).filter((a) => a.labels.alertname === ALERT && isSeries(a.labels, BUSY));
      if (mine.length > 0) {
        mark('alert pending');
      }
      if (mine.some((a) => a.state === 'firing')) {
        mark('alert firing');
        return true;
      }
      return false;
    },
    150_000,
    1000
  );
}

it('scrapes forecasts with the job label kept (honor_labels) and sane values', async () => {
  const forecasts = await query(`${METRIC.forecast}{job="${JOB}"}`);
  expect(new Set(forecasts.map((s) => s.metric.lead))).toEqual(new Set(['5m', '15m', '30m', '1h']));
  expect(new Set(forecasts.map((s) => s.metric.band))).toEqual(
    new Set(['mean', 'lower_80', 'upper_80', 'lower_95', 'upper_95'])
  );
  expect(forecasts.every((s) => Number.isFinite(Number(s.value[1])))).toBe(true);
  // Against what happened: the 5-minute-ahead mean of every busy series is within a factor of 2 of
  // its actual now (the recording rule's series, joined on job + series labels).
  const actual = await query(`foresight:actual{job="${JOB}"}`);
  const busy = actual.filter((a) => Number(a.value[1]) > 10);
  expect(busy.length).toBeGreaterThanOrEqual(3);
  for (const a of busy) {
    const mean = forecasts.find(
      (f) =>
        f.metric.lead === '5m' &&
        f.metric.band === 'mean' &&
        isSeries(f.metric, { model_name: a.metric.model_name, model_version: a.metric.model_version })
    );
    const ratio = Number(mean?.value[1]) / Number(a.value[1]);
    expect(`${a.metric.model_version} ${ratio > 0.5 && ratio < 2}`).toBe(`${a.metric.model_version} true`);
  }
  // The bands are nested around the mean.
  const at30 = (band: string) =>
    Number(
      forecasts.find((f) => f.metric.lead === '30m' && f.metric.band === band && isSeries(f.metric, BUSY))?.value[1]
    );
  expect(at30('lower_95')).toBeLessThanOrEqual(at30('lower_80'));
  expect(at30('lower_80')).toBeLessThanOrEqual(at30('mean'));
  expect(at30('mean')).toBeLessThanOrEqual(at30('upper_80'));
  expect(at30('upper_80')).toBeLessThanOrEqual(at30('upper_95'));
});

it('scrapes recommended replicas within each job policy’s bounds', async () => {
  const bounds: Record<string, [number, number]> = { 'checkout-requests': [2, 15], [JOB]: [1, 10] };
  for (const [job, [min, max]] of Object.entries(bounds)) {
    const replicas = await query(`${METRIC.recommendedReplicas}{job="${job}"}`);
    expect(replicas.length).toBeGreaterThan(0);
    for (const r of replicas) {
      const v = Number(r.value[1]);
      expect(Number.isInteger(v) && v >= min && v <= max).toBe(true);
    }
  }
  const checkout = await query(`${METRIC.recommendedReplicas}{job="checkout-requests", service="checkout"}`);
  expect(checkout).toHaveLength(1);
});

it('fires the capacity alert for the series whose forecast crosses it, not for one that stays below', async () => {
  const mine = (await alerts()).filter((a) => a.labels.alertname === ALERT && a.labels.job === JOB);
  expect(mine.find((a) => isSeries(a.labels, BUSY))?.state).toBe('firing');
  expect(mine.find((a) => isSeries(a.labels, QUIET))).toBeUndefined();
  expect(timeline['alert pending']).toBeLessThanOrEqual(timeline['alert firing']);
  // serve is healthy and the exporter's series are live, so the staleness and error alerts stay quiet.
  const others = (await alerts()).filter((a) =>
    ['ForesightStale', 'ForesightInputStale', 'ForesightErrors', 'ForesightDown'].includes(a.labels.alertname)
  );
  expect(others).toEqual([]);
});

it('records the forecast’s track record: actuals, forecast error and band hits, joined on the series', async () => {
  await waitUntil(
    'the track-record rules to have samples',
    async () => (await query(`foresight:forecast_error:30m{job="${JOB}"}`)).length > 0,
    30_000,
    1000
  );
  const error = await query(`foresight:forecast_error:30m{job="${JOB}"}`);
  expect(error.some((s) => isSeries(s.metric, BUSY))).toBe(true);
  // Joined on job + series labels: the forecast's lead, band and the scraped instance are gone.
  const labelNames = (s: Sample) =>
    Object.keys(s.metric)
      .filter((k) => k !== '__name__')
      .sort()
      .join();
  expect(error.map(labelNames)).toEqual(error.map(() => 'job,model_name,model_version'));
  const inside = await query(`foresight:inside_band_95:30m{job="${JOB}"}`);
  expect(inside.length).toBeGreaterThan(0);
  expect(inside.every((s) => ['0', '1'].includes(s.value[1]))).toBe(true);
  // One actual per job, labelled with the job name.
  const actualJobs = (await query('foresight:actual')).map((s) => s.metric.job);
  expect(actualJobs).toEqual(expect.arrayContaining(['checkout-requests', JOB]));
});

it('parses every PromQL of deploy/ (rules, KEDA trigger, job queries) in this Prometheus', async () => {
  const failures: string[] = [];
  for (const use of deployPromql()) {
    const { status, body } = await api<unknown>(`/api/v1/query?${new URLSearchParams({ query: use.expr })}`);
    if (status !== 200 || body.status !== 'success') {
      failures.push(`${use.file} ${use.where}: HTTP ${status} ${body.error ?? ''}`);
    }
  }
  expect(failures).toEqual([]);
  // The KEDA query returns the one recommended replica count while forecasts are fresh.
  const keda = deployPromql().find((u) => u.file.includes('keda/'))!;
  const result = await query(keda.expr);
  expect(result).toHaveLength(1);
  expect(Number(result[0].value[1])).toBeGreaterThanOrEqual(2);
});

it('passes promtool check rules (syntax and lint) for every rule file of deploy/ as written', async () => {
  const ruleFiles = fs
    .readdirSync(path.join(DEPLOY_DIR, 'prometheus'))
    .filter((f) => f !== 'scrape.yaml' && f.endsWith('.yaml'))
    .map((f) => path.join(DEPLOY_DIR, 'prometheus', f));
  const { stdout } = await execFileAsync(ensurePrometheus().promtool, ['check', 'rules', ...ruleFiles]);
  expect(stdout.match(/SUCCESS/g)).toHaveLength(ruleFiles.length);
});

it('answers /healthz once every job has a fresh result', async () => {
  const res = await fetch(`${serveUrl}/healthz`);
  expect(res.status).toBe(200);
  const metrics = await (await fetch(`${serveUrl}/metrics`)).text();
  fs.mkdirSync(path.dirname(METRICS_FILE), { recursive: true });
  fs.writeFileSync(METRICS_FILE, metrics);
});

/** The sum of one metric's samples on serve's own /metrics, with the given labels among theirs. */
async function serveMetric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${serveUrl}/metrics`)).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && want.every((w) => line.includes(w)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

it('keeps the last good forecasts while Prometheus stops answering, counts the timeouts, and recovers', async () => {
  // Frozen (SIGSTOP): the port accepts connections and nothing answers, as a stuck or overloaded
  // Prometheus behaves. Each evaluation then gives up after the job's timeout (10 s here).
  const timeouts = () => serveMetric(METRIC.evaluationErrors, { job: JOB, reason: 'timeout' });
  const before = await timeouts();
  stack.pausePrometheus();
  try {
    await waitUntil('an evaluation that timed out', async () => (await timeouts()) > before, 60_000, 1000);
    // The last good forecasts stay on /metrics (alerts and KEDA keep their input), and their age grows.
    expect(await serveMetric(METRIC.forecast, { job: JOB })).toBeGreaterThan(0);
    expect(await serveMetric(METRIC.resultAge, { job: JOB })).toBeGreaterThan(10);
  } finally {
    stack.resumePrometheus();
  }
  await waitUntil('a fresh result', async () => (await serveMetric(METRIC.resultAge, { job: JOB })) < 10, 60_000, 1000);
});

it('serves the panel: the use case reads the published forecasts back through Prometheus, training nothing', async () => {
  const runner = jest.fn();
  const advisor = new QueryAdvisor({
    runner,
    modelCache: new MemoryModelCache(),
    clock: { now: () => Date.now() },
    settings: { backend: 'auto', maxSeries: 100, storage: 'indexeddb' },
  });
  const prometheus = new HttpRangeSource(stack.prometheusUrl, 30_000);
  const now = Date.now();
  const result = await advisor.run(
    withSpecDefaults({
      refId: 'A',
      // The job's own PromQL, as a user would type it in the panel.
      expr: 'sum by (model_name, model_version) (rate(model_call_count[5m]))',
      forecastFrom: 'server',
      serverJob: JOB,
      trainingStep: '1m',
      policy: { kind: 'target', capacityPerReplica: 50, minReplicas: 1, maxReplicas: 10 },
    }),
    {
      prometheus: async () => prometheus,
      slot: 'panel',
      display: { fromMs: now - 3_600_000, toMs: now, stepMs: 60_000 },
    }
  );
  expect(runner).not.toHaveBeenCalled();
  expect(result.errors).toEqual([]);
  const busy = result.series.find((s) => isSeries(s.labels, BUSY));
  expect(busy).toBeDefined();
  // Leads 5m … 1h put back on a 5-minute grid, bands nested, planned with this query's policy.
  expect(busy!.forecast.stepMs).toBe(5 * 60_000);
  expect(busy!.forecast.mean).toHaveLength(12);
  busy!.forecast.mean.forEach((m, i) => {
    expect(busy!.forecast.lower95[i]).toBeLessThanOrEqual(m);
    expect(busy!.forecast.upper95[i]).toBeGreaterThanOrEqual(m);
  });
  expect(busy!.warnings?.[0]).toMatch(/^Forecast read from the Foresight server \(job "/);
  expect(busy!.actual?.times.length).toBeGreaterThan(0);
});
