/**
 * @jest-environment node
 *
 * The deploy recipes (`deploy/`) checked without a cluster: every YAML parses; the Kubernetes
 * Deployment, Service and ConfigMap agree on names, labels, ports, paths and the `--listen` port;
 * every `serve` config passes serve's own validator; every PromQL (rules, KEDA trigger, job queries)
 * selects only metrics `serve` exposes, recording rules defined here, or the demo's metrics; and the
 * job names, `lead`/`band`/`action` values and KEDA bounds they use exist in the configs. (It lives
 * here because Jest's unit project runs `scripts/**` tests; the same files run against a real
 * Prometheus in tests/integration/serve.test.ts.)
 */
import { parseConfig, type JobConfig } from '../../src/headless/config';
import { ACTIONS, BANDS, LEAD_LADDER_MS, METRIC } from '../../src/contract/metrics';
import { parseDurationMs } from '../../src/common/duration';
import { createDemoMetrics } from '../exporter/metrics';
import { DROP_DEMO_METRIC, OUTAGE_DEMO_METRIC, STALE_DEMO_METRIC } from './demoSeries';
import { specForCsv } from './catalogue';
import {
  deployPromql,
  deployYamlFiles,
  isKind,
  isObject,
  isRuleFile,
  loadDocuments,
  serveConfigs,
  type RuleFile,
  type YamlObject,
} from './deployRecipes';
import { labelValues, metricNames } from './promql';

type K8s = YamlObject & { metadata: { name: string; labels?: Record<string, string> }; spec: YamlObject };

const files = deployYamlFiles();
const docs = files.flatMap((file) => loadDocuments(file).map((doc) => ({ file, doc })));

function only(kind: string): K8s {
  const found = docs.filter((d) => isKind(d.doc, kind));
  expect(found.map((d) => d.file)).toHaveLength(1);
  return found[0].doc as K8s;
}

function get<T>(value: unknown, ...keys: Array<string | number>): T {
  let v: unknown = value;
  for (const key of keys) {
    v = (v as Record<string | number, unknown> | undefined)?.[key];
  }
  return v as T;
}

const ruleFiles = docs.filter((d): d is { file: string; doc: RuleFile } => isRuleFile(d.doc));
const rules = ruleFiles.flatMap((d) => d.doc.groups.flatMap((g) => g.rules.map((rule) => ({ file: d.file, rule }))));
const recorded = new Set(rules.map((r) => r.rule.record).filter((r): r is string => !!r));

/** Every serve config in deploy/, validated by serve itself. */
const configs = serveConfigs(files).map((c) => ({ ...c, result: parseConfig(c.text, c.file) }));
const jobsOf = (fileStart: string): JobConfig[] =>
  configs.find((c) => c.file.startsWith(fileStart))?.result.config?.jobs ?? [];

/** The demo's metric names: the exporter's registry, and what the NAB backfill writes. */
async function demoMetricNames(): Promise<Set<string>> {
  const names = new Set<string>([STALE_DEMO_METRIC, DROP_DEMO_METRIC, OUTAGE_DEMO_METRIC]);
  const exporter = createDemoMetrics({ dayLengthSec: 86_400 }, Date.now());
  for (const m of await exporter.registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram') {
      ['_bucket', '_sum', '_count'].forEach((s) => names.add(`${m.name}${s}`));
    }
  }
  const nabStems = ['elb_request_count_x', 'nyc_taxi', 'Twitter_volume_x', 'ec2_cpu_utilization_x'];
  for (const stem of [
    ...nabStems,
    'rds_cpu_utilization_x',
    'ec2_network_in_x',
    'ec2_request_latency_x',
    'art_daily_x',
  ]) {
    const spec = specForCsv(`${stem}.csv`);
    names.add(spec.metric);
    if (spec.counter) {
      names.add(`${spec.counter}_total`);
    }
  }
  return names;
}

