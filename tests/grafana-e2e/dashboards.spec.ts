/**
 * Needs a running Grafana with this repository's provisioning (`docker compose up`); not run in CI
 * here (no Docker). The same checks run against the playground in tests/playground.
 */
import { testIds } from '../../src/datasource/testIds';
import { expect, test } from './fixtures';

const DASHBOARDS = [
  {
    file: '01-predictive-scaling.json',
    panels: ['ELB request rate: forecast and replicas', 'Checkout live traffic: forecast and replicas'],
  },
  { file: '02-model-serving-traffic.json', panels: ['Model calls per second by model and version'] },
  {
    file: '03-golden-signals.json',
    panels: [
      'Latency: p95 (seconds)',
      'Traffic: requests per second',
      'Errors: failed requests per second',
      'Saturation: CPU utilisation',
    ],
  },
];

for (const { file, panels } of DASHBOARDS) {
  test(`provisioned dashboard ${file} renders its Foresight panels without errors`, async ({
    readProvisionedDashboard,
    gotoDashboardPage,
  }) => {
    test.setTimeout(300_000);
    const dashboard = await readProvisionedDashboard({ fileName: file });
    const page = await gotoDashboardPage({ uid: dashboard.uid });
    for (const title of panels) {
      const panel = page.getPanelByTitle(title);
      await expect(panel.locator).toBeVisible();
      // Training runs in the browser: give it time, then there must be no error icon.
      await expect(panel.locator.locator('canvas').first()).toBeVisible({ timeout: 240_000 });
      await expect(panel.getErrorIcon()).toHaveCount(0);
    }
  });
}

test('the Foresight data source config lists the provisioned Prometheus and passes its test', async ({
  readProvisionedDataSource,
  gotoDataSourceConfigPage,
  page,
}) => {
  const ds = await readProvisionedDataSource({ fileName: 'datasources.yaml', name: 'Foresight' });
  const configPage = await gotoDataSourceConfigPage(ds.uid);
  await expect(page.getByTestId(testIds.config.prometheus)).toContainText('Prometheus');
  await expect(configPage.saveAndTest()).toBeOK();
});

test('the query editor changes the horizon', async ({ readProvisionedDashboard, gotoPanelEditPage, page }) => {
  test.setTimeout(300_000);
  const dashboard = await readProvisionedDashboard({ fileName: '03-golden-signals.json' });
  const editPage = await gotoPanelEditPage({ dashboard, id: '2' });
  const horizon = editPage.getQueryEditorRow('A').getByTestId(testIds.query.horizon);
  await horizon.fill('3h');
  await horizon.blur();
  await expect(editPage.panel.locator.locator('canvas').first()).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId(testIds.query.horizon)).toHaveValue('3h');
});
