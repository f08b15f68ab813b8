import { AppPage, test as base } from '@grafana/plugin-e2e';
import pluginJson from '../../plugin.json';

type AppTestFixture = {
  gotoPage: (path?: string) => Promise<AppPage>;
};

/** Fixtures for the specs that need a running Grafana (docker compose up); they do not run in CI here. */
export const test = base.extend<AppTestFixture>({
  gotoPage: async ({ gotoAppPage }, use) => {
    await use((path) => gotoAppPage({ path, pluginId: pluginJson.id }));
  },
});

export { expect } from '@grafana/plugin-e2e';
