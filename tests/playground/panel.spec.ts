/**
 * The BUILT forecast panel on real backfilled Prometheus data, in headless Chromium: forecast line,
 * shaded bands, replicas step line, "now" marker and scale-action markers are drawn; hovering a
 * marker shows its reason; table and model card work; light and dark themes. Screenshots go to
 * tests/test-results/panel-*.png.
 */
import type { Locator, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { panelTestIds } from '../../src/panel/testIds';
import { DASHBOARDS, SCREENSHOT_DIR, expect, forecastFrames, playgroundTestIds, test } from './fixtures';

interface InkCount {
  /** Semi-transparent pixels (band fills, anti-aliased edges) right of "now". */
  forecastSide: number;
  /** The same count over an equally wide strip left of "now", where no band exists. */
  historySide: number;
  stripWidthPx: number;
}

/**
 * Reads the uPlot canvas of a panel and counts translucent pixels in equal-width strips on both
 * sides of the "now" marker. Bands are translucent fills, so the forecast side must hold far more.
 */
async function bandInk(page: Page, panel: Locator): Promise<InkCount> {
  const handle = await panel.elementHandle();
  return page.evaluate((root) => {
    const canvas = root!.querySelector('.uplot canvas') as HTMLCanvasElement | null;
    const over = root!.querySelector('.uplot .u-over') as HTMLElement | null;
    const now = root!.querySelector('[data-testid="data-testid foresight-panel-now-marker"]') as HTMLElement | null;
    if (!canvas || !over || !now) {
      throw new Error(`missing ${!canvas ? 'canvas ' : ''}${!over ? 'plot area ' : ''}${!now ? 'now marker' : ''}`);
    }
    const ctx = canvas.getContext('2d')!;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const overBox = over.getBoundingClientRect();
    const canvasBox = canvas.getBoundingClientRect();
    const plotLeft = (overBox.left - canvasBox.left) * scale;
    const plotTop = (overBox.top - canvasBox.top) * scale;
    const plotWidth = overBox.width * scale;
    const plotHeight = overBox.height * scale;
    const nowX = plotLeft + parseFloat(now.style.left) * scale;
    const strip = Math.floor(Math.min(nowX - plotLeft, plotLeft + plotWidth - nowX) - 4 * scale);
    const count = (x0: number) => {
      const data = ctx.getImageData(Math.round(x0), Math.round(plotTop), strip, Math.round(plotHeight)).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) {
        if (data[i] > 8 && data[i] < 235) {
          n++;
        }
      }
      return n;
    };
    return {
      forecastSide: count(nowX + 2 * scale),
      historySide: count(nowX - 2 * scale - strip),
      stripWidthPx: strip,
    };
  }, handle);
}

async function hoverFirstMarker(page: Page, panel: Locator): Promise<{ label: string; tooltip: string }> {
  const marker = panel.getByTestId(panelTestIds.actionMarker).first();
  await marker.scrollIntoViewIfNeeded();
  const label = (await marker.getAttribute('aria-label')) ?? '';
  await marker.hover();
  const tooltip = panel.getByTestId(panelTestIds.actionTooltip);
  await expect(tooltip).toBeVisible();
  return { label, tooltip: (await tooltip.textContent()) ?? '' };
}

