/**
 * Failures a user meets are readable: a bad PromQL expression shows Prometheus's own message; a
 * Prometheus outage (connection refused) and a Prometheus that accepts connections and never answers
 * (frozen with SIGSTOP, as an overloaded or stuck server behaves) each show a clear error over the
 * previous forecast, and the panel recovers when Prometheus is back.
 * These tests stop or freeze the shared Prometheus and always bring it back (same port, same data),
 * so the tests after them see the same server.
 */
import { testIds } from '../../src/datasource/testIds';
import { DASHBOARDS, expect, forecastFrames, playgroundTestIds, test } from './fixtures';

test("a bad PromQL expression gives Prometheus's message", async ({ playground }) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { panel: 2 });
  await playground.waitForPanel(2);
  const expr = page.getByTestId(playgroundTestIds.queryEditor).getByTestId(testIds.query.expr);
  await expr.fill('sum(rate(http_requests_total{service="checkout"}[5m])');
  await expr.blur();
  const error = page.getByTestId(playgroundTestIds.panelError(2));
  // Prometheus's parser message, e.g. "1:54: parse error: unclosed left parenthesis".
  await expect(error).toContainText(/parse error/i, { timeout: 120_000 });
  await playground.screenshot('error-bad-promql');
});

test('a Prometheus outage gives a readable error, and the panel recovers when it returns', async ({
  playground,
  prometheus,
}) => {
  test.skip(!prometheus.available, 'needs the playground started by the test setup (control hooks)');
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { panel: 4 });
  await playground.waitForPanel(4);
  await prometheus.stop();
  try {
    await page.getByTestId(playgroundTestIds.runQuery).click();
    const error = page.getByTestId(playgroundTestIds.panelError(4));
    await expect(error).toContainText(/unreachable|connection refused|Bad Gateway|502/i, { timeout: 120_000 });
    await playground.screenshot('error-prometheus-down');
  } finally {
    await prometheus.start();
  }
  await page.getByTestId(playgroundTestIds.runQuery).click();
  await expect(page.getByTestId(playgroundTestIds.panelError(4))).toHaveCount(0, { timeout: 240_000 });
  const recovered = await playground.waitForPanel(4);
  expect(recovered.errors).toEqual([]);
  expect(forecastFrames(recovered).length).toBeGreaterThan(0);
  await playground.screenshot('error-prometheus-recovered');
});

test('a Prometheus that stops answering: the panel says it timed out after the set timeout, and recovers', async ({
  playground,
  prometheus,
}) => {
  test.skip(!prometheus.available, 'needs the playground started by the test setup (control hooks)');
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { panel: 4 });
  await playground.waitForPanel(4);
  // The default timeout is a minute; a user who wants to know sooner sets it in the data source.
  const settings = page.getByTestId(playgroundTestIds.configEditor);
  const timeout = settings.getByTestId(testIds.config.requestTimeout);
  await timeout.fill('5s');
  await timeout.blur();
  await settings.getByTestId(playgroundTestIds.saveAndTest).click();
  await expect(page.getByTestId(playgroundTestIds.testResult)).toContainText(/ready|success|working/i, {
    timeout: 30_000,
  });
  await prometheus.pause();
  try {
    await page.getByTestId(playgroundTestIds.runQuery).click();
    const error = page.getByTestId(playgroundTestIds.panelError(4));
    await expect(error).toContainText('timed out after 5 s', { timeout: 60_000 });
    await expect(error).toContainText('raise the timeout in the data source settings');
    // The chart keeps the last forecast, and the warning line's first words say so.
    await expect(
      page.getByTestId(playgroundTestIds.panel(4)).getByText('Error (showing the previous forecast): Prometheus')
    ).toBeVisible();
    await playground.screenshot('error-prometheus-stuck');
  } finally {
    await prometheus.resume();
  }
  await page.getByTestId(playgroundTestIds.runQuery).click();
  await expect(page.getByTestId(playgroundTestIds.panelError(4))).toHaveCount(0, { timeout: 120_000 });
  const recovered = await playground.waitForPanel(4);
  expect(recovered.errors).toEqual([]);
  expect(forecastFrames(recovered).length).toBeGreaterThan(0);
});
