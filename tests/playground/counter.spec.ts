/**
 * A counter read without rate() on real Prometheus data: `http_requests_total` as people sometimes
 * type it ("Edge cases" dashboard, panel 4). Its forecast is a running total, so the data source
 * plans no replicas and no actions from it (src/advisor/counter.ts) and the panel's warning line
 * says why, with the PromQL that fixes it.
 */
import { DASHBOARDS, expect, forecastFrames, playgroundTestIds, test } from './fixtures';

const COUNTER_PANEL = 4;

test('a counter read without rate(): the warning line says so and gives the fix, and nothing is planned', async ({
  playground,
  pageProblems,
}) => {
  await playground.openDashboard(DASHBOARDS.edgeCases.uid, { panel: COUNTER_PANEL });
  const summary = await playground.waitForPanel(COUNTER_PANEL);
  const frame = forecastFrames(summary)[0];
  expect(frame, `a forecast of the running total; errors: ${summary.errors.join(' | ')}`).toBeDefined();
  expect(frame.warnings?.[0]).toMatch(/^This series never falls: it looks like a counter read without rate\(\)/);
  expect(frame.warnings?.[0]).toContain('rate(http_requests_total[5m])');
  expect(frame.fields).not.toContain('recommended_replicas');
  expect(summary.frames.find((f) => f.kind === 'actions')?.actions ?? []).toEqual([]);
  // Said on the panel itself, in the visible warning line.
  const panelBox = playground.page.getByTestId(playgroundTestIds.panel(COUNTER_PANEL));
  await expect(panelBox.getByText(/looks like a counter read without rate\(\)/).first()).toBeVisible();
  await playground.screenshot('counter-without-rate');
  expect(pageProblems.all()).toEqual([]);
});
