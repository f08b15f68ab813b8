/**
 * The forecast panel shows a forecast after training on real backfilled history, and the main
 * thread stays responsive while the model trains (longest task measured with PerformanceObserver).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FORECAST_FIELDS } from '../../src/contract/frames';
import { DASHBOARDS, SCREENSHOT_DIR, expect, forecastFrames, playgroundTestIds, test } from './fixtures';

test('the ELB panel trains on backfilled history and shows a forecast with replicas and actions', async ({
  playground,
  pageProblems,
}, testInfo) => {
  const started = Date.now();
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid);
  const summary = await playground.waitForPanel(1);
  const trainMs = Date.now() - started;
  expect(summary.errors).toEqual([]);
  const forecasts = forecastFrames(summary);
  expect(forecasts.length, JSON.stringify(summary.frames.map((f) => f.kind))).toBeGreaterThan(0);
  const frame = forecasts[0];
  // The frame contract's field names (pinned literally by src/contract/encode.test.ts).
  for (const field of Object.values(FORECAST_FIELDS)) {
    expect(frame.fields).toContain(field);
  }
  expect(frame.lastSampleMs).toBeDefined();
  expect(frame.horizonEndMs! - frame.lastSampleMs!).toBe(2 * 3600_000);
  expect(summary.frames.some((f) => f.kind === 'actions')).toBe(true);

  const pageLoadLongest = Math.max(0, ...(await playground.longTasks()));

  // Now an LSTM training run alone: open the panel's query editor, clear the long-task record, pick
  // the LSTM method (a new model fingerprint, so it really trains) and wait for the new forecast.
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 1 });
  await playground.waitForPanel(1);
  await playground.page.evaluate(() => {
    (window as unknown as { __foresightLongTasks: number[] }).__foresightLongTasks = [];
  });
  const firstRequest = (await playground.panelSummary(1)).requestId;
  const rerunStarted = Date.now();
  await playground.page
    .getByTestId(playgroundTestIds.queryEditor)
    .getByRole('radio', { name: 'LSTM', exact: true })
    .check();
  await expect
    .poll(
      async () => {
        const s = await playground.panelSummary(1);
        return s.requestId !== firstRequest && (s.state === 'Done' || s.state === 'Error');
      },
      { timeout: 240_000, intervals: [100, 250, 500] }
    )
    .toBe(true);
  const rerun = await playground.panelSummary(1);
  const rerunMs = Date.now() - rerunStarted;
  const rerunFrame = forecastFrames(rerun)[0];
  const longTasks = await playground.longTasks();
  const measurement = {
    firstLoadMs: trainMs,
    pageLoadLongestTaskMs: Math.round(pageLoadLongest),
    trainingRunMs: rerunMs,
    engineMs: rerunFrame?.trainMs,
    model: rerunFrame?.model,
    method: rerunFrame?.method,
    compute: rerunFrame?.compute,
    longTasksDuringTraining: longTasks.length,
    longestTaskDuringTrainingMs: Math.round(Math.max(0, ...longTasks)),
  };
  writeFileSync(path.join(SCREENSHOT_DIR, 'longtask-training.json'), JSON.stringify(measurement, null, 2));
  testInfo.annotations.push({ type: 'main-thread', description: JSON.stringify(measurement) });
  console.log(`Training run in the page: ${JSON.stringify(measurement)}`);
  expect(rerunFrame?.compute).toBe('worker');
  expect(rerunFrame?.method).toBe('lstm');

  // The panel draws it (uPlot renders into a canvas).
  await expect(playground.page.getByTestId(playgroundTestIds.panel(1)).locator('canvas').first()).toBeVisible();
  await playground.screenshot('forecast-predictive-scaling');
  expect(pageProblems.all()).toEqual([]);
});

test('model serving traffic forecasts every model version and advises retiring the dead one', async ({
  playground,
}) => {
  await playground.openDashboard(DASHBOARDS.modelServing.uid);
  const summary = await playground.waitForPanel(1);
  expect(summary.errors).toEqual([]);
  const names = forecastFrames(summary).map((f) => f.seriesName ?? f.name ?? '');
  expect(names.length).toBeGreaterThanOrEqual(5);
  const actions = summary.frames.filter((f) => f.kind === 'actions').flatMap((f) => f.actions ?? []);
  expect(actions).toContain('retire');
  await playground.screenshot('forecast-model-serving');
});
