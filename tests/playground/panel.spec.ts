/**
 * The BUILT forecast panel on real backfilled Prometheus data, in headless Chromium: forecast line,
 * shaded bands, replicas step line, "now" marker and scale-action markers are drawn; hovering a
 * marker shows its reason; table and model card work; light and dark themes. Screenshots go to
 * tests/test-results/panel-*.png.
 */
import type { Locator, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { testIds as datasourceTestIds } from '../../src/datasource/testIds';
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
  // Legend entries with values for the actual and forecast lines; the lone replicas line (counted
  // above) is named by its axis label instead: a right-axis legend row would be cut off.
  await expect(panel.getByTestId(/^data-testid VizLegend series .* forecast$/)).toBeVisible();
  await expect(panel.getByTestId(/^data-testid VizLegend series .* replicas$/)).toHaveCount(0);
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

  // From the plot onto a marker: the chart's tooltip leaves (uPlot ignores moves over a marker, and
  // it stayed at the time the pointer last crossed the plot, over the marker's own tooltip).
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  await expect(page.getByTestId(panelTestIds.chartTooltip).first()).toBeVisible();
  const mark = (await markers.first().boundingBox())!;
  await page.mouse.move(mark.x + mark.width / 2, mark.y + mark.height / 2, { steps: 20 });
  await expect(panel.getByTestId(panelTestIds.actionTooltip)).toBeVisible();
  await expect(page.getByTestId(panelTestIds.chartTooltip)).toHaveCount(0);
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2, { steps: 5 });
  await expect(page.getByTestId(panelTestIds.chartTooltip).first()).toBeVisible();
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
  // the query gives no policy and no replicas: no count is made up from the built-in minimum ("3 → 0")
  await expect(tooltip).not.toContainText('→');
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-model-serving-retire-hover.png') });
  await page.mouse.move(0, 0);

  // A legend click shows only that model version, its forecast, band and markers with it (Grafana's
  // own panel does it line by line); ctrl-click adds one; a click on the one shown brings all back.
  const markers = Number(await chart.getAttribute('data-action-markers'));
  const names = forecastFrames(summary).map((f) => f.seriesName ?? '');
  const legendButton = (text: string) =>
    panel.getByTestId(`data-testid VizLegend series ${text} forecast`).locator('button').first();
  await legendButton(names[names.length - 1]).click();
  await expect(chart).toHaveAttribute('data-hidden-series', String(names.length - 1));
  // The headline and model card follow the one series on show.
  await expect(panel.getByTestId(panelTestIds.accuracyHeadline)).toContainText(names[names.length - 1]);
  expect(Number(await chart.getAttribute('data-action-markers'))).toBeLessThan(markers);
  await legendButton(names[0]).click({ modifiers: ['ControlOrMeta'] });
  await expect(chart).toHaveAttribute('data-hidden-series', String(names.length - 2));
  // The tooltip names only the series on show.
  const plot = panel.locator('.u-over').first();
  const plotBox = (await plot.boundingBox())!;
  await page.mouse.move(plotBox.x + plotBox.width * 0.5, plotBox.y + plotBox.height * 0.5);
  const hover = page.getByTestId(panelTestIds.chartTooltip);
  await expect(hover).toContainText(names[0]);
  await expect(hover).toContainText(names[names.length - 1]);
  await expect(hover).not.toContainText(names[1]);
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-model-serving-legend-isolated.png') });
  await page.mouse.move(0, 0);
  await legendButton(names[0]).click({ modifiers: ['ControlOrMeta'] });
  await legendButton(names[names.length - 1]).click();
  await expect(chart).toHaveAttribute('data-hidden-series', '0');
  await expect(chart).toHaveAttribute('data-action-markers', String(markers));

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

/** The colour of a legend entry's icon (a solid line's; a dashed one's is a gradient image). */
function legendColour(panel: Locator, name: string): Promise<string> {
  return panel
    .getByTestId(`data-testid VizLegend series ${name}`)
    .getByTestId('series-icon')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
}

