/**
 * docker-compose.yaml cannot run here (no Docker); this checks what can be checked without it: the
 * YAML parses (with Compose's `!override` tag), every bind-mounted host path exists, named volumes
 * are declared, published ports stay on loopback, and the provisioning the Grafana container loads
 * is consistent with the plugin ids and with itself.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { REPLAY_PATH } from '../../scripts/exporter/replayMetrics';
import { REPLAY_MANIFEST } from '../../scripts/exporter/replaySource';

const ROOT = path.resolve(__dirname, '..', '..');

/** Compose's merge tags, kept as plain values for inspection. */
const COMPOSE_SCHEMA = yaml.DEFAULT_SCHEMA.extend([
  new yaml.Type('!override', { kind: 'sequence', construct: (data: unknown) => data }),
  new yaml.Type('!override', { kind: 'mapping', construct: (data: unknown) => data }),
  new yaml.Type('!reset', { kind: 'scalar', construct: () => null }),
  new yaml.Type('!reset', { kind: 'sequence', construct: () => [] }),
]);

type Service = {
  image?: string;
  build?: unknown;
  extends?: { file: string; service: string };
  volumes?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  command?: string[];
  entrypoint?: string[];
  network_mode?: string;
  depends_on?: Record<string, { condition: string }>;
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

function loadCompose(file: string): ComposeFile {
  return yaml.load(readFileSync(file, 'utf8'), { schema: COMPOSE_SCHEMA }) as ComposeFile;
}

/** `${VAR:-default}` → the default (what Compose uses when VAR is unset). */
function withDefaults(text: string): string {
  return text.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_m, _name: string, fallback?: string) => fallback ?? '');
}

function hostPathOf(volume: string): string | undefined {
  const source = withDefaults(volume).split(':')[0];
  return source.startsWith('.') || source.startsWith('/') ? source : undefined;
}

const compose = loadCompose(path.join(ROOT, 'docker-compose.yaml'));
const services = compose.services;

function pluginId(file: string): string {
  return (JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as { id: string }).id;
}

