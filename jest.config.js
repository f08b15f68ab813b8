// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

// Offline fix: d3-color and friends ship ESM-only `.mjs` files; transform them with swc like the rest.
const transform = {
  ...base.transform,
  '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
};

/**
 * Two projects:
 * - `unit`: tests beside the code under src/ and scripts/ (jsdom for React, node where a file asks for it).
 * - `integration`: tests/integration, against a real Prometheus started by scripts/prometheus.
 * Browser tests live in tests/playground and run under Playwright, not Jest.
 */
module.exports = {
  // Integration suites (real servers, mostly waiting) first: see the file.
  testSequencer: '<rootDir>/scripts/lib/jestSequencer.js',
  projects: [
    {
      ...base,
      displayName: 'unit',
      transform,
      testMatch: [
        '<rootDir>/src/**/*.test.{ts,tsx}',
        '<rootDir>/scripts/**/*.test.ts',
        '<rootDir>/bench/**/*.test.ts',
        '<rootDir>/playground/**/*.test.ts',
      ],
    },
    {
      ...base,
      displayName: 'integration',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
  ],
};
