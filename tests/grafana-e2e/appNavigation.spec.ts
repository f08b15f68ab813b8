import { appTestIds } from '../../src/app/testIds';
import { test, expect } from './fixtures';

test('the app page explains how to start', async ({ gotoPage, page }) => {
  await gotoPage('/');
  await expect(page.getByTestId(appTestIds.overview)).toBeVisible();
});
