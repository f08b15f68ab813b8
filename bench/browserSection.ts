/**
 * The browser section of `npm run bench`: runs `bench/browser/run.ts` (real Prometheus, the built
 * plugin in headless Debian Chromium, 100 series) as a child process, so its browser and servers
 * live and die apart from the engine figures, then reads what it wrote. Skipped, with the reason
 * in the results, when there is no build to measure (`npm run build` first) or with `--no-browser`.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { BrowserBenchResults } from './browser/report';

const ROOT = join(__dirname, '..');

export interface BrowserSection {
  ran: boolean;
  /** Why it did not run, or why it failed. */
  note?: string;
  target?: { name: string; value: string; met: boolean };
  markdown: string;
}

export function runBrowserSection(skip: boolean, log: (s: string) => void): BrowserSection {
  const dist = process.env.FORESIGHT_PLAYGROUND_DIST ?? 'dist';
  const why = skip
    ? '--no-browser or --quick'
    : existsSync(join(ROOT, dist, 'plugin.json'))
      ? undefined
      : `no build in ${dist}/ (run npm run build)`;
  if (why) {
    return { ran: false, note: why, markdown: `## Browser: 100 series\n\nNot run: ${why}.\n` };
  }
  log('browser: running bench/browser/run.ts (npm run bench:browser)');
  const child = spawnSync('npx', ['tsx', join('bench', 'browser', 'run.ts')], { cwd: ROOT, stdio: 'inherit' });
  const file = join(ROOT, 'bench', 'browser', 'results.json');
  if (child.status !== 0 || !existsSync(file)) {
    const note = `bench/browser/run.ts exited with ${child.status ?? child.signal}`;
    return { ran: false, note, markdown: `## Browser: 100 series\n\nFailed: ${note}.\n` };
  }
  const r = JSON.parse(readFileSync(file, 'utf8')) as BrowserBenchResults;
  const first = (id: 'autoFirst' | 'autoReload') => {
    const v = r.visits[id]?.timings;
    return v?.firstAfterDataMs === undefined ? 'none' : `${(v.firstAfterDataMs / 1000).toFixed(2)} s`;
  };
  const value = `first visit ${first('autoFirst')}, reload ${first('autoReload')}`;
  return {
    ran: true,
    target: { name: `Browser: ${r.target.text}`, value, met: r.target.met },
    markdown: `## Browser: 100 series\n\n${r.target.met ? 'Met' : 'Not met'}: ${r.target.text} (${value}); details, all visits and ratios to the naive baseline in [bench/browser/RESULTS.md](browser/RESULTS.md).\n`,
  };
}
