/**
 * The panel showing forecasts a Foresight server published (issue 11 item 7): the playground runs
 * `serve` on the example jobs and its Prometheus scrapes it. The data source reads the published
 * forecasts back through Prometheus, so nothing trains in this browser; the warning line says where
 * the forecast came from, and it is drawn with its bands and replicas next to the actuals.
 */
import { panelTestIds } from '../../src/panel/testIds';
import { DASHBOARDS, expect, forecastFrames, playgroundTestIds, test } from './fixtures';

test('a dashboard of server forecasts trains nothing here and says where its forecasts came from', async ({
  playground,
  pageProblems,
}) => {
  const started = Date.now();
  await playground.openDashboard(DASHBOARDS.serverForecasts.uid, { panel: 2 });
  const summary = await playground.waitForPanel(2, 60_000);
  console.log(`server forecasts shown ${Date.now() - started} ms after opening the page`);
  expect(summary.errors).toEqual([]);
  const forecasts = forecastFrames(summary);
  // One per model version the demo serves, each with the published leads put back on a grid.
  expect(forecasts.length).toBeGreaterThanOrEqual(3);
  for (const f of forecasts) {
    expect(f.forecastPoints).toBe(12);
    expect(f.model).toBeUndefined(); // no model ran in this browser
    expect(f.warnings?.[0]).toMatch(/^Forecast read from the Foresight server \(job "model-serving", evaluated/);
  }
  const panel = playground.page.getByTestId(playgroundTestIds.panel(2));
  await expect(panel.getByTestId(panelTestIds.warning).first()).toContainText(
    'Forecast read from the Foresight server'
  );
  await expect(panel.getByTestId(panelTestIds.chart)).toBeVisible();
  await playground.screenshot('server-forecasts');
  expect(pageProblems.all()).toEqual([]);
});
