/**
 * What the playground server injects into the page before any module runs: Grafana's boot data
 * (read by @grafana/runtime's `config` at import time) and the playground's own listing of the
 * provisioned data sources and dashboards.
 */
export interface PlaygroundDataSourceEntry {
  name: string;
  type: string;
  uid: string;
  url: string;
  access?: string;
  isDefault?: boolean;
  jsonData?: Record<string, unknown>;
}

export interface PlaygroundDashboardEntry {
  uid: string;
  title: string;
  file: string;
}

export interface PlaygroundBoot {
  datasources: PlaygroundDataSourceEntry[];
  dashboards: PlaygroundDashboardEntry[];
  prometheusUrl: string;
}

declare global {
  interface Window {
    __FORESIGHT_PLAYGROUND__?: PlaygroundBoot;
  }
}

export function readBoot(): PlaygroundBoot {
  const boot = window.__FORESIGHT_PLAYGROUND__;
  if (!boot) {
    throw new Error('The playground boot data is missing: open the page through `npm run playground`');
  }
  return boot;
}
