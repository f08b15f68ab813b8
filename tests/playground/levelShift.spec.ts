/**
 * A level shift on real Prometheus data: `foresight_drop_demo` is an EC2 CPU (80–97 %) whose values
 * of the last two hours are 0 ("Edge cases" dashboard, panel 2). The engine compares the methods
 * only on forecasts made since the fall (src/engine/shift.ts), so the forecast follows the new
 * level, and the panel's warning line says why in words. `foresight_outage_demo` (panel 3) is the
 * same CPU with no samples for three hours and 0 since: the level changed while nothing was
 * recorded, so the shift is counted from the start of the gap and the line names the gap (and says
 * that the gap's points were filled and left out of training). A series
 * that fell minutes ago, too recently for a level shift, shows the last value too (excursion.ts),
 * and the line says that and what it replaced.
 */
import { testIds } from '../../src/datasource/testIds';
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
  // The outage's points are filled from the day before and left out of training: said, not hidden on the card.
  const panelBox = playground.page.getByTestId(playgroundTestIds.panel(3));
  await expect(
    panelBox.getByText(/\d+ missing points in gaps longer than 1h: filled from the day before/).first()
  ).toBeVisible();
  await playground.screenshot('level-shift-after-outage');
  expect(pageProblems.all()).toEqual([]);
});

test('checkout traffic that fell to zero 30 minutes ago: too recent for a level shift, the last value is shown and the line says why', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 2 });
  const before = (await playground.waitForPanel(2)).requestId;
  // The live checkout rate, multiplied by 0 from 30 minutes ago on (PromQL, run by the real
  // Prometheus): at the panel's 5-minute step that is 5 or 6 samples at 0, below anything before
  // them, and fewer than the hour the level-shift rule waits for.
  const cut = Math.floor(Date.now() / 1000) - 30 * 60;
  const expr = page.getByTestId(playgroundTestIds.queryEditor).getByTestId(testIds.query.expr);
  await expr.fill(`sum(rate(http_requests_total{service="checkout"}[2m])) * (time() < bool ${cut})`);
  await expr.blur();
  const summary = await playground.waitForNextRun(2, before);
  const frame = forecastFrames(summary)[0];
  expect(frame, `a forecast; errors: ${summary.errors.join(' | ')}`).toBeDefined();
  expect(frame.method).toBe('naive');
  expect((frame.warnings ?? []).join(' ')).toMatch(
    /Sudden fall: every value of the last [\dhm ]+ is below the lowest value before it, too recent to call a level shift \(that takes 1h\), so the last value \(naive\) is shown instead of .+ until the values hold there or come back\./
  );
  const panelBox = page.getByTestId(playgroundTestIds.panel(2));
  await expect(panelBox.getByText(/Sudden fall: every value of the last/).first()).toBeVisible();
  await playground.screenshot('excursion-fall-30m-ago');
  expect(pageProblems.all()).toEqual([]);
});
