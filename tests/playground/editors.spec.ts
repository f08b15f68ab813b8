/**
 * The data source's own editors, from the BUILT module, in the playground's editor pane: the query
 * editor changes the horizon and the panel follows; the config editor lists the Prometheus source.
 */
import { testIds } from '../../src/datasource/testIds';
import { DASHBOARDS, expect, forecastFrames, playgroundTestIds, test } from './fixtures';

const HOUR = 3600_000;

test('changing the horizon in the query editor re-runs the panel with the new horizon', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 2 });
  const before = forecastFrames(await playground.waitForPanel(2))[0];
  expect(before, 'a forecast before the change').toBeDefined();
  expect(before.horizonEndMs! - before.nowMs!).toBe(1 * HOUR);

  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  const horizon = editor.getByTestId(testIds.query.horizon);
  await horizon.fill('3h');
  await horizon.blur();

  await expect
    .poll(
      async () => {
        const summary = await playground.panelSummary(2);
        const frame = forecastFrames(summary)[0];
        return summary.state === 'Done' && frame ? frame.horizonEndMs! - frame.nowMs! : undefined;
      },
      { timeout: 240_000, intervals: [1000, 2000] }
    )
    .toBe(3 * HOUR);
  await playground.screenshot('editor-horizon-3h');
  expect(pageProblems.all()).toEqual([]);
});

test('the config editor lists the provisioned Prometheus source', async ({ playground, pageProblems }) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { panel: 1 });
  const config = page.getByTestId(playgroundTestIds.configEditor);
  const picker = config.getByTestId(testIds.config.prometheus);
  await expect(picker).toBeVisible();
  // The picker shows the source the provisioning file chose…
  await expect(picker).toContainText('Prometheus');
  // …and lists it among the sources it offers.
  await picker.click();
  await expect(page.getByRole('option', { name: /Prometheus/ }).first()).toBeVisible();
  await playground.screenshot('editor-config-prometheus');
  await page.keyboard.press('Escape');
  await config.getByTestId(playgroundTestIds.saveAndTest).click();
  await expect(config.getByTestId(playgroundTestIds.testResult)).toBeVisible({ timeout: 60_000 });
  expect(pageProblems.all()).toEqual([]);
});

test('asking for WebGL on a software renderer falls back to wasm and says why', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 1 });
  await playground.waitForPanel(1);
  const config = page.getByTestId(playgroundTestIds.configEditor);
  await config.getByRole('radio', { name: /webgl/i }).check();
  await config.getByTestId(playgroundTestIds.saveAndTest).click();
  await expect(config.getByTestId(playgroundTestIds.testResult)).toBeVisible({ timeout: 60_000 });

  const before = (await playground.panelSummary(1)).requestId;
  await page.getByTestId(playgroundTestIds.queryEditor).getByRole('radio', { name: 'LSTM', exact: true }).check();
  await expect
    .poll(
      async () => {
        const s = await playground.panelSummary(1);
        return s.requestId !== before && s.state === 'Done';
      },
      { timeout: 240_000, intervals: [250, 500, 1000] }
    )
    .toBe(true);
  const frame = forecastFrames(await playground.panelSummary(1))[0];
  console.log(`WebGL request in headless Chromium: backend ${frame.backend}; ${(frame.notes ?? []).join(' ')}`);
  expect(frame.backend).toBe('wasm');
  expect((frame.notes ?? []).join(' ')).toMatch(/Backend webgl is unavailable here \(.*(software renderer|WebGL).*\)/);
  expect(pageProblems.all()).toEqual([]);
});