/** kube-state-metrics' replica count: only the in-cluster config may read it. */
const CLUSTER_METRICS = new Set(['kube_deployment_status_replicas']);
/** Prometheus's own per-target series. */
const PROMETHEUS_METRICS = new Set(['up']);

describe('deploy/ YAML', () => {
  it('parses, every file, and holds the expected recipes', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'deploy/kubernetes/deployment.yaml',
        'deploy/kubernetes/service.yaml',
        'deploy/kubernetes/configmap.yaml',
        'deploy/prometheus/scrape.yaml',
        'deploy/prometheus/alerts.yaml',
        'deploy/prometheus/recording.yaml',
        'deploy/keda/scaledobject.yaml',
        'deploy/examples/foresight.yaml',
      ])
    );
    expect(docs.every((d) => isObject(d.doc))).toBe(true);
  });
});

describe('Kubernetes Deployment, Service and ConfigMap', () => {
  const deployment = only('Deployment');
  const service = only('Service');
  const configMap = only('ConfigMap');
  const podLabels = get<Record<string, string>>(deployment.spec, 'template', 'metadata', 'labels');
  const container = get<YamlObject[]>(deployment.spec, 'template', 'spec', 'containers')[0];
  const args = get<string[]>(container, 'args');
  const argAfter = (flag: string) => args[args.indexOf(flag) + 1];
  const ports = get<Array<{ name: string; containerPort: number }>>(container, 'ports');
  /** A probe's or Service's port, by name or number, as the container port it means. */
  const containerPort = (port: unknown) =>
    typeof port === 'number' ? port : ports.find((p) => p.name === port)?.containerPort;

  it('selects its own pods: Deployment and Service selectors match the pod labels', () => {
    const matchLabels = get<Record<string, string>>(deployment.spec, 'selector', 'matchLabels');
    expect(Object.keys(matchLabels).length).toBeGreaterThan(0);
    expect(podLabels).toEqual(expect.objectContaining(matchLabels));
    const selector = get<Record<string, string>>(service.spec, 'selector');
    expect(Object.keys(selector).length).toBeGreaterThan(0);
    expect(podLabels).toEqual(expect.objectContaining(selector));
  });

  it('uses one port: --listen port = container port = Service targetPort = readiness probe port, named metrics', () => {
    const listen = argAfter('--listen');
    // The one non-loopback bind in the project: a pod must listen on its own IP.
    expect(listen).toBe('0.0.0.0:9464');
    const listenPort = Number(listen.split(':').pop());
    expect(ports).toEqual([expect.objectContaining({ name: 'metrics', containerPort: listenPort })]);
    const servicePorts = get<Array<{ name: string; port: number; targetPort: unknown }>>(service.spec, 'ports');
    expect(servicePorts).toHaveLength(1);
    expect(servicePorts[0].name).toBe('metrics');
    expect(containerPort(servicePorts[0].targetPort)).toBe(listenPort);
    const readiness = get<{ httpGet: { path: string; port: unknown } }>(container, 'readinessProbe');
    expect(readiness.httpGet.path).toBe('/healthz');
    expect(containerPort(readiness.httpGet.port)).toBe(listenPort);
    expect(containerPort(get(container, 'livenessProbe', 'tcpSocket', 'port'))).toBe(listenPort);
  });

  it('mounts the ConfigMap where --config points, and a writable volume at the config modelDir', () => {
    const mounts = get<Array<{ name: string; mountPath: string; readOnly?: boolean }>>(container, 'volumeMounts');
    const volumes = get<YamlObject[]>(deployment.spec, 'template', 'spec', 'volumes');
    const configVolume = volumes.find((v) => get(v, 'configMap', 'name') === configMap.metadata.name);
    expect(configVolume).toBeDefined();
    const configMount = mounts.find((m) => m.name === configVolume?.name);
    const configKey = Object.keys(get<YamlObject>(configMap, 'data'))[0];
    expect(argAfter('--config')).toBe(`${configMount?.mountPath}/${configKey}`);
    const config = configs.find((c) => c.file === `deploy/kubernetes/configmap.yaml#${configKey}`)?.result.config;
    const modelMount = mounts.find((m) => m.mountPath === config?.modelDir);
    expect(modelMount).toBeDefined();
    expect(modelMount?.readOnly).not.toBe(true);
    for (const mount of mounts) {
      expect(volumes.map((v) => v.name)).toContain(mount.name);
    }
  });
});

