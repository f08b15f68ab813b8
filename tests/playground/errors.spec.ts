/**
 * Failures a user meets are readable: a bad PromQL expression shows Prometheus's own message, a query
 * of native histograms says what to write instead; a
 * Prometheus outage (connection refused) and a Prometheus that accepts connections and never answers
 * (frozen with SIGSTOP, as an overloaded or stuck server behaves) each show a clear error over the
 * previous forecast, and the panel recovers when Prometheus is back.
 * These tests stop or freeze the shared Prometheus and always bring it back (same port, same data),
 * so the tests after them see the same server.
 */
import { HISTOGRAM_DEMO_METRIC } from '../../scripts/prometheus/stack';
import { testIds } from '../../src/datasource/testIds';
import { panelTestIds } from '../../src/panel/testIds';
import { DASHBOARDS, expect, forecastFrames, playgroundTestIds, test, type Playground } from './fixtures';

test("a bad PromQL expression gives Prometheus's message, alone: not over the last query's forecast", async ({
  playground,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { panel: 2 });
  await playground.waitForPanel(2);
  const expr = page.getByTestId(playgroundTestIds.queryEditor).getByTestId(testIds.query.expr);
  await expr.fill('sum(rate(http_requests_total{service="checkout"}[5m])');
  await expr.blur();
  const error = page.getByTestId(playgroundTestIds.panelError(2));
  // Prometheus's parser message, e.g. "1:54: parse error: unclosed left parenthesis".
  await expect(error).toContainText(/parse error/i, { timeout: 120_000 });
  // the edited query's error, not a refresh's: the forecast of the query before the edit is gone
  const panel = page.getByTestId(playgroundTestIds.panel(2));
  await expect(panel.getByTestId(panelTestIds.message)).toContainText(/parse error/i);
  await expect(panel.getByTestId(panelTestIds.chart)).toHaveCount(0);
  await playground.screenshot('error-bad-promql');
});

test('a query of native histograms says which series they are and what to write instead', async ({ playground }) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { panel: 2 });
  await playground.waitForPanel(2);
  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  // The histogram is written live from the playground's start, so read the last hour at its own step.
  for (const [field, value] of [
    [testIds.query.window, '1h'],
    [testIds.query.step, '15s'],
    [testIds.query.expr, HISTOGRAM_DEMO_METRIC],
  ]) {
    await editor.getByTestId(field).fill(value);
    await editor.getByTestId(field).blur();
  }
  // Through the stand-in, which hands native histograms on as Grafana does (heatmap-cells frames).
  const error = page.getByTestId(playgroundTestIds.panelError(2));
  await expect(error).toContainText(
    `The query returns native histograms (${HISTOGRAM_DEMO_METRIC}{instance="native-histogram", job="foresight-demo"})`,
    { timeout: 120_000 }
  );
  await expect(error).toContainText('histogram_quantile(0.95, sum(rate(metric[5m])))');
  await playground.screenshot('error-native-histograms');
});

const PANEL = 4;

/**
 * Breaks Prometheus, runs the panel's query and expects `error` in the panel's error, said over the
 * previous forecast with the fallback first in the visible warning line; then mends Prometheus
 * (always) and expects the next run to show a forecast and no error.
 */
async function failsReadablyAndRecovers(
  playground: Playground,
  prometheus: { break(): Promise<void>; mend(): Promise<void> },
  error: RegExp | string,
  shot: string
): Promise<void> {
  const { page } = playground;
  const runQuery = () => page.getByTestId(playgroundTestIds.runQuery).click();
  const panelError = page.getByTestId(playgroundTestIds.panelError(PANEL));
  await prometheus.break();
  try {
    await runQuery();
    await expect(panelError).toContainText(error, { timeout: 120_000 });
    await expect(
      page.getByTestId(playgroundTestIds.panel(PANEL)).getByText('Error (showing the previous forecast): Prometheus')
    ).toBeVisible();
    await playground.screenshot(shot);
  } finally {
    await prometheus.mend();
  }
  await runQuery();
  await expect(panelError).toHaveCount(0, { timeout: 240_000 });
  const recovered = await playground.waitForPanel(PANEL);
  expect(recovered.errors).toEqual([]);
  expect(forecastFrames(recovered).length).toBeGreaterThan(0);
}

test('a Prometheus outage gives a readable error, and the panel recovers when it returns', async ({
  playground,
  prometheus,
}) => {
  test.skip(!prometheus.available, 'needs the playground started by the test setup (control hooks)');
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { panel: PANEL });
  await playground.waitForPanel(PANEL);
  await failsReadablyAndRecovers(
    playground,
    { break: () => prometheus.stop(), mend: () => prometheus.start() },
    /unreachable|connection refused|Bad Gateway|502/i,
    'error-prometheus-down'
  );
  await playground.screenshot('error-prometheus-recovered');
});

test('a Prometheus that stops answering: the panel says it timed out after the set timeout, and recovers', async ({
  playground,
  prometheus,
}) => {
  test.skip(!prometheus.available, 'needs the playground started by the test setup (control hooks)');
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { panel: PANEL });
  await playground.waitForPanel(PANEL);
  // The default timeout is a minute; a user who wants to know sooner sets it in the data source.
  const settings = page.getByTestId(playgroundTestIds.configEditor);
  const timeout = settings.getByTestId(testIds.config.requestTimeout);
  await timeout.fill('5s');
  await timeout.blur();
  await settings.getByTestId(playgroundTestIds.saveAndTest).click();
  await expect(page.getByTestId(playgroundTestIds.testResult)).toContainText('ready', { timeout: 30_000 });
  await failsReadablyAndRecovers(
    playground,
    { break: () => prometheus.pause(), mend: () => prometheus.resume() },
    /timed out after 5 s .*raise the timeout in the data source settings/,
    'error-prometheus-stuck'
  );
});
