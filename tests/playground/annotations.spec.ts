/**
 * The dashboard's annotations on the built panel, from a real Prometheus annotation query: the
 * golden-signals dashboard marks each scale-out and scale-in of the demo's reactive autoscaler
 * (`service_replicas` of the demo exporter), as Grafana's own time-series panel would.
 */
import { panelTestIds } from '../../src/panel/testIds';
import { DASHBOARDS, expect, playgroundTestIds, test } from './fixtures';

const CPU_PANEL = 4;

test("the dashboard's annotations are drawn on the chart, with their text on hover and by keyboard, after a reload and a range change", async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { from: 'now-12h', to: 'now' });
  const summary = await playground.waitForPanel(CPU_PANEL);
  expect(summary.annotations, 'the reactive autoscaler changed replicas in the last 12 hours').toBeGreaterThan(0);
  const panel = page.getByTestId(playgroundTestIds.panel(CPU_PANEL));
  const markers = panel.getByTestId(panelTestIds.annotationMarker);
  await expect(markers.first()).toBeVisible();
  const drawn = await markers.count();
  expect(drawn).toBeLessThanOrEqual(summary.annotations ?? 0);

  // Hovering a marker tells what happened and when, in words.
  await markers.last().hover();
  const tooltip = panel.getByTestId(panelTestIds.annotationTooltip);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/Reactive autoscaler: scale (out|in)/);
  await expect(tooltip).toContainText(/checkout (gained|lost) replicas/);
  await expect(tooltip).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d/);
  await playground.screenshot('annotations-golden-signals');
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);

  // By keyboard: the markers are one Tab stop, the arrow keys move along them, Escape closes the tooltip.
  if (drawn > 1) {
    const stops = await markers.evaluateAll((els) => els.filter((el) => (el as HTMLElement).tabIndex === 0).length);
    expect(stops).toBe(1);
    await markers.first().focus();
    await expect(tooltip).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(markers.nth(1)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(tooltip).toHaveCount(0);
    await expect(markers.nth(1)).toBeFocused();
    // Tab leaves the row instead of stepping through every marker
    await page.keyboard.press('Tab');
    expect(await markers.evaluateAll((els) => els.includes(document.activeElement as HTMLElement))).toBe(false);
  }

  // A reload in the same profile draws them again.
  await page.reload();
  await playground.waitForPanel(CPU_PANEL);
  await expect(markers.first()).toBeVisible();

  // A narrower range keeps only the annotations inside it.
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid, { from: 'now-3h', to: 'now' });
  const narrow = await playground.waitForPanel(CPU_PANEL);
  const from = Date.now() - 3 * 3_600_000 - 60_000;
  const times = await markers.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-annotation-time'))));
  expect(times.length).toBeLessThanOrEqual(narrow.annotations ?? 0);
  for (const t of times) {
    expect(t).toBeGreaterThanOrEqual(from);
  }
  await expect(page.getByTestId(playgroundTestIds.annotationErrors)).toHaveCount(0);
  expect(pageProblems.all()).toEqual([]);
});