test('the panel draws forecast, bands, replicas, now and action markers on real data; hover shows the reason', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid);
  const summary = await playground.waitForPanel(1);
  expect(summary.errors).toEqual([]);
  expect(forecastFrames(summary).length).toBeGreaterThan(0);

  const panel = page.getByTestId(playgroundTestIds.panel(1));
  const chart = panel.getByTestId(panelTestIds.chart);
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('data-forecast-lines', '1');
  await expect(chart).toHaveAttribute('data-band-fills', '2');
  await expect(chart).toHaveAttribute('data-replica-lines', '1');
  await expect(panel.getByTestId(panelTestIds.nowMarker)).toBeVisible();
  // Legend entries with per-series values for the actual, forecast and replicas lines.
  await expect(panel.getByTestId(/^data-testid VizLegend series .* forecast$/)).toBeVisible();
  await expect(panel.getByTestId(/^data-testid VizLegend series .* replicas$/)).toBeVisible();
  await expect(panel.getByTestId(panelTestIds.modelCard)).toContainText('MASE');

  const ink = await bandInk(page, panel);
  expect(ink.forecastSide, JSON.stringify(ink)).toBeGreaterThan(Math.max(500, 3 * ink.historySide));

  const markers = panel.getByTestId(panelTestIds.actionMarker);
  expect(await markers.count()).toBeGreaterThanOrEqual(1);
  const hovered = await hoverFirstMarker(page, panel);
  const reason = hovered.label.slice(hovered.label.indexOf(': ') + 2);
  expect(reason.length).toBeGreaterThan(0);
  expect(hovered.tooltip).toContain(reason);
  expect(hovered.tooltip).toMatch(/→/);
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-predictive-scaling-marker-hover.png') });
  writeFileSync(
    path.join(SCREENSHOT_DIR, 'panel-predictive-scaling.json'),
    JSON.stringify({ ink, markers: await markers.count(), hovered }, null, 2)
  );

  // The chart tooltip (TooltipPlugin2) on the forecast side lists forecast and band values.
  const plot = panel.locator('.uplot .u-over');
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width - 12, box.y + box.height / 2);
  await expect(page.getByText(/80 % .* – /).first()).toBeVisible();
  await playground.screenshot('panel-predictive-scaling');
  expect(pageProblems.all()).toEqual([]);
});

test('model-serving traffic: one forecast per model version, retire markers with their reason, table view', async ({
  playground,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.modelServing.uid);
  const summary = await playground.waitForPanel(1);
  expect(summary.errors).toEqual([]);
  const panel = page.getByTestId(playgroundTestIds.panel(1));
  const chart = panel.getByTestId(panelTestIds.chart);
  await expect(chart).toBeVisible();
  const series = forecastFrames(summary).length;
  await expect(chart).toHaveAttribute('data-forecast-lines', String(Math.min(series, 10)));

  const retire = panel.locator(`[data-testid="${panelTestIds.actionMarker}"][data-action="retire"]`);
  expect(await retire.count()).toBeGreaterThanOrEqual(1);
  await retire.first().hover();
  const tooltip = panel.getByTestId(panelTestIds.actionTooltip);
  await expect(tooltip).toContainText('Retire');
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-model-serving-retire-hover.png') });

  await panel.getByTestId(panelTestIds.viewToggle).getByRole('radio', { name: 'Table' }).check();
  expect(await panel.getByTestId(panelTestIds.tableRow).count()).toBeGreaterThan(0);
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-model-serving-table.png') });

  // Render cost on real data: Table → Chart mounts the chart (frames, uPlot config, first draw).
  const points = forecastFrames(summary).reduce((sum, f) => sum + f.length, 0);
  const renderMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    await panel.getByTestId(panelTestIds.viewToggle).getByRole('radio', { name: 'Table' }).check();
    await expect(panel.getByTestId(panelTestIds.table)).toBeVisible();
    renderMs.push(await timeChartMount(page, playgroundTestIds.panel(1)));
  }
  const measurement = { series, points, renderMs: renderMs.map(Math.round) };
  writeFileSync(path.join(SCREENSHOT_DIR, 'panel-render-time.json'), JSON.stringify(measurement, null, 2));
  console.log(`Panel chart mount on real data: ${JSON.stringify(measurement)}`);
});

/** Clicks "Chart" inside the page and times until uPlot's canvas exists and two frames have painted. */
async function timeChartMount(page: Page, panelTestId: string): Promise<number> {
  return page.evaluate(
    ([panelId, toggleId]) =>
      new Promise<number>((resolve) => {
        const panel = document.querySelector(`[data-testid="${panelId}"]`)!;
        // RadioButtonGroup ids its radios `option-<value>-radiogroup-<n>`.
        const chartButton = panel.querySelector(
          `[data-testid="${toggleId}"] input[id^="option-chart-"]`
        ) as HTMLElement | null;
        if (!chartButton) {
          throw new Error('no "Chart" radio in the view toggle');
        }
        const start = performance.now();
        chartButton.click();
        const check = () => {
          if (panel.querySelector('.uplot canvas')) {
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
          } else {
            setTimeout(check, 0);
          }
        };
        check();
      }),
    [panelTestId, panelTestIds.viewToggle]
  );
}

test('light theme', async ({ playground }) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { theme: 'light' });
  await playground.waitForPanel(1);
  const panel = page.getByTestId(playgroundTestIds.panel(1));
  await expect(panel.getByTestId(panelTestIds.nowMarker)).toBeVisible();
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-predictive-scaling-light.png') });
});
