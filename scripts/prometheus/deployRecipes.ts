/**
 * Reads the deploy recipes (`deploy/`): every YAML document, the rule groups, the KEDA trigger
 * queries and the `serve` configs (including the one inside the Kubernetes ConfigMap), and lists
 * every PromQL expression they hold with where it came from. Shared by the recipe test (names,
 * ports, selectors, metric names) and the integration test (each expression run against a real
 * Prometheus). js-yaml's default schema: plain data only.
 */
import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import { REPO_ROOT } from '../lib/paths';

export const DEPLOY_DIR = path.join(REPO_ROOT, 'deploy');

export type YamlObject = Record<string, unknown>;

export interface PromqlUse {
  /** Path relative to the repository root. */
  file: string;
  /** Where in the file: `alert ForesightStale`, `record foresight:actual #2`, `jobs[0].query`. */
  where: string;
  expr: string;
  /** A recording or alerting rule's own labels (`job` of a per-job recording rule). */
  labels?: Record<string, string>;
}

export interface RuleFile {
  groups: Array<{ name: string; interval?: string; rules: Rule[] }>;
}

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A `serve` config found in deploy/: a file of its own, or the text inside a ConfigMap. */
export interface ServeConfigText {
  file: string;
  text: string;
}

export function isObject(v: unknown): v is YamlObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every `.yaml`/`.yml` file under deploy/, sorted, relative to the repository root. */
export function deployYamlFiles(dir = DEPLOY_DIR): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/\.ya?ml$/.test(entry.name)) {
        found.push(path.relative(REPO_ROOT, full));
      }
    }
  };
  walk(dir);
  return found.sort();
}

/** All documents of a (possibly multi-document) YAML file. */
export function loadDocuments(file: string): unknown[] {
  return yaml.loadAll(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), undefined, { filename: file });
}

export function isRuleFile(doc: unknown): doc is RuleFile {
  return isObject(doc) && Array.isArray(doc.groups);
}

export function isKind(doc: unknown, kind: string): doc is YamlObject {
  return isObject(doc) && doc.kind === kind;
}

/** Serve configs: files with top-level `jobs`, and every `*.yaml` key of a ConfigMap's data. */
export function serveConfigs(files = deployYamlFiles()): ServeConfigText[] {
  const configs: ServeConfigText[] = [];
  for (const file of files) {
    for (const doc of loadDocuments(file)) {
      if (isObject(doc) && Array.isArray(doc.jobs)) {
        configs.push({ file, text: fs.readFileSync(path.join(REPO_ROOT, file), 'utf8') });
      } else if (isKind(doc, 'ConfigMap') && isObject(doc.data)) {
        for (const [key, text] of Object.entries(doc.data)) {
          if (/\.ya?ml$/.test(key) && typeof text === 'string') {
            configs.push({ file: `${file}#${key}`, text });
          }
        }
      }
    }
  }
  return configs;
}

function jobsOf(text: string): YamlObject[] {
  const doc = yaml.load(text);
  return isObject(doc) && Array.isArray(doc.jobs) ? doc.jobs.filter(isObject) : [];
}

/** Every PromQL expression in deploy/: rules, KEDA Prometheus triggers, serve job queries. */
export function deployPromql(files = deployYamlFiles()): PromqlUse[] {
  const uses: PromqlUse[] = [];
  for (const file of files) {
    for (const doc of loadDocuments(file)) {
      if (isRuleFile(doc)) {
        const seen = new Map<string, number>();
        for (const rule of doc.groups.flatMap((g) => g.rules)) {
          const name = rule.alert ? `alert ${rule.alert}` : `record ${rule.record}`;
          const n = (seen.get(name) ?? 0) + 1;
          seen.set(name, n);
          uses.push({ file, where: n > 1 ? `${name} #${n}` : name, expr: rule.expr, labels: rule.labels });
        }
      } else if (isKind(doc, 'ScaledObject')) {
        const spec = isObject(doc.spec) ? doc.spec : {};
        const triggers = Array.isArray(spec.triggers) ? spec.triggers.filter(isObject) : [];
        triggers.forEach((t, i) => {
          const query = isObject(t.metadata) ? t.metadata.query : undefined;
          if (t.type === 'prometheus' && typeof query === 'string') {
            uses.push({ file, where: `spec.triggers[${i}].metadata.query`, expr: query });
          }
        });
      }
    }
  }
  for (const config of serveConfigs(files)) {
    jobsOf(config.text).forEach((job, i) => {
      for (const key of ['query', 'currentReplicasQuery']) {
        if (typeof job[key] === 'string') {
          uses.push({ file: config.file, where: `jobs[${i}].${key}`, expr: job[key] });
        }
      }
    });
  }
  return uses;
}
