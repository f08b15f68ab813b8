/**
 * Reads the provisioning files Grafana loads (`provisioning/datasources/*.yaml`,
 * `provisioning/dashboards/*.json`) and turns them into what the playground page needs. The same
 * files serve both, so the playground shows exactly what a real Grafana would be provisioned with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

/** A data source entry as Grafana's provisioning format writes it. */
export interface ProvisionedDataSource {
  name: string;
  type: string;
  uid: string;
  url?: string;
  access?: string;
  isDefault?: boolean;
  jsonData?: Record<string, unknown>;
}

/** What the page receives: the entry plus the URL the browser must use (the same-origin proxy). */
export interface PlaygroundDataSource extends ProvisionedDataSource {
  url: string;
}

export interface DashboardSummary {
  uid: string;
  title: string;
  file: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one datasources provisioning file; throws a specific error naming the file and entry. */
export function parseDataSourcesYaml(text: string, file: string): ProvisionedDataSource[] {
  const doc = yaml.load(text);
  if (!isRecord(doc) || !Array.isArray(doc.datasources)) {
    throw new Error(`${file}: expected a top-level "datasources" list`);
  }
  return doc.datasources.map((entry: unknown, index: number) => {
    if (
      !isRecord(entry) ||
      typeof entry.name !== 'string' ||
      typeof entry.type !== 'string' ||
      typeof entry.uid !== 'string'
    ) {
      throw new Error(`${file}: datasources[${index}] needs string "name", "type" and "uid"`);
    }
    return {
      name: entry.name,
      type: entry.type,
      uid: entry.uid,
      url: typeof entry.url === 'string' ? entry.url : undefined,
      access: typeof entry.access === 'string' ? entry.access : undefined,
      isDefault: entry.isDefault === true,
      jsonData: isRecord(entry.jsonData) ? entry.jsonData : {},
    };
  });
}

function listFiles(dir: string, extensions: string[]): string[] {
  return readdirSync(dir)
    .filter((name) => extensions.includes(path.extname(name).toLowerCase()))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * The provisioned data sources as the page sees them: a proxy-access Prometheus gets the
 * data source proxy path Grafana would give it, which the playground server forwards to the real
 * Prometheus.
 */
export function loadDataSources(provisioningDir: string): PlaygroundDataSource[] {
  const dir = path.join(provisioningDir, 'datasources');
  const all = listFiles(dir, ['.yaml', '.yml']).flatMap((file) =>
    parseDataSourcesYaml(readFileSync(file, 'utf8'), file)
  );
  return all.map((ds) => ({
    ...ds,
    url: ds.type === 'prometheus' ? `/api/datasources/proxy/uid/${ds.uid}` : (ds.url ?? ''),
  }));
}

/** Every dashboard JSON file, checked for the fields the page relies on. */
export function loadDashboards(
  provisioningDir: string
): Array<{ summary: DashboardSummary; json: Record<string, unknown> }> {
  const dir = path.join(provisioningDir, 'dashboards');
  return listFiles(dir, ['.json']).map((file) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
    }
    if (
      !isRecord(json) ||
      typeof json.uid !== 'string' ||
      typeof json.title !== 'string' ||
      !Array.isArray(json.panels)
    ) {
      throw new Error(`${file}: a dashboard needs string "uid", "title" and a "panels" list`);
    }
    return { summary: { uid: json.uid, title: json.title, file: path.basename(file) }, json };
  });
}
