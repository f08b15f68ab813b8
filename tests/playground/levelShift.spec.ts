/**
 * A level shift on real Prometheus data: `foresight_drop_demo` is an EC2 CPU (80–97 %) whose values
 * of the last two hours are 0 ("Edge cases" dashboard, panel 2). The engine compares the methods
 * only on forecasts made since the fall (src/engine/shift.ts), so the forecast follows the new
 * level, and the panel's warning line says why in words. `foresight_outage_demo` (panel 3) is the
 * same CPU with no samples for three hours and 0 since: the level changed while nothing was
 * recorded, so the shift is counted from the start of the gap and the line names the gap.
 */
import { DASHBOARDS, expect, forecastFrames, playgroundTestIds, test } from './fixtures';

const DROP = { dashboard: DASHBOARDS.edgeCases.uid, panelId: 2 };

test('a CPU that fell to zero: the forecast follows the new level and the warning line names the shift', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DROP.dashboard, { panel: DROP.panelId });
  const summary = await playground.waitForPanel(DROP.panelId);
  const frame = forecastFrames(summary)[0];
  expect(frame, `a forecast for the dropped series; errors: ${summary.errors.join(' | ')}`).toBeDefined();
  const warnings = (frame.warnings ?? []).join(' ');
  expect(warnings).toMatch(/Level shift: every value of the last [\dhm ]+ is below the lowest of the day before/);
  // Nothing but the last value can be right after a fall to zero: the forecast stays at it.
  expect(frame.method).toBe('naive');
  // Said on the panel itself, in the visible warning line.
  const panelBox = page.getByTestId(playgroundTestIds.panel(DROP.panelId));
  await expect(panelBox.getByText(/Level shift: every value of the last/).first()).toBeVisible();
  await playground.screenshot('level-shift-drop-to-zero');
  expect(pageProblems.all()).toEqual([]);
});

const OUTAGE = { dashboard: DASHBOARDS.edgeCases.uid, panelId: 3 };

test('a CPU back from a three-hour outage at zero: the shift is counted from the gap, and the line names it', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(OUTAGE.dashboard, { panel: OUTAGE.panelId });
  const summary = await playground.waitForPanel(OUTAGE.panelId);
  const frame = forecastFrames(summary)[0];
  expect(frame, `a forecast for the series back from an outage; errors: ${summary.errors.join(' | ')}`).toBeDefined();
  const warnings = (frame.warnings ?? []).join(' ');
  // Three samples since the gap, fewer than an hour's run: without counting the gap this is a spike.
  expect(warnings).toMatch(
    /Level shift: every value since a [\dhm ]+ gap in the data is below the lowest of the day before the gap/
  );
  expect(frame.method).toBe('naive');
  const panelBox = page.getByTestId(playgroundTestIds.panel(OUTAGE.panelId));
  await expect(panelBox.getByText(/gap in the data is below the lowest/).first()).toBeVisible();
  await playground.screenshot('level-shift-after-outage');
  expect(pageProblems.all()).toEqual([]);
});
