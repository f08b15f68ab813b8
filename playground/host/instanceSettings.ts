/**
 * Turns provisioned data source entries into the DataSourceInstanceSettings Grafana would build,
 * with plugin meta for each type (Prometheus's is Grafana core's; Foresight's is its built plugin.json).
 */
import {
  PluginType,
  type DataSourceInstanceSettings,
  type DataSourceJsonData,
  type DataSourcePluginMeta,
} from '@grafana/data';
import type { PlaygroundDataSourceEntry } from './bootConfig';

export const PROMETHEUS_LOGO_URL = '/public/app/plugins/datasource/prometheus/img/prometheus_logo.svg';

export const prometheusMeta: DataSourcePluginMeta = {
  id: 'prometheus',
  name: 'Prometheus',
  type: PluginType.datasource,
  module: 'core:plugin/prometheus',
  baseUrl: '/public/app/plugins/datasource/prometheus',
  metrics: true,
  alerting: true,
  annotations: true,
  info: {
    author: { name: 'Grafana Labs' },
    description: 'Open source time series database & alerting (playground stand-in)',
    links: [],
    logos: { small: PROMETHEUS_LOGO_URL, large: PROMETHEUS_LOGO_URL },
    screenshots: [],
    updated: '',
    version: '',
  },
};

export function toInstanceSettings(
  entries: PlaygroundDataSourceEntry[],
  metaByType: Record<string, DataSourcePluginMeta>
): DataSourceInstanceSettings[] {
  return entries.map((entry, index) => {
    const meta = metaByType[entry.type];
    if (!meta) {
      throw new Error(`Data source "${entry.name}" has type "${entry.type}", which the playground cannot load`);
    }
    return {
      id: index + 1,
      uid: entry.uid,
      type: entry.type,
      name: entry.name,
      url: entry.url,
      access: entry.access === 'direct' ? 'direct' : 'proxy',
      isDefault: entry.isDefault === true,
      readOnly: true,
      jsonData: (entry.jsonData ?? {}) as DataSourceJsonData,
      meta,
    };
  });
}
