/**
 * The BUILT panel in a narrow (500 px) viewport, where the header (wrapped toolbar, warnings, model
 * card) would take most of the height: the plot keeps a usable height, the card is cut between rows
 * (never through a line) and wraps long values, and every legend entry is in sight or counted in a
 * visible "+N more"; the legend's values, left out at this width, are named in the warning line. Screenshot: tests/test-results/panel-narrow.png.
 */
import path from 'node:path';
import { panelTestIds } from '../../src/panel/testIds';
import { DASHBOARDS, SCREENSHOT_DIR, expect, playgroundTestIds, test } from './fixtures';

test('a 500 px panel keeps the plot, whole card rows and every legend entry', async ({ playground }) => {
  const { page } = playground;
  await page.setViewportSize({ width: 500, height: 1200 });
  await playground.openDashboard(DASHBOARDS.predictiveScaling.uid);
  await playground.waitForPanel(2);
  const panel = page.getByTestId(playgroundTestIds.panel(2));
  await expect(panel.getByTestId(panelTestIds.nowMarker)).toBeVisible();
  await expect(panel.getByTestId(panelTestIds.modelCard)).toBeVisible();
  // Let the header measurement and uPlot settle.
  await page.waitForTimeout(800);
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-narrow.png') });

  const facts = await panel.getByTestId(panelTestIds.root).evaluate(
    (root, ids) => {
      const rect = (el: Element) => el.getBoundingClientRect();
      const canvas = root.querySelector('.uplot canvas');
      const items = Array.from(root.querySelectorAll('[data-testid^="data-testid VizLegend series"]'));
      const scroller = items[0]?.closest('[tabindex="0"]') ?? root;
      const box = rect(scroller);
      const panelBox = rect(root);
      const inSight = (r: DOMRect, b: DOMRect) => r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
      const legendMore = root.querySelector(`[data-testid="${ids.legendMore}"]`);
      const card = root.querySelector(`[data-testid="${ids.card}"]`)!;
      const cardBox = rect(card.parentElement!);
      const cardItems = Array.from(card.querySelectorAll(':scope > dl > div'));
      return {
        canvasHeight: canvas ? rect(canvas).height : 0,
        legendEntries: items.length,
        legendInSight: items.filter((el) => inSight(rect(el), box) && inSight(rect(el), panelBox)).length,
        legendMore: legendMore ? Number(/\d+/.exec(legendMore.textContent ?? '')?.[0]) : 0,
        cardClipped: [card, ...cardItems]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent),
        // A card item is either wholly in the card's visible area or wholly below it: no cut line.
        cardCut: cardItems
          .filter((el) => {
            const r = rect(el);
            return r.top < cardBox.bottom - 1 && r.bottom > cardBox.bottom + 1;
          })
          .map((el) => el.textContent),
        cardHidden: cardItems.filter((el) => rect(el).top >= cardBox.bottom - 1).length,
        cardMore: root.querySelector(`[data-testid="${ids.cardMore}"]`) != null,
      };
    },
    { legendMore: panelTestIds.legendMore, card: panelTestIds.modelCard, cardMore: panelTestIds.modelCardMore }
  );
  test.info().annotations.push({ type: 'narrow panel', description: JSON.stringify(facts) });

  expect(facts.canvasHeight).toBeGreaterThanOrEqual(120);
  // Actual, forecast and capacity at least; none dropped silently.
  expect(facts.legendEntries).toBeGreaterThanOrEqual(3);
  expect(facts.legendInSight + facts.legendMore).toBe(facts.legendEntries);
  expect(facts.cardClipped).toEqual([]);
  expect(facts.cardCut).toEqual([]);
  expect(facts.cardHidden === 0 || facts.cardMore).toBe(true);
  // The legend's values (Last, Max on this dashboard) are left out at this width, and the warning line says so.
  await expect(panel.getByText(/Legend values \(.+\) are left out below 600 px wide/)).toBeVisible();
});

test('on a phone the dashboard is one column: every panel as wide as the page, nothing past its right edge', async ({
  playground,
}) => {
  const { page } = playground;
  await page.setViewportSize({ width: 390, height: 844 });
  await playground.openDashboard(DASHBOARDS.goldenSignals.uid);
  await playground.waitForPanel(1);
  const layout = await page.evaluate(() => ({
    pageWidth: document.documentElement.scrollWidth,
    panels: Array.from(document.querySelectorAll('[data-testid^="playground-panel-"]'))
      .filter((el) => /^playground-panel-\d+$/.test(el.getAttribute('data-testid') ?? ''))
      .map((el) => el.getBoundingClientRect().width),
  }));
  expect(layout.pageWidth).toBeLessThanOrEqual(390);
  expect(layout.panels.length).toBeGreaterThan(1);
  for (const width of layout.panels) {
    expect(width).toBeGreaterThan(300);
  }
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-phone.png'), fullPage: true });
});