describe('serve configs in deploy/', () => {
  it('finds the example, the compose config and the ConfigMap config', () => {
    expect(configs.map((c) => c.file).sort()).toEqual([
      'deploy/compose/foresight.yaml',
      'deploy/examples/foresight.yaml',
      'deploy/kubernetes/configmap.yaml#foresight.yaml',
    ]);
  });

  it.each(configs.map((c) => [c.file, c.result] as const))('%s passes serve’s own validator', (_file, result) => {
    expect(result.errors).toEqual([]);
    expect(result.config?.jobs.length).toBeGreaterThan(0);
  });

  it('binds loopback everywhere but the pod (whose --listen flag overrides the file)', () => {
    for (const c of configs) {
      expect(`${c.file} ${c.result.config?.listen.loopback}`).toBe(`${c.file} true`);
    }
  });

  it('runs the same jobs in the example, compose and the cluster (same names, queries and policies)', () => {
    const shape = (jobs: JobConfig[]) =>
      jobs.map((j) => ({ name: j.name, query: j.query, horizon: j.horizon, policy: j.policy }));
    const example = shape(jobsOf('deploy/examples/'));
    expect(shape(jobsOf('deploy/compose/'))).toEqual(example);
    const cluster = shape(jobsOf('deploy/kubernetes/'));
    expect(cluster.length).toBeGreaterThan(0);
    expect(example).toEqual(expect.arrayContaining(cluster));
  });
});

describe('Prometheus scrape config', () => {
  const scrape = docs.find((d) => d.file === 'deploy/prometheus/scrape.yaml')?.doc;
  const job = get<YamlObject[]>(scrape, 'scrape_configs')[0];
  const service = only('Service');

  it('keeps serve’s job label (honor_labels) and keeps only the Service’s metrics port', () => {
    expect(job.honor_labels).toBe(true);
    expect(job.metrics_path).toBe('/metrics');
    const keep = get<YamlObject[]>(job, 'relabel_configs').find((r) => r.action === 'keep');
    expect(keep?.source_labels).toEqual(['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name']);
    const portName = get<Array<{ name: string }>>(service.spec, 'ports')[0].name;
    expect(keep?.regex).toBe(`${service.metadata.name};${portName}`);
  });

  it('is the job `up{job=…}` in the alerting rules refers to', () => {
    const upJobs = rules
      .filter((r) => metricNames(r.rule.expr).includes('up'))
      .flatMap((r) => labelValues(r.rule.expr, 'job'));
    expect(upJobs.length).toBeGreaterThan(0);
    expect(new Set(upJobs)).toEqual(new Set([job.job_name]));
  });

  it('in compose scrapes serve where the compose config listens, with honor_labels, and loads the rules', () => {
    const compose = docs.find((d) => d.file === 'deploy/compose/prometheus.yml')?.doc;
    const serveJob = get<YamlObject[]>(compose, 'scrape_configs').find((j) => j.job_name === job.job_name);
    expect(serveJob?.honor_labels).toBe(true);
    const listen = jobsOf('deploy/compose/').length
      ? configs.find((c) => c.file === 'deploy/compose/foresight.yaml')
      : undefined;
    const address = listen?.result.config?.listen;
    expect(get(serveJob, 'static_configs', 0, 'targets')).toEqual([`${address?.host}:${address?.port}`]);
    const loaded = get<string[]>(compose, 'rule_files').map((f) =>
      f.replace('/etc/foresight/rules/', 'deploy/prometheus/')
    );
    expect(loaded.sort()).toEqual(ruleFiles.map((r) => r.file).sort());
  });
});

