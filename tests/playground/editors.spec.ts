/**
 * The data source's own editors, from the BUILT module, in the playground's editor pane: the query
 * editor changes the horizon and the panel follows; a burst of edits ends in the last query's
 * forecast; duration fields take durations; a policy kind switch shows that kind's defaults; the
 * PromQL field completes names from the real Prometheus; the config editor lists the Prometheus source.
 */
import { promqlTestIds } from '../../src/datasource/components/promqlTestIds';
import { testIds } from '../../src/datasource/testIds';
import { DEFAULT_POLICY } from '../../src/policy/defaults';
import { DASHBOARDS, expect, forecastFrames, playgroundTestIds, test, type PanelSummary } from './fixtures';

const HOUR = 3600_000;

/** Forecast length of a panel's first forecast frame, once its data is final. */
function horizonMs(summary: PanelSummary): number | undefined {
  const frame = forecastFrames(summary)[0];
  const origin = frame?.lastSampleMs;
  return summary.state === 'Done' && frame && origin !== undefined ? frame.horizonEndMs! - origin : undefined;
}

test('changing the horizon in the query editor re-runs the panel with the new horizon', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 2 });
  const before = forecastFrames(await playground.waitForPanel(2))[0];
  expect(before, 'a forecast before the change').toBeDefined();
  expect(horizonMs(await playground.panelSummary(2))).toBe(1 * HOUR);

  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  const horizon = editor.getByTestId(testIds.query.horizon);
  await horizon.fill('3h');
  await horizon.blur();

  await expect
    .poll(async () => horizonMs(await playground.panelSummary(2)), { timeout: 240_000, intervals: [1000, 2000] })
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
  const frame = forecastFrames(await playground.waitForNextRun(1, before))[0];
  console.log(`WebGL request in headless Chromium: backend ${frame.backend}; ${(frame.notes ?? []).join(' ')}`);
  expect(frame.backend).toBe('wasm');
  expect((frame.notes ?? []).join(' ')).toMatch(/Backend webgl is unavailable here \(.*(software renderer|WebGL).*\)/);
  expect(pageProblems.all()).toEqual([]);
});

test('five quick edits end in the forecast of the last query, with one run and no crash', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 2 });
  const first = await playground.waitForPanel(2);
  expect(horizonMs(first)).toBe(1 * HOUR);

  // Record, in the page, every request the panel answers: polling from here misses short runs.
  await page.evaluate((testId) => {
    const seen = new Set<string>();
    (window as unknown as { __editorRuns: Set<string> }).__editorRuns = seen;
    const record = () => {
      const text = document.querySelector(`[data-testid="${testId}"]`)?.textContent;
      try {
        const id = (JSON.parse(text ?? '{}') as { requestId?: string }).requestId;
        if (id) {
          seen.add(id);
        }
      } catch {
        // Mid-update text: the next mutation records it.
      }
    };
    record();
    new MutationObserver(record).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, playgroundTestIds.panelSummary(2));

  // Five edits 100 ms apart, dispatched in the page as a user's keystrokes would arrive: Playwright's
  // own round trips take longer than the debounce on a loaded machine.
  const horizon = page.getByTestId(playgroundTestIds.queryEditor).getByTestId(testIds.query.horizon);
  const gaps = await horizon.evaluate(
    async (input, values) => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const between: number[] = [];
      let last = performance.now();
      for (const value of values) {
        setValue.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 100));
        between.push(Math.round(performance.now() - last));
        last = performance.now();
      }
      return between;
    },
    ['2h', '3h', '4h', '5h', '6h']
  );

  await expect
    .poll(async () => horizonMs(await playground.panelSummary(2)), { timeout: 240_000, intervals: [500, 1000] })
    .toBe(6 * HOUR);
  const runs = (
    await page.evaluate(() => [...(window as unknown as { __editorRuns: Set<string> }).__editorRuns])
  ).filter((id) => id !== first.requestId);
  // A gap longer than the debounce (a stalled page) may rightly start a run of its own.
  const pauses = gaps.slice(0, -1).filter((gap) => gap > 600).length;
  console.log(`5 edits, gaps ${gaps.join(', ')} ms; runs started: ${runs.length} (${runs.join(', ')})`);
  expect(runs.length, 'one run for the whole burst').toBeLessThanOrEqual(1 + pauses);
  expect(runs.length).toBeGreaterThanOrEqual(1);
  const final = await playground.panelSummary(2);
  expect(final.errors).toEqual([]);
  await expect(page.getByText(/worker crashed/i)).toHaveCount(0);
  await playground.screenshot('editors-burst-6h');
  expect(pageProblems.all()).toEqual([]);
});