describe('docker-compose.yaml', () => {
  it('has the Grafana, history, Prometheus, exporter and serve services', () => {
    expect(Object.keys(services).sort()).toEqual(['exporter', 'grafana', 'history', 'prometheus', 'serve']);
  });

  it('mounts only host paths that exist (in this file and in the scaffold base it extends)', () => {
    const missing: string[] = [];
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const hostPath = hostPathOf(volume);
        if (hostPath && !existsSync(path.resolve(ROOT, hostPath))) {
          missing.push(`${name}: ${volume}`);
        }
      }
      if (service.extends) {
        const baseFile = path.resolve(ROOT, service.extends.file);
        expect(existsSync(baseFile)).toBe(true);
        const base = loadCompose(baseFile).services[service.extends.service];
        expect(base).toBeDefined();
        for (const volume of base.volumes ?? []) {
          const hostPath = hostPathOf(volume);
          // Paths in an extended file are relative to that file.
          if (hostPath && !existsSync(path.resolve(path.dirname(baseFile), hostPath))) {
            missing.push(`${name} (base): ${volume}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares every named volume it uses', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        if (!hostPathOf(volume)) {
          expect(declared).toContain(volume.split(':')[0]);
        }
      }
    }
  });

  it('publishes ports on the host loopback only', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) {
        expect(`${name} ${port}`).toMatch(/^\S+ 127\.0\.0\.1:/);
      }
    }
  });

  it('loads the built plugin unsigned, with all three plugin ids allowed', () => {
    const allowed = (services.grafana.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS ?? '').split(',');
    for (const file of ['src/plugin.json', 'src/datasource/plugin.json', 'src/panel/plugin.json']) {
      expect(allowed).toContain(pluginId(file));
    }
    const base = loadCompose(path.join(ROOT, '.config/docker-compose-base.yaml')).services.grafana;
    expect(base.volumes).toEqual(
      expect.arrayContaining([
        `../dist:/var/lib/grafana/plugins/${pluginId('src/plugin.json')}`,
        '../provisioning:/etc/grafana/provisioning',
      ])
    );
  });

  it('runs the backfill before Prometheus and scrapes the exporter where it listens', () => {
    expect(services.prometheus.depends_on?.history.condition).toBe('service_completed_successfully');
    expect(services.exporter.network_mode).toBe('service:prometheus');
    const scrape = prometheusConfig();
    const target = scrape.scrape_configs.find((j) => j.job_name === 'demo-service')?.static_configs[0].targets[0];
    expect(target).toBe(`127.0.0.1:${services.exporter.environment?.PORT}`);
    const entrypoint = readFileSync(path.join(ROOT, 'playground/compose/prometheus-entrypoint.sh'), 'utf8');
    expect(entrypoint).toContain('/history/history.om');
    expect(entrypoint).toContain('--storage.tsdb.retention.time=');
    expect(services.history.command).toEqual(expect.arrayContaining(['/history/history.om']));
    for (const script of ['playground/compose/writeHistory.ts', 'scripts/exporter/main.ts']) {
      expect(existsSync(path.join(ROOT, script))).toBe(true);
    }
  });

  it('continues the NAB series live: the exporter reads the folder and manifest the history was written from', () => {
    const env = services.exporter.environment ?? {};
    const mounts = (services.exporter.volumes ?? []).map((v) => withDefaults(v).split(':').slice(0, 2));
    const historyMounts = (services.history.volumes ?? []).map((v) => withDefaults(v).split(':').slice(0, 2));
    // The same NAB folder as the history service's, and the history volume holding replay.json.
    const nab = mounts.find(([, target]) => target === env.FORESIGHT_REPLAY_NAB_DIR);
    expect(nab?.[0]).toBe(historyMounts.find(([, target]) => target === '/nab')?.[0]);
    expect(mounts).toContainEqual(['history', path.dirname(env.FORESIGHT_REPLAY_MANIFEST ?? '')]);
    expect(path.basename(env.FORESIGHT_REPLAY_MANIFEST ?? '')).toBe(REPLAY_MANIFEST);
    const job = prometheusConfig().scrape_configs.find((j) => j.job_name === 'nab-replay');
    expect(job?.static_configs[0].targets[0]).toBe(`127.0.0.1:${env.PORT}`);
    expect(job?.metrics_path).toBe(REPLAY_PATH);
    expect(job?.honor_labels).toBe(true);
  });
});

/** The Prometheus config the prometheus service mounts, and the container paths it mounts things at. */
type PrometheusConfig = {
  rule_files?: string[];
  scrape_configs: Array<{
    job_name: string;
    honor_labels?: boolean;
    metrics_path?: string;
    static_configs: Array<{ targets: string[] }>;
  }>;
};

/** Host path of the bind mount of `service` whose container path is `target`. */
function hostPathMountedAt(service: Service, target: string): string | undefined {
  const volume = (service.volumes ?? []).find((v) => withDefaults(v).split(':')[1] === target);
  return volume ? hostPathOf(volume) : undefined;
}

function prometheusConfig(): PrometheusConfig {
  const file = hostPathMountedAt(services.prometheus, '/etc/foresight/prometheus.yml');
  expect(file).toBeDefined();
  return yaml.load(readFileSync(path.join(ROOT, file!), 'utf8')) as PrometheusConfig;
}

describe('the serve service (Foresight without a browser)', () => {
  const serve = services.serve;
  const configPath = '/etc/foresight/foresight.yaml';

  it('runs the service from the mounted checkout on node:20 with the mounted config, under node itself so SIGTERM reaches it', () => {
    expect(serve.image).toMatch(/^node:20\b/);
    expect(serve.command).toEqual(['node', '--import', 'tsx', 'src/headless/main.ts', '--config', configPath]);
    expect(serve.volumes).toEqual(expect.arrayContaining(['./:/repo:ro']));
    expect(hostPathMountedAt(serve, configPath)).toBe('./deploy/compose/foresight.yaml');
  });

  it('binds loopback in the prometheus container, which scrapes it there with honor_labels', () => {
    expect(serve.network_mode).toBe('service:prometheus');
    expect(serve.ports ?? []).toEqual([]);
    const config = yaml.load(readFileSync(path.join(ROOT, 'deploy/compose/foresight.yaml'), 'utf8')) as {
      listen: string;
      prometheus: { url: string };
      modelDir: string;
    };
    expect(config.listen).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(config.prometheus.url).toBe('http://127.0.0.1:9090');
    // The exporter already holds its port in the shared network namespace.
    expect(config.listen.split(':')[1]).not.toBe(services.exporter.environment?.PORT);
    const job = prometheusConfig().scrape_configs.find((j) => j.job_name === 'foresight-serve');
    expect(job?.honor_labels).toBe(true);
    expect(job?.static_configs[0].targets).toEqual([config.listen]);
    // Models persist in a named volume, so `docker compose restart` does not retrain.
    expect(serve.volumes).toEqual(expect.arrayContaining([`foresight-models:${config.modelDir}`]));
  });

  it('loads the alerting and recording rules of deploy/prometheus into the compose Prometheus', () => {
    const rulesDir = hostPathMountedAt(services.prometheus, '/etc/foresight/rules');
    expect(rulesDir).toBe('./deploy/prometheus');
    const ruleFiles = prometheusConfig().rule_files ?? [];
    expect(ruleFiles.length).toBeGreaterThan(0);
    for (const file of ruleFiles) {
      expect(file.startsWith('/etc/foresight/rules/')).toBe(true);
      expect(existsSync(path.join(ROOT, rulesDir!, path.basename(file)))).toBe(true);
    }
  });
});

describe('provisioning loaded by the Grafana container', () => {
  const provisioning = path.join(ROOT, 'provisioning');
  const datasources = (
    yaml.load(readFileSync(path.join(provisioning, 'datasources/datasources.yaml'), 'utf8')) as {
      datasources: Array<{ uid: string; type: string; url?: string; jsonData?: { prometheusUid?: string } }>;
    }
  ).datasources;

  it('points Prometheus at the compose service and Foresight at Prometheus by uid', () => {
    const prometheus = datasources.find((d) => d.type === 'prometheus');
    expect(prometheus?.url).toBe('http://prometheus:9090');
    const foresight = datasources.find((d) => d.type === pluginId('src/datasource/plugin.json'));
    expect(foresight?.jsonData?.prometheusUid).toBe(prometheus?.uid);
  });

  it('enables the app', () => {
    const apps = (
      yaml.load(readFileSync(path.join(provisioning, 'plugins/apps.yaml'), 'utf8')) as {
        apps: Array<{ type: string; disabled: boolean }>;
      }
    ).apps;
    expect(apps).toEqual([expect.objectContaining({ type: pluginId('src/plugin.json'), disabled: false })]);
  });

  it('has a dashboard provider reading the mounted folder, and five dashboards using provisioned sources', () => {
    const provider = (
      yaml.load(readFileSync(path.join(provisioning, 'dashboards/dashboards.yaml'), 'utf8')) as {
        providers: Array<{ options: { path: string } }>;
      }
    ).providers[0];
    expect(provider.options.path).toBe('/etc/grafana/provisioning/dashboards');
    const files = readdirSync(path.join(provisioning, 'dashboards')).filter((f) => f.endsWith('.json'));
    const titles: string[] = [];
    const uids = new Set(datasources.map((d) => d.uid));
    for (const file of files) {
      const dashboard = JSON.parse(readFileSync(path.join(provisioning, 'dashboards', file), 'utf8')) as {
        title: string;
        panels: Array<{
          type: string;
          datasource: { uid: string };
          targets: Array<{ expr: string; datasource?: { uid: string } }>;
        }>;
      };
      titles.push(dashboard.title);
      for (const panel of dashboard.panels) {
        expect(panel.type).toBe(pluginId('src/panel/plugin.json'));
        expect(uids.has(panel.datasource.uid)).toBe(true);
        for (const target of panel.targets) {
          expect(target.expr.length).toBeGreaterThan(0);
          expect(uids.has(target.datasource?.uid ?? panel.datasource.uid)).toBe(true);
        }
      }
    }
    expect(titles.sort()).toEqual([
      'Edge cases',
      'Forecasts from the Foresight server',
      'Golden signals',
      'Model serving traffic',
      'Predictive scaling',
    ]);
  });
});
