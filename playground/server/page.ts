/**
 * The playground's HTML page: boot data for @grafana/runtime (read at import time, so it must be
 * set before the host bundle runs) and the playground's own listing, then the host bundle.
 */
import type { DashboardSummary, PlaygroundDataSource } from './provisioning';

/** JSON safe to inline in a `<script>`: no `</script>` or `<!--` can close or confuse it. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export interface PageInput {
  datasources: PlaygroundDataSource[];
  dashboards: DashboardSummary[];
  prometheusUrl: string;
  grafanaVersion: string;
}

export function grafanaBootData(input: PageInput): Record<string, unknown> {
  const defaultDs = input.datasources.find((d) => d.isDefault) ?? input.datasources[0];
  return {
    settings: {
      appSubUrl: '',
      defaultDatasource: defaultDs?.uid ?? '',
      minRefreshInterval: '5s',
      featureToggles: {},
      datasources: {},
      panels: {},
      apps: {},
      buildInfo: {
        version: input.grafanaVersion,
        commit: 'playground',
        env: 'production',
        edition: 'Open Source',
        latestVersion: '',
        hasUpdate: false,
        hideVersion: false,
      },
    },
    user: {
      id: 1,
      uid: 'playground',
      login: 'playground',
      name: 'Playground',
      email: '',
      isSignedIn: true,
      orgId: 1,
      orgName: 'Main Org.',
      orgRole: 'Admin',
      timezone: 'browser',
      weekStart: 'browser',
      locale: 'en-US',
      language: 'en-US',
      regionalFormat: 'en-US',
      // Replaced in the page from the URL (?theme=light) before any module runs.
      theme: 'dark',
      lightTheme: false,
      permissions: {},
    },
    navTree: [],
    assets: { dark: '', light: '' },
  };
}

export function renderPage(input: PageInput, hostScript: string, hostCss: string): string {
  const playground = {
    datasources: input.datasources,
    dashboards: input.dashboards,
    prometheusUrl: input.prometheusUrl,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Foresight playground</title>
<link rel="icon" href="data:,">
<style>body { margin: 0; }</style>
${hostCss ? `<link rel="stylesheet" href="${hostCss}">` : ''}
<script>
window.__grafana_public_path__ = '/public/';
window.grafanaBootData = ${inlineJson(grafanaBootData(input))};
(function () {
  var light = new URLSearchParams(window.location.search).get('theme') === 'light';
  window.grafanaBootData.user.theme = light ? 'light' : 'dark';
  window.grafanaBootData.user.lightTheme = light;
})();
window.__FORESIGHT_PLAYGROUND__ = ${inlineJson(playground)};
</script>
</head>
<body>
<div id="root"></div>
<script src="${hostScript}"></script>
</body>
</html>
`;
}