describe('rules', () => {
  it('name alerts and records in Prometheus style, with for/severity/summary on every alert', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const { rule } of rules) {
      if (rule.alert) {
        expect(rule.alert).toMatch(/^Foresight[A-Z][A-Za-z]+$/);
        expect(() => parseDurationMs(rule.for ?? '', `${rule.alert}.for`)).not.toThrow();
        expect(rule.labels?.severity).toMatch(/^(info|warning|critical)$/);
        expect(rule.annotations?.summary).toBeTruthy();
      } else {
        expect(rule.record).toMatch(/^foresight:[a-z0-9_]+(:[a-z0-9_]+)*$/);
      }
    }
    expect(rules.map((r) => r.rule.alert)).toEqual(
      expect.arrayContaining(['ForesightLoadWillExceedCapacity', 'ForesightStale', 'ForesightErrors'])
    );
  });

  it('alert on a forecast crossing capacity, joined on job with a capacity recorded here', () => {
    const rule = rules.find((r) => r.rule.alert === 'ForesightLoadWillExceedCapacity')!.rule;
    expect(metricNames(rule.expr)).toEqual(['foresight:capacity', METRIC.forecast]);
    expect(rule.expr).toMatch(/on \(job\) group_left/);
    // One capacity per job, told apart by the rule's own `job` label.
    const capacities = rules.filter((r) => r.rule.record === 'foresight:capacity').map((r) => r.rule.labels?.job);
    expect(capacities.length).toBeGreaterThan(0);
    expect(new Set(capacities).size).toBe(capacities.length);
    expect(labelValues(rule.expr, 'lead')).toEqual(['30m']);
    expect(labelValues(rule.expr, 'band')).toEqual(['upper_95']);
  });

  it('record the forecast made 30 minutes ago against the actual now', () => {
    const error = rules.find((r) => r.rule.record === 'foresight:forecast_error:30m')!.rule;
    expect(error.expr).toMatch(/offset 30m/);
    expect(labelValues(error.expr, 'lead')).toEqual(['30m']);
    expect(metricNames(error.expr)).toEqual(['foresight:actual', METRIC.forecast]);
    // The scrape adds `instance` to every forecast; the join must ignore it, and the scrape config
    // must add no other target label.
    expect(error.expr).toMatch(/ignoring \(lead, band, instance\)/);
    const scrape = docs.find((d) => d.file === 'deploy/prometheus/scrape.yaml')?.doc;
    const relabels = get<YamlObject[]>(scrape, 'scrape_configs', 0, 'relabel_configs');
    expect(relabels.filter((r) => r.target_label !== undefined)).toEqual([]);
  });
});