test("the dashboard's colour schemes reach the series: a single red for errors, model versions by name", async ({
  playground,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid);
  await playground.waitForPanel(3);
  await playground.waitForPanel(2);
  // Color scheme → Single color → red on the errors panel: Grafana's red in the dark theme (#F2495C).
  expect(await legendColour(page.getByTestId(playgroundTestIds.panel(3)), 'errors/s')).toBe('rgb(242, 73, 92)');
  // The traffic panel keeps the classic palette: its first colour, green (#73BF69).
  expect(await legendColour(page.getByTestId(playgroundTestIds.panel(2)), 'req/s')).toBe('rgb(115, 191, 105)');
  await page
    .getByTestId(playgroundTestIds.panel(3))
    .screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-errors-red.png') });

  // Classic palette (by series name): colours come from the names, not the order (the first series
  // would otherwise be green), and every version has its own.
  await playground.openDashboard(DASHBOARDS.modelServing.uid);
  const summary = await playground.waitForPanel(1);
  const panel = page.getByTestId(playgroundTestIds.panel(1));
  const names = forecastFrames(summary).map((f) => f.seriesName ?? '');
  const colours = await Promise.all(names.map((name) => legendColour(panel, name)));
  expect(colours[0]).not.toBe('rgb(115, 191, 105)');
  expect(new Set(colours).size).toBe(names.length);
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

/** A labelled element of the panel and where it is on the page. */
interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Boxes of the panel's labelled elements: header (headline, toggles, picker, progress), warning
 * line, model card, plot area, legend entries, and inside the plot the time-mark labels and action
 * markers. Invisible or empty elements are left out.
 */
async function labelledBoxes(panel: Locator): Promise<{ panel: Box; header: Box[]; overlay: Box[]; legend: Box[] }> {
  const handle = await panel.elementHandle();
  return handle!.evaluate((root, ids) => {
    const box = (name: string, el: Element | null): Box | undefined => {
      if (!el) {
        return undefined;
      }
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? { name, x: r.x, y: r.y, width: r.width, height: r.height } : undefined;
    };
    const byId = (id: string) => root.querySelector(`[data-testid="${id}"]`);
    const all = (selector: string) => Array.from(root.querySelectorAll(selector));
    const header = [
      box('accuracy headline', byId(ids.accuracyHeadline)),
      box('progress', byId(ids.progress)),
      box('model toggle', byId(ids.modelCardToggle)),
      box('view toggle', byId(ids.viewToggle)),
      box('series picker', byId(ids.cardSeriesPicker)),
      box('warning line', byId(ids.warnings)),
      // The card scrolls inside its area: the area is what takes room.
      box('model card', byId(ids.modelCard)?.parentElement ?? null),
      box('plot', root.querySelector('.uplot .u-over')),
    ].filter((b): b is Box => b != null);
    const overlay = [
      ...all(`[data-testid="${ids.timeLabel}"]`).map((el) => box(`time label "${el.textContent}"`, el)),
      ...all(`[data-testid="${ids.actionMarker}"]`).map((el, i) => box(`action marker ${i}`, el)),
    ].filter((b): b is Box => b != null);
    const legend = all('[data-testid^="data-testid VizLegend series"]')
      .map((el) => box(`legend "${el.textContent}"`, el))
      .filter((b): b is Box => b != null);
    return { panel: box('panel', root)!, header, overlay, legend };
  }, panelTestIds);
}

function intersects(a: Box, b: Box): boolean {
  // One pixel of slack: adjacent elements share an edge.
  return a.x + a.width - 1 > b.x && b.x + b.width - 1 > a.x && a.y + a.height - 1 > b.y && b.y + b.height - 1 > a.y;
}

/** "a × b" for every pair that overlaps; markers may touch each other (actions minutes apart). */
function overlaps(boxes: Box[], skip: (a: Box, b: Box) => boolean = () => false): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (!skip(boxes[i], boxes[j]) && intersects(boxes[i], boxes[j])) {
        out.push(`${boxes[i].name} × ${boxes[j].name}`);
      }
    }
  }
  return out;
}

