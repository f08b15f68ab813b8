/**
 * Browser tests of the BUILT plugin in the playground, in Debian's headless Chromium.
 * Run: `npm run build && npm run test:browser`. One worker: training is CPU-heavy on 2 cores, and the
 * outage test stops the shared Prometheus.
 */
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium';

const RESULTS = path.resolve(__dirname, '..', 'test-results');

export default defineConfig({
  testDir: __dirname,
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Training a model in the page takes tens of seconds on a slow machine.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  globalSetup: './globalSetup.ts',
  outputDir: path.join(RESULTS, 'playground-artifacts'),
  reporter: [['list'], ['json', { outputFile: path.join(RESULTS, 'playground-report.json') }]],
  use: {
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
