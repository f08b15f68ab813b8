/**
 * The playground's own Foresight server (`src/headless`): the example jobs of
 * deploy/examples/foresight.yaml against the playground's Prometheus, which scrapes it, so the
 * "Forecasts from the Foresight server" dashboard shows real published forecasts. The jobs run as
 * written (the example's 3-day training window, every method), evaluated every minute. Until
 * 2026-12-05 they were trained on one day so the forecasts would be there within a minute; but one day
 * holds too few points for anything but the last value (every other method was skipped, with six
 * warnings per job per minute in serve.log), so that dashboard showed naive lines with "Accuracy not
 * measured". Fine-tuned from the base model, both jobs now take about 3.4 s per evaluation (7 series,
 * `serve --once` against the playground's Prometheus). Bound to 127.0.0.1 and stopped by PID with the
 * stack.
 */
import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import { LOOPBACK, waitUntil } from '../scripts/lib/net';
import { REPO_ROOT } from '../scripts/lib/paths';
import { startLogged, tail, type Started } from '../scripts/lib/process';

export const SERVE_SCRAPE_JOB = 'foresight-serve';

interface ExampleConfig {
  jobs: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

/** The config file's text, and how many jobs it runs. */
function playgroundConfig(prometheusUrl: string, port: number, workDir: string): { text: string; jobs: number } {
  const example = yaml.load(
    fs.readFileSync(path.join(REPO_ROOT, 'deploy/examples/foresight.yaml'), 'utf8')
  ) as ExampleConfig;
  const text = yaml.dump({
    ...example,
    listen: `${LOOPBACK}:${port}`,
    prometheus: { url: prometheusUrl, timeout: '30s' },
    modelDir: path.join(workDir, 'models'),
    jobs: example.jobs.map((job) => ({ ...job, interval: '1m' })),
  });
  return { text, jobs: example.jobs.length };
}

/** Starts serve and resolves once Prometheus has scraped a forecast of every job. */
export async function startPlaygroundServe(prometheusUrl: string, port: number, workDir: string): Promise<Started> {
  const configFile = path.join(workDir, 'foresight.yaml');
  const { text, jobs } = playgroundConfig(prometheusUrl, port, workDir);
  fs.writeFileSync(configFile, text);
  const serve = startLogged(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src/headless/main.ts'), '--config', configFile],
    path.join(workDir, 'serve.log')
  );
  try {
    await waitUntil(
      'the Foresight server’s forecasts in Prometheus',
      async () => {
        if (serve.child.exitCode !== null) {
          throw new Error(`serve exited with ${serve.child.exitCode}: ${tail(serve.logFile, 10)}`);
        }
        // Every job, and a minute ago: the panel reads the published forecasts up to the newest
        // sample of its actuals, which trails the clock by up to a scrape interval; a dashboard
        // opened right after the first publication said "The query returned no data" (about one
        // run in two of the dashboards spec alone).
        const query = 'count by (job) (foresight_forecast offset 1m)';
        const url = `${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`;
        const body = (await (await fetch(url)).json()) as { data?: { result?: unknown[] } };
        return (body.data?.result?.length ?? 0) >= jobs;
      },
      120_000,
      1000
    );
  } catch (err) {
    await serve.stop();
    throw err;
  }
  return serve;
}
