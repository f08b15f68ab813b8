/**
 * Bounds by design, in the browser where the failure was: a 1 s step over a 2-day window with a 1 h
 * horizon used to grow the tab to ~4 GB and kill it. Now the engine's budget decides before
 * allocating: the query ends, the panel says in words what was skipped and what to change, and the
 * page lives on. The Chromium memory growth is logged (the budget itself is measured by
 * `npm run bench:memory`, not asserted here).
 */
import { execSync } from 'node:child_process';
import { testIds } from '../../src/datasource/testIds';
import { DASHBOARDS, expect, forecastFrames, playgroundTestIds, test } from './fixtures';

/** Resident memory of every Chromium process on this machine, in MB (Linux `ps`). */
function chromiumRssMb(): number {
  const out = execSync('ps -C chromium -o rss= || true').toString();
  const kb = out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
  return kb.reduce((a, b) => a + b, 0) / 1024;
}

test('step 1s over 2 days with a 1h horizon: answered within the budget, skips said in words', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 1 });
  const before = await playground.waitForPanel(1);
  const baseMb = chromiumRssMb();

  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  await editor.getByTestId(testIds.query.window).fill('2d');
  await editor.getByTestId(testIds.query.step).fill('1s');
  const horizon = editor.getByTestId(testIds.query.horizon);
  await horizon.fill('1h');
  await horizon.press('Tab');

  let peakMb = baseMb;
  let summary = before;
  await expect
    .poll(
      async () => {
        peakMb = Math.max(peakMb, chromiumRssMb());
        summary = await playground.panelSummary(1);
        return summary.requestId !== before.requestId && ['Done', 'Error'].includes(summary.state);
      },
      { timeout: 240_000, intervals: [250, 500, 1000] }
    )
    .toBe(true);
  const frame = forecastFrames(summary)[0];
  console.log(
    `1s × 2d, 1h ahead: ${summary.state}, method ${frame?.method}; Chromium RSS ${Math.round(baseMb)} → peak ${Math.round(peakMb)} MB`
  );
  expect(frame, `a forecast; errors: ${summary.errors.join(' | ')}`).toBeDefined();
  const panel = page.getByTestId(playgroundTestIds.panel(1));
  await expect(panel.getByText(/LSTM skipped: .*memory budget/).first()).toBeVisible();
  await playground.screenshot('bounds-1s-2d-1h');
  expect(pageProblems.all()).toEqual([]);
});
