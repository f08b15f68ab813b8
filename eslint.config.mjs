import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

/*
 * Layers, data flowing one way (README "Layers"): io → engine → policy → advisor → front doors
 * (worker + datasource, cli, headless) → contract → panel, with common/ the leaf under all of them.
 * `no-restricted-imports` holds the boundaries. Its options do not merge across config blocks (the
 * last block matching a file wins), so every block below lists all the patterns that apply to it.
 * Patterns match the import text as written, which under src/ is always relative.
 */

const NO_UI = {
  group: ['@grafana/*', 'react', 'react/*', 'react-dom', 'react-dom/*', '@emotion/*'],
  message:
    'the engine, policy, io, advisor and common run in Node, a worker and the page: no Grafana, React or Emotion.',
};
const NO_FRONT_DOORS = {
  regex: '(^|/)(panel|datasource|app|components|worker|headless|cli)(/|$)',
  message:
    'data flows one way (io → engine → policy → advisor → front doors → contract → panel): a lower layer never imports a UI folder or a front door.',
};
const COMMON_IS_LEAF = {
  regex: '^\\.\\.(/|$)',
  message: 'src/common is the leaf every layer imports: it imports nothing from the rest of src/.',
};
const NO_NODE_ONLY = {
  group: ['fs', 'path', 'http', 'https', 'os', 'child_process', 'node:*'],
  message: 'src/common runs in the browser too: no Node-only modules.',
};
const NO_TEST_SUPPORT = {
  regex: '(^|/)testing(/|$)',
  message: 'test support (src/testing, src/*/testing) is for tests only and must never reach the plugin bundle.',
};
const NO_PLAYGROUND = {
  regex: '(^|/)playground(/|$)',
  message: 'src/ never imports playground/ (the playground imports src/); test support lives in src/testing.',
};
/** The panel (any depth below src/panel) may reach outside its folder only into contract/ and common/. */
function panelOnly(depth) {
  return {
    regex: `^(\\.\\./){${depth}}(?!(contract|common)(/|$))`,
    message:
      'the panel reads only the frame contract (src/contract) and the shared vocabulary (src/common): engine, policy and data source types reach it through src/contract.',
  };
}

const TESTS = ['src/**/*.test.{ts,tsx}', 'src/**/testing/**'];
/** Layer rules, by folder; each applies to module code and tests alike (tests may also use test support). */
const LAYERS = [
  { files: 'src/{engine,policy,io,advisor}/**/*.{ts,tsx}', patterns: [NO_UI, NO_FRONT_DOORS] },
  { files: 'src/common/**/*.{ts,tsx}', patterns: [NO_UI, NO_NODE_ONLY, COMMON_IS_LEAF] },
  { files: 'src/panel/*.{ts,tsx}', patterns: [panelOnly(1)] },
  { files: 'src/panel/*/*.{ts,tsx}', patterns: [panelOnly(2)] },
  { files: 'src/panel/*/*/*.{ts,tsx}', patterns: [panelOnly(3)] },
];

/** Grafana's base config bans `moment`; blocks that set the rule again must keep that ban. */
const GRAFANA_BANNED = [{ name: 'moment', message: "Grafana's lint bans moment: use dateTime from @grafana/data." }];

function restrict(patterns) {
  return { 'no-restricted-imports': ['error', { paths: GRAFANA_BANNED, patterns }] };
}

const layerRules = [
  // Everything under src/: never the playground; module code never test support.
  { files: ['src/**/*.{ts,tsx}'], ignores: TESTS, rules: restrict([NO_PLAYGROUND, NO_TEST_SUPPORT]) },
  { files: TESTS, rules: restrict([NO_PLAYGROUND]) },
  ...LAYERS.flatMap(({ files, patterns }) => [
    { files: [files], ignores: TESTS, rules: restrict([...patterns, NO_PLAYGROUND, NO_TEST_SUPPORT]) },
    ...TESTS.map((test) => ({ files: [[files, test]], rules: restrict([...patterns, NO_PLAYGROUND]) })),
  ]),
];

/*
 * No function over 80 lines in src/ (blank lines and comments not counted): a long function is a
 * reader's problem. One that must stay long carries
 * `// eslint-disable-next-line max-lines-per-function -- <reason>` beside it.
 */
const functionLength = {
  files: ['src/**/*.{ts,tsx}'],
  ignores: TESTS,
  rules: {
    'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
  },
};

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      // Private build folders (FORESIGHT_BUILD_DIR=dist-NAME).
      'dist-*/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      '.foresight/',
      'tests/test-results/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
    ],
  },
  ...baseConfig,
  {
    // The scaffold lints TypeScript under src/ only; our tooling, tests, bench and playground are code too.
    files: ['scripts/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'playground/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
      },
    },
  },
  {
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
  },
  ...layerRules,
  functionLength,
]);
