/**
 * Entry of the playground page. Order matters: the server has already set `window.grafanaBootData`
 * (read by @grafana/runtime's config at import), then this registers the runtime services, loads
 * the BUILT plugin modules from dist/ through the AMD shim, and renders the dashboards.
 */
import React from 'react';
import { createRoot } from 'react-dom/client';
import { EventBusSrv, type DataSourceApi, type DataSourcePluginMeta, type PanelPlugin } from '@grafana/data';
import { setAppEvents, setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import { PrometheusStandIn } from '../../src/testing/promStandIn';
import { installAmdDefine } from './amd';
import { PlaygroundBackendSrv } from './backendSrv';
import { readBoot } from './bootConfig';
import { App } from './components/App';
import { PlaygroundDataSourceSrv } from './dataSourceSrv';
import { registerStandardOptions } from './optionRegistries';
import { provideHostModules } from './hostModules';
import { prometheusMeta, toInstanceSettings } from './instanceSettings';
import { instantiateDataSource, loadPlugins } from './plugins';
import { PlaygroundTemplateSrv } from './templateSrv';

function showFatal(message: string): void {
  const root = document.getElementById('root');
  if (root) {
    root.innerHTML = '';
    const box = document.createElement('pre');
    box.setAttribute('data-testid', 'playground-load-error');
    box.setAttribute('role', 'alert');
    box.style.cssText = 'color:#fff;background:#8b0d3a;padding:16px;margin:16px;white-space:pre-wrap';
    box.textContent = `The playground could not start:\n${message}`;
    root.appendChild(box);
  }
}

async function main(): Promise<void> {
  const boot = readBoot();
  installAmdDefine();
  provideHostModules();
  setBackendSrv(new PlaygroundBackendSrv());
  setTemplateSrv(new PlaygroundTemplateSrv());
  setAppEvents(new EventBusSrv());
  registerStandardOptions();

  const plugins = await loadPlugins();
  const foresightMeta = plugins.datasource.meta as DataSourcePluginMeta;
  const settings = toInstanceSettings(boot.datasources, {
    prometheus: prometheusMeta,
    [foresightMeta.id]: foresightMeta,
  });
  setDataSourceSrv(
    new PlaygroundDataSourceSrv(settings, {
      prometheus: async (s) => {
        // The stand-in talks to Prometheus through the server's same-origin data source proxy.
        const instance = new PrometheusStandIn({ uid: s.uid, name: s.name, prometheusUrl: s.url ?? '' });
        instance.meta = s.meta;
        // Query types differ (PromQuery vs DataQuery); the registry holds every source as the base API.
        return instance as unknown as DataSourceApi;
      },
      [foresightMeta.id]: async (s) => instantiateDataSource(plugins.datasource, s),
    })
  );

  const panelPlugins: Record<string, PanelPlugin> = { [plugins.panel.meta.id]: plugins.panel };
  const container = document.getElementById('root');
  if (!container) {
    throw new Error('The page has no #root element');
  }
  createRoot(container).render(<App boot={boot} panelPlugins={panelPlugins} />);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Playground start failed: ${message}`);
  showFatal(message);
});
