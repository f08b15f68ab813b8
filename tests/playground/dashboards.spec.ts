/**
 * Every provisioned dashboard loads in the playground with the BUILT plugin: each panel's query
 * finishes without an error, and the page logs no console error and makes no failed request.
 */
import path from 'node:path';
import { loadDashboards } from '../../playground/server/provisioning';
import { expect, test } from './fixtures';

const provisioned = loadDashboards(path.resolve(__dirname, '..', '..', 'provisioning'));

for (const { summary, json } of provisioned) {
  test(`dashboard "${summary.title}" loads with no console errors and no failed requests`, async ({
    playground,
    pageProblems,
  }) => {
    await playground.openDashboard(summary.uid);
    await expect(playground.page.getByTestId('playground-dashboard-title')).toHaveText(summary.title);
    const panelIds = (json.panels as Array<{ id: number }>).map((p) => p.id);
    for (const id of panelIds) {
      const result = await playground.waitForPanel(id);
      expect(result.errors, `panel ${id} of ${summary.title}`).toEqual([]);
      expect(result.state, `panel ${id} of ${summary.title}`).toBe('Done');
    }
    await playground.screenshot(`dashboard-${summary.uid}`);
    expect(pageProblems.all()).toEqual([]);
  });
}

test('the light theme renders the same dashboard', async ({ playground, pageProblems }) => {
  const first = provisioned[0].summary;
  await playground.openDashboard(first.uid, { theme: 'light' });
  await playground.waitForPanel((provisioned[0].json.panels as Array<{ id: number }>)[0].id);
  const background = await playground.page
    .getByTestId('playground-app')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  // Light canvas is near white; the dark one is near black.
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b).toBeGreaterThan(600);
  await playground.screenshot(`dashboard-${first.uid}-light`);
  await playground.page.getByTestId('playground-theme-toggle').click();
  await expect(playground.page).toHaveURL(/theme=dark/);
  expect(pageProblems.all()).toEqual([]);
});