describe('PromQL in deploy/', () => {
  const uses = deployPromql(files);
  const served = new Set<string>(Object.values(METRIC));
  const configJobNames = new Set(configs.flatMap((c) => c.result.config?.jobs.map((j) => j.name) ?? []));

  it('covers rules, the KEDA trigger and the job queries', () => {
    const where = uses.map((u) => `${u.file} ${u.where}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'deploy/prometheus/alerts.yaml alert ForesightLoadWillExceedCapacity',
        'deploy/keda/scaledobject.yaml spec.triggers[0].metadata.query',
        'deploy/examples/foresight.yaml jobs[0].query',
      ])
    );
  });

  it('selects only metrics serve exposes, recording rules defined here, or the demo’s metrics', async () => {
    const demo = await demoMetricNames();
    const unknown: string[] = [];
    for (const use of uses) {
      for (const name of metricNames(use.expr)) {
        const inCluster = use.file.startsWith('deploy/kubernetes/') && CLUSTER_METRICS.has(name);
        if (
          !served.has(name) &&
          !recorded.has(name) &&
          !demo.has(name) &&
          !PROMETHEUS_METRICS.has(name) &&
          !inCluster
        ) {
          unknown.push(`${use.file} ${use.where}: ${name}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('uses foresight_ metrics with job names the configs run and lead/band/action values serve writes', () => {
    const scrapeJob = get<string>(
      docs.find((d) => d.file === 'deploy/prometheus/scrape.yaml')?.doc,
      'scrape_configs',
      0,
      'job_name'
    );
    const bands = new Set<string>(BANDS.map((b) => b.band));
    const problems: string[] = [];
    for (const use of uses.filter((u) => !/#|foresight\.yaml$/.test(u.file))) {
      for (const job of [...labelValues(use.expr, 'job'), ...(use.labels?.job ? [use.labels.job] : [])]) {
        if (!configJobNames.has(job) && job !== scrapeJob) {
          problems.push(`${use.file} ${use.where}: job "${job}" is not a job of any serve config`);
        }
      }
      for (const lead of labelValues(use.expr, 'lead')) {
        if (!LEAD_LADDER_MS.includes(parseDurationMs(lead))) {
          problems.push(`${use.file} ${use.where}: lead "${lead}" is not on the lead ladder`);
        }
      }
      problems.push(
        ...labelValues(use.expr, 'band')
          .filter((b) => !bands.has(b))
          .map((b) => `${use.file} ${use.where}: band "${b}"`),
        ...labelValues(use.expr, 'action')
          .filter((a) => !(ACTIONS as readonly string[]).includes(a))
          .map((a) => `${use.file} ${use.where}: action "${a}"`)
      );
    }
    expect(problems).toEqual([]);
  });

  it('asks for a 30m lead only of jobs whose horizon reaches 30 minutes', () => {
    const jobs = configs.flatMap((c) => c.result.config?.jobs ?? []);
    for (const job of jobs) {
      expect(`${job.name} ${job.horizonMs >= 30 * 60_000}`).toBe(`${job.name} true`);
    }
  });
});

describe('KEDA ScaledObject', () => {
  const scaled = only('ScaledObject');
  const trigger = get<YamlObject[]>(scaled.spec, 'triggers')[0];
  const metadata = get<Record<string, string>>(trigger, 'metadata');

  it('scales a Deployment through the Prometheus scaler on the recommended replicas (threshold 1, AverageValue)', () => {
    expect(scaled.apiVersion).toBe('keda.sh/v1alpha1');
    expect(get(scaled.spec, 'scaleTargetRef', 'kind')).toBe('Deployment');
    expect(get(scaled.spec, 'scaleTargetRef', 'name')).toBeTruthy();
    expect(trigger.type).toBe('prometheus');
    // KEDA takes string metadata; fallback works only with AverageValue.
    expect(trigger.metricType).toBe('AverageValue');
    expect(new URL(metadata.serverAddress).protocol).toBe('http:');
    expect(metadata.threshold).toBe('1');
    expect(metadata.ignoreNullValues).toBe('false');
    expect(metricNames(metadata.query)).toEqual([METRIC.recommendedReplicas, METRIC.resultAge]);
  });

  it('keeps the job policy’s replica bounds and points at a job the cluster config runs', () => {
    const [job] = labelValues(metadata.query, 'job');
    const clusterJob = jobsOf('deploy/kubernetes/').find((j) => j.name === job);
    expect(clusterJob).toBeDefined();
    expect(scaled.spec.minReplicaCount).toBe(clusterJob?.policy.minReplicas);
    expect(scaled.spec.maxReplicaCount).toBe(clusterJob?.policy.maxReplicas);
    const fallback = get<number>(scaled.spec, 'fallback', 'replicas');
    expect(fallback).toBeGreaterThanOrEqual(Number(scaled.spec.minReplicaCount));
    expect(fallback).toBeLessThanOrEqual(Number(scaled.spec.maxReplicaCount));
  });
});