for (const size of [
  { label: 'normal', dashboard: DASHBOARDS.predictiveScaling.uid, panelId: 1, viewport: { width: 1400, height: 900 } },
  { label: 'small', dashboard: DASHBOARDS.goldenSignals.uid, panelId: 2, viewport: { width: 900, height: 800 } },
]) {
  test(`no labelled element overlaps another (${size.label} panel)`, async ({ playground }) => {
    const { page } = playground;
    await page.setViewportSize(size.viewport);
    await playground.openDashboard(size.dashboard);
    await playground.waitForPanel(size.panelId);
    const panel = page.getByTestId(playgroundTestIds.panel(size.panelId));
    await expect(panel.getByTestId(panelTestIds.nowMarker)).toBeVisible();
    // Let uPlot settle after the header is measured (the chart gets the rest of the height).
    await page.waitForTimeout(500);
    const boxes = await labelledBoxes(panel.getByTestId(panelTestIds.root));
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-layout-${size.label}.png`) });
    writeFileSync(path.join(SCREENSHOT_DIR, `panel-layout-${size.label}.json`), JSON.stringify(boxes, null, 2));

    expect(boxes.header.map((b) => b.name)).toEqual(expect.arrayContaining(['model toggle', 'view toggle', 'plot']));
    expect(overlaps(boxes.header)).toEqual([]);
    const markers = (a: Box, b: Box) => a.name.startsWith('action marker') && b.name.startsWith('action marker');
    expect(overlaps(boxes.overlay, markers)).toEqual([]);
    expect(overlaps(boxes.legend)).toEqual([]);
    // Nothing is cut off: every legend entry and the plot lie inside the panel.
    const inside = (b: Box) =>
      b.x >= boxes.panel.x - 1 &&
      b.y >= boxes.panel.y - 1 &&
      b.x + b.width <= boxes.panel.x + boxes.panel.width + 1 &&
      b.y + b.height <= boxes.panel.y + boxes.panel.height + 1;
    expect(boxes.legend.filter((b) => !inside(b)).map((b) => b.name)).toEqual([]);
    expect(boxes.header.filter((b) => !inside(b)).map((b) => b.name)).toEqual([]);
  });
}

test('the Model toggle looks and reads pressed while the card is open', async ({ playground }) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid);
  await playground.waitForPanel(1);
  const panel = page.getByTestId(playgroundTestIds.panel(1));
  const toggle = panel.getByTestId(panelTestIds.modelCardToggle);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId(panelTestIds.modelCard)).toBeVisible();
  const pressedBg = await toggle.evaluate((el) => getComputedStyle(el).backgroundColor);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(panel.getByTestId(panelTestIds.modelCard)).toHaveCount(0);
  await page.mouse.move(0, 0);
  const releasedBg = await toggle.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(pressedBg).not.toBe(releasedBg);
  // The accuracy headline stays visible with the card closed.
  await expect(panel.getByTestId(panelTestIds.accuracyHeadline)).toContainText(/Typical error ±/);
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-model-toggle-released.png') });
});

test('a training window too short for the LSTM: the warning line says so in words', async ({
  playground,
  pageProblems,
}) => {
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid, { panel: 1 });
  const before = (await playground.waitForPanel(1)).requestId;
  const editor = page.getByTestId(playgroundTestIds.queryEditor);
  const window = editor.getByTestId(datasourceTestIds.query.window);
  await window.fill('12h');
  await window.blur();
  await playground.waitForNextRun(1, before);
  const panel = page.getByTestId(playgroundTestIds.panel(1));
  const skipped = panel.getByTestId(panelTestIds.warning).filter({ hasText: /LSTM skipped: / });
  await expect(skipped).toBeVisible();
  const text = (await skipped.textContent()) ?? '';
  console.log(`Warning line with a 12h window: ${text}`);
  // A sentence, not a code: what happened and what to change.
  expect(text).toMatch(/LSTM skipped: .*\b(widen|longer|at least|or more|needs)\b/);
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-lstm-skipped-warning.png') });
  expect(pageProblems.all()).toEqual([]);
});

/**
 * The annotated screenshot of docs/using-the-panel.md: numbered badges drawn over the real panel
 * (DOM overlay, before the screenshot). Run on demand: FORESIGHT_DOCS_SCREENSHOT=1.
 */
test('docs: annotated screenshot of the panel', async ({ playground }) => {
  test.skip(!process.env.FORESIGHT_DOCS_SCREENSHOT, 'set FORESIGHT_DOCS_SCREENSHOT=1 to refresh docs/img');
  const { page } = playground;
  await page.setViewportSize({ width: 1300, height: 900 });
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid);
  await playground.waitForPanel(1);
  const panel = page.getByTestId(playgroundTestIds.panel(1));
  await expect(panel.getByTestId(panelTestIds.nowMarker)).toBeVisible();
  await page.waitForTimeout(500);
  const placed = await (await panel.elementHandle())!.evaluate((root, ids) => {
    const q = (sel: string) => root.querySelector(sel) as HTMLElement | null;
    const byId = (id: string) => q(`[data-testid="${id}"]`);
    const over = q('.uplot .u-over');
    const nowEl = byId(ids.nowMarker);
    const overBox = over?.getBoundingClientRect();
    const nowX = nowEl ? nowEl.getBoundingClientRect().x : undefined;
    // [number, element or point, where on it]
    const targets: Array<[number, { x: number; y: number } | undefined]> = [];
    const at = (el: Element | null, dx = 0, dy = 0, fromRight = false) => {
      if (!el) {
        return undefined;
      }
      const r = el.getBoundingClientRect();
      return r.width > 0 ? { x: (fromRight ? r.right : r.x) + dx, y: r.y + dy } : undefined;
    };
    // Badges sit just after (or beside) what they point at, never over its text.
    const headline = byId(ids.accuracyHeadline);
    const range = document.createRange();
    if (headline) {
      range.selectNodeContents(headline);
    }
    targets.push([
      1,
      headline ? { x: range.getBoundingClientRect().right + 4, y: headline.getBoundingClientRect().y } : undefined,
    ]);
    targets.push([2, at(byId(ids.modelCardToggle), 28, 26)]);
    targets.push([3, at(byId(ids.viewToggle), 40, 26)]);
    targets.push([4, at(byId(ids.modelCard), -22, 0, true)]);
    targets.push([5, at(byId(ids.warnings), -22, 0, true)]);
    targets.push([6, at(q(`[data-testid="${ids.timeLabel}"]`), 0, 14)]);
    targets.push([7, at(byId(ids.originMarker), -20, 30)]);
    if (overBox && nowX != null) {
      targets.push([8, { x: nowX + (overBox.right - nowX) * 0.7, y: overBox.y + overBox.height * 0.25 }]);
      targets.push([9, { x: overBox.x + overBox.width * 0.3, y: overBox.y + overBox.height * 0.4 }]);
    }
    targets.push([10, at(byId(ids.actionMarker), 10, -20)]);
    targets.push([11, at(q('[data-testid^="data-testid VizLegend series"][data-testid$=" replicas"]'), -22, 0)]);
    targets.push([12, at(q('[data-testid^="data-testid VizLegend series"]'), 0, -19)]);
    const rootBox = root.getBoundingClientRect();
    const shown: number[] = [];
    for (const [n, p] of targets) {
      if (!p) {
        continue;
      }
      const badge = document.createElement('div');
      badge.textContent = String(n);
      Object.assign(badge.style, {
        position: 'fixed',
        left: `${Math.max(rootBox.x, p.x)}px`,
        top: `${Math.max(rootBox.y, p.y)}px`,
        width: '18px',
        height: '18px',
        borderRadius: '50%',
        background: '#e02f44',
        color: '#fff',
        font: 'bold 11px/18px sans-serif',
        textAlign: 'center',
        zIndex: '10000',
        boxShadow: '0 0 0 2px #fff',
        pointerEvents: 'none',
      });
      document.body.appendChild(badge);
      shown.push(n);
    }
    return shown;
  }, panelTestIds);
  console.log(`annotated: ${placed.join(', ')}`);
  const out = path.resolve(__dirname, '..', '..', 'docs', 'img', 'panel-annotated.png');
  await panel.screenshot({ path: out });
});

test('two queries whose series share a legend: named apart by query, each with its own scale actions', async ({
  playground,
  pageProblems,
}) => {
  // "Edge cases", panel 5: A sums the recommender's calls, B the fraud detector's; no labels are
  // left, and both keep the legend "calls/s". Until 2026-12-06 both series had one key and one name
  // in the panel: one model-card entry shown twice, and every marker given to the first series.
  const TWO_QUERIES = 5;
  const { page } = playground;
  await playground.openDashboard(DASHBOARDS.edgeCases.uid, { panel: TWO_QUERIES });
  const summary = await playground.waitForPanel(TWO_QUERIES);
  expect(summary.errors).toEqual([]);
  // The data source names each as Grafana would: both "calls/s", one per query.
  expect(forecastFrames(summary).map((f) => [f.refId, f.seriesName])).toEqual([
    ['A', 'calls/s'],
    ['B', 'calls/s'],
  ]);
  const panel = page.getByTestId(playgroundTestIds.panel(TWO_QUERIES));
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId(panelTestIds.accuracyHeadline)).toContainText(/^calls\/s \((A|B)\): Typical error/);
  const warnings = await panel.getByTestId(panelTestIds.warning).allTextContents();
  // Each line names its series by query: as a prefix ("calls/s (A): …"), or inside a sentence said
  // once for both with each one's figures ("MAE …: calls/s (A) 10.2 req/s vs …; calls/s (B) …").
  expect(
    warnings.every((w) => /calls\/s \((A|B)\)/.test(w) && !/calls\/s(?! \((A|B)\))/.test(w)),
    warnings.join(' | ')
  ).toBe(true);
  // Each marker is its own query's action: as many per query as that query's actions frame holds.
  const moves = (refId: string) =>
    summary.frames
      .filter((f) => f.kind === 'actions' && f.refId === refId)
      .flatMap((f) => f.actions ?? [])
      .filter((a) => a !== 'hold').length;
  const markers = panel.getByTestId(panelTestIds.actionMarker);
  const owners: string[] = [];
  for (let i = 0; i < (await markers.count()); i++) {
    await markers.nth(i).hover();
    const text = (await panel.getByTestId(panelTestIds.actionTooltip).textContent()) ?? '';
    owners.push(text.match(/· calls\/s \((A|B)\)/)?.[1] ?? `none in "${text}"`);
  }
  expect(owners.filter((o) => o === 'A')).toHaveLength(moves('A'));
  expect(owners.filter((o) => o === 'B')).toHaveLength(moves('B'));
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-two-queries-one-legend.png') });
  // This panel's tooltip is Single: the one series nearest the cursor, with all of its values. It
  // shows once the pointer is near a line, as on Grafana's panel: down the plot until one is.
  const plotBox = (await panel.locator('.u-over').first().boundingBox())!;
  // The dashboard shares its crosshair: the other panels show their tooltips too.
  const hover = page.getByTestId(panelTestIds.chartTooltip).filter({ hasText: 'calls/s (' });
  for (let y = 0.05; y < 1 && !(await hover.isVisible()); y += 0.05) {
    await page.mouse.move(plotBox.x + plotBox.width * 0.3, plotBox.y + plotBox.height * y, { steps: 2 });
    await page.waitForTimeout(150);
  }
  await expect(hover).toContainText(/calls\/s \((A|B)\)actual/);
  const named = ((await hover.textContent()) ?? '').match(/calls\/s \((A|B)\)/g) ?? [];
  expect(named).toHaveLength(1);
  await page.mouse.move(0, 0);
  await panel.getByTestId(panelTestIds.cardSeriesPicker).click();
  await expect(page.getByRole('option')).toHaveText(['calls/s (A)', 'calls/s (B)']);
  await page.keyboard.press('Escape');

  // On auto-refresh each answer streams query by query: the names hold while A has answered and B's
  // last series is still the one shown (until 2026-12-06 A's series lost its "(A)" in between).
  await playground.openDashboard(DASHBOARDS.edgeCases.uid, { panel: TWO_QUERIES, refresh: '5s' });
  await playground.waitForPanel(TWO_QUERIES);
  const legend = (query: string) => panel.getByText(`calls/s (${query}) forecast`, { exact: true });
  const samples: string[] = [];
  for (let i = 0; i < 40; i++) {
    samples.push(`${await legend('A').count()}${await legend('B').count()}`);
    await page.waitForTimeout(500);
  }
  expect(
    samples.filter((s) => s !== '11'),
    'samples without both names'
  ).toEqual([]);
  expect(pageProblems.all()).toEqual([]);
});
