/**
 * A private provisioning folder in Grafana's format (the playground's loaders read it): the
 * Prometheus and Foresight data sources (Foresight allowed 100 series per query), and one dashboard
 * per method, each with one Foresight panel on the benchmark's selector.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

export const PANEL_ID = 1;
export const FORESIGHT_UID = 'foresight';

export type BenchMethod = 'auto' | 'naive';

/** What the benchmark's panel asks for: a realistic first dashboard on 5-minute data. */
export const QUERY_SETTINGS = { trainingWindow: '7d', trainingStep: '5m', horizon: '1h' } as const;

export function dashboardUid(method: BenchMethod): string {
  return `bench-browser-${method}`;
}

function dashboard(method: BenchMethod, selector: string): Record<string, unknown> {
  const datasource = { type: 'foresight-lstm-datasource', uid: FORESIGHT_UID };
  return {
    uid: dashboardUid(method),
    title: `Browser benchmark: 100 series, method ${method}`,
    schemaVersion: 41,
    version: 1,
    timezone: 'utc',
    time: { from: 'now-1d', to: 'now' },
    panels: [
      {
        id: PANEL_ID,
        type: 'foresight-forecast-panel',
        title: `${selector}, method ${method}`,
        gridPos: { x: 0, y: 0, w: 24, h: 14 },
        datasource,
        targets: [
          {
            refId: 'A',
            datasource,
            schemaVersion: 2,
            expr: selector,
            legendFormat: '{{instance}}',
            ...QUERY_SETTINGS,
            method,
            modelMode: 'train',
          },
        ],
        options: {},
        fieldConfig: { defaults: {}, overrides: [] },
      },
    ],
  };
}

export function writeProvisioning(dir: string, selector: string, maxSeries: number): void {
  mkdirSync(path.join(dir, 'datasources'), { recursive: true });
  mkdirSync(path.join(dir, 'dashboards'), { recursive: true });
  const datasources = {
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        type: 'prometheus',
        uid: 'prometheus',
        access: 'proxy',
        url: 'http://prometheus:9090',
        isDefault: true,
        jsonData: { httpMethod: 'POST', timeInterval: '5s' },
      },
      {
        name: 'Foresight',
        type: 'foresight-lstm-datasource',
        uid: FORESIGHT_UID,
        access: 'proxy',
        jsonData: { prometheusUid: 'prometheus', maxSeries },
      },
    ],
  };
  writeFileSync(path.join(dir, 'datasources', 'datasources.yaml'), yaml.dump(datasources));
  for (const method of ['auto', 'naive'] as const) {
    writeFileSync(
      path.join(dir, 'dashboards', `${dashboardUid(method)}.json`),
      `${JSON.stringify(dashboard(method, selector), null, 2)}\n`
    );
  }
}