test('policy durations take 15m, a bare number is explained, and a kind switch shows that kind’s defaults and back restores its values', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 2 });
  await playground.waitForPanel(2);
  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  await editor.getByText('Scaling policy', { exact: true }).click();

  const lead = editor.getByLabel('Lead time');
  await expect(lead).toHaveAttribute('data-testid', testIds.policy.leadTime);
  await lead.fill('300');
  await expect(editor.getByText('Lead time: "300" has no unit; write a duration such as 300s or 5m')).toBeVisible();
  await expect(editor.getByTestId(testIds.query.durationError)).toContainText('Not applied until fixed');
  await lead.fill('15m');
  await lead.press('Enter');
  await expect(lead).toHaveValue('15m');
  await expect(lead).not.toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByTestId(testIds.query.durationError)).toHaveCount(0);

  const kind = editor.getByRole('radiogroup', { name: 'Scaling policy' });
  await kind.getByRole('radio', { name: 'Thresholds' }).check();
  const low = editor.getByTestId(testIds.policy.low);
  const high = editor.getByTestId(testIds.policy.high);
  await expect(low).toHaveValue('');
  await expect(low).toHaveAttribute('placeholder', String(DEFAULT_POLICY.lowThreshold));
  await expect(high).toHaveAttribute('placeholder', String(DEFAULT_POLICY.highThreshold));
  await kind.getByRole('radio', { name: 'Target tracking' }).check();
  // the dashboard's capacity of 100 comes back (a round trip used to lose it to the default)
  const capacity = editor.getByTestId(testIds.policy.capacity);
  await expect(capacity).toHaveValue('100');
  // The lead time survives the switch: only the kind's own fields are reset.
  await expect(editor.getByTestId(testIds.policy.leadTime)).toHaveValue('15m');

  const units = editor.getByTestId(testIds.query.lstmUnits);
  await editor.getByText('Advanced (LSTM)', { exact: true }).click();
  await units.fill('1.5');
  await expect(editor.getByText('LSTM units must be a whole number from 1 to 256 (got 1.5)')).toBeVisible();
  await playground.screenshot('editors-policy-fields');
  await units.fill('');
  await playground.waitForPanel(2);
  expect((await playground.panelSummary(2)).errors).toEqual([]);
  expect(pageProblems.all()).toEqual([]);
});

test('the PromQL field completes metric names and label values from the real Prometheus', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 1 });
  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  const expr = editor.getByTestId(testIds.query.expr);
  await expr.fill('');
  await expr.pressSequentially('aws_elb', { delay: 30 });
  const suggestions = editor.getByTestId(promqlTestIds.suggestions);
  const metric = suggestions.getByRole('option', { name: /aws_elb_requests_total/ });
  await expect(metric).toBeVisible({ timeout: 30_000 });
  await expect(expr).toHaveAttribute('aria-expanded', 'true');
  await playground.screenshot('editors-promql-metric-completion');
  // Choose it with the keyboard: ↓ until it is the active option, then Enter.
  for (let i = 0; i < 20 && (await metric.getAttribute('aria-selected')) !== 'true'; i++) {
    await expr.press('ArrowDown');
  }
  await expect(metric).toHaveAttribute('aria-selected', 'true');
  await expr.press('Enter');
  await expect(expr).toHaveValue('aws_elb_requests_total');

  // Label names of that metric, then values of one label, narrowed to the metric by match[].
  await expr.pressSequentially('{', { delay: 30 });
  const label = suggestions.getByRole('option').first();
  await expect(label).toBeVisible({ timeout: 30_000 });
  const labelName = (await label.locator('span').first().textContent()) ?? '';
  expect(labelName).toMatch(/^[a-zA-Z_]\w*$/);
  await expr.press('Enter');
  await expr.pressSequentially('="', { delay: 30 });
  await expect(suggestions.getByRole('option').first()).toBeVisible({ timeout: 30_000 });
  await expr.press('Enter');
  await expect(expr).toHaveValue(new RegExp(`^aws_elb_requests_total\\{${labelName}="[^"]+"$`));
  await playground.screenshot('editors-promql-label-completion');
  await expr.press('Escape');
  expect(pageProblems.all()).toEqual([]);
});

test('radio groups wrap in a narrow editor instead of overflowing it', async ({ playground, pageProblems }) => {
  const { page } = playground;
  await page.setViewportSize({ width: 900, height: 900 });
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 1 });
  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  const method = editor.getByRole('radiogroup', { name: 'Method' });
  await expect(method).toBeVisible();
  const pane = await page.getByTestId(playgroundTestIds.editor).boundingBox();
  const group = await method.boundingBox();
  expect(pane && group).toBeTruthy();
  expect(group!.x + group!.width).toBeLessThanOrEqual(pane!.x + pane!.width + 1);
  await playground.screenshot('editors-narrow');
  expect(pageProblems.all()).toEqual([]);
});
