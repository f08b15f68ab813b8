/**
 * Loads the BUILT plugin modules from dist/ (served under Grafana's plugin public paths) through the
 * AMD shim, and checks they export what Grafana expects of each plugin type.
 */
import {
  AppPlugin,
  DataSourcePlugin,
  PanelPlugin,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourcePluginMeta,
  type PanelPluginMeta,
} from '@grafana/data';
import { loadAmdModule } from './amd';

export const APP_ID = 'foresight-forecast-app';
export const APP_BASE_URL = `/public/plugins/${APP_ID}`;
export const DATASOURCE_BASE_URL = `${APP_BASE_URL}/datasource`;
export const PANEL_BASE_URL = `${APP_BASE_URL}/panel`;

export interface LoadedPlugins {
  app: AppPlugin;
  datasource: DataSourcePlugin<DataSourceApi>;
  panel: PanelPlugin;
}

function exportedPlugin(moduleExports: unknown, url: string): unknown {
  const plugin = (moduleExports as { plugin?: unknown } | undefined)?.plugin;
  if (!plugin) {
    throw new Error(`${url} does not export "plugin"`);
  }
  return plugin;
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`Could not load ${url} (${response.status}): is dist/ built (npm run build)?`);
  }
  return (await response.json()) as T;
}

/** plugin.json of a built plugin with the paths Grafana adds when it serves it. */
export async function loadPluginMeta<T extends DataSourcePluginMeta | PanelPluginMeta>(baseUrl: string): Promise<T> {
  const json = await fetchJson<T>(`${baseUrl}/plugin.json`);
  const logos = json.info?.logos ?? { small: '', large: '' };
  return {
    ...json,
    baseUrl,
    module: `${baseUrl}/module.js`,
    info: {
      ...json.info,
      logos: { small: `${baseUrl}/${logos.small}`, large: `${baseUrl}/${logos.large}` },
    },
  };
}

export async function loadPlugins(): Promise<LoadedPlugins> {
  // Order as Grafana: the app first (it owns the nested plugins), then the nested ones.
  const appUrl = `${APP_BASE_URL}/module.js`;
  const dsUrl = `${DATASOURCE_BASE_URL}/module.js`;
  const panelUrl = `${PANEL_BASE_URL}/module.js`;
  const app = exportedPlugin(await loadAmdModule(appUrl), appUrl);
  const [datasource, panel] = await Promise.all([
    loadAmdModule(dsUrl).then((m) => exportedPlugin(m, dsUrl)),
    loadAmdModule(panelUrl).then((m) => exportedPlugin(m, panelUrl)),
  ]);
  if (!(app instanceof AppPlugin)) {
    throw new Error(`${appUrl}: "plugin" is not an AppPlugin from the host's @grafana/data`);
  }
  if (!(datasource instanceof DataSourcePlugin)) {
    throw new Error(`${dsUrl}: "plugin" is not a DataSourcePlugin from the host's @grafana/data`);
  }
  if (!(panel instanceof PanelPlugin)) {
    throw new Error(`${panelUrl}: "plugin" is not a PanelPlugin from the host's @grafana/data`);
  }
  const [dsMeta, panelMeta] = await Promise.all([
    loadPluginMeta<DataSourcePluginMeta>(DATASOURCE_BASE_URL),
    loadPluginMeta<PanelPluginMeta>(PANEL_BASE_URL),
  ]);
  datasource.meta = dsMeta;
  panel.meta = panelMeta;
  return { app, datasource: datasource as DataSourcePlugin<DataSourceApi>, panel };
}

/** Builds an instance the way Grafana's DatasourceSrv does: class + components + meta. */
export function instantiateDataSource(
  plugin: DataSourcePlugin<DataSourceApi>,
  settings: DataSourceInstanceSettings
): DataSourceApi {
  const instance = new plugin.DataSourceClass(settings);
  instance.components = plugin.components;
  instance.meta = settings.meta;
  return instance;
}
