/**
 * A level shift on real Prometheus data: `foresight_drop_demo` is an EC2 CPU (80–97 %) whose values
 * of the last two hours are 0 ("Edge cases" dashboard, panel 2). The engine compares the methods
 * only on forecasts made since the fall (src/engine/shift.ts), so the forecast follows the new
 * level, and the panel's warning line says why in words. `foresight_outage_demo` (panel 3) is the
 * same CPU with no samples for three hours and 0 since: the level changed while nothing was
 * recorded, so the shift is counted from the start of the gap and the line names the gap.
 */
import { DASHBOARDS, expect, forecastFrames, type Playground, playgroundTestIds, test } from './fixtures';

/**
 * Opens one Edge cases panel and checks what both level-shift demos must show: a forecast, the
 * shift sentence (`sentence`) in the frame's warnings and visibly on the panel (`visible`), and the
 * last value (naive) as the forecast, since nothing else can be right right after the jump.
 */
async function expectShiftShown(
  playground: Playground,
  panelId: number,
  what: string,
  sentence: RegExp,
  visible: RegExp
): Promise<void> {
  await playground.openDashboard(DASHBOARDS.edgeCases.uid, { panel: panelId });
  const summary = await playground.waitForPanel(panelId);
  const frame = forecastFrames(summary)[0];
  expect(frame, `a forecast for ${what}; errors: ${summary.errors.join(' | ')}`).toBeDefined();
  expect((frame.warnings ?? []).join(' ')).toMatch(sentence);
  expect(frame.method).toBe('naive');
  // Said on the panel itself, in the visible warning line.
  const panelBox = playground.page.getByTestId(playgroundTestIds.panel(panelId));
  await expect(panelBox.getByText(visible).first()).toBeVisible();
}

test('a CPU that fell to zero: the forecast follows the new level and the warning line names the shift', async ({
  playground,
  pageProblems,
}) => {
  await expectShiftShown(
    playground,
    2,
    'the dropped series',
    /Level shift: every value of the last [\dhm ]+ is below the lowest of the day before/,
    /Level shift: every value of the last/
  );
  await playground.screenshot('level-shift-drop-to-zero');
  expect(pageProblems.all()).toEqual([]);
});

test('a CPU back from a three-hour outage at zero: the shift is counted from the gap, and the line names it', async ({
  playground,
  pageProblems,
}) => {
  // Three samples since the gap, fewer than an hour's run: without counting the gap this is a spike.
  await expectShiftShown(
    playground,
    3,
    'the series back from an outage',
    /Level shift: every value since a [\dhm ]+ gap in the data is below the lowest of the day before the gap/,
    /gap in the data is below the lowest/
  );
  await playground.screenshot('level-shift-after-outage');
  expect(pageProblems.all()).toEqual([]);
});
