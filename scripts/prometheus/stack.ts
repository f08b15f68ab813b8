/**
 * The project's real Prometheus, reusable by tests, the benchmark, the playground and the demo:
 * Debian's Prometheus with every NAB series backfilled (shifted by whole steps to end within one
 * step before now) and the edge cases' series made from them (demoSeries.ts), the demo exporter's
 * 7 days of history backfilled, and the live exporter scraped at the history's own step (15 s with
 * the real day; `historyStepMs` says why), which also continues the NAB series live on their own
 * step (liveReplay.ts), so they never go stale while the stack runs.
 */
import fs from 'fs';
import path from 'path';
import { startExporter, dayLengthFromEnv, type ExporterHandle } from '../exporter/server';
import { REPLAY_PATH } from '../exporter/replayMetrics';
import { exporterHistory } from '../exporter/history';
import { historyStepMs } from '../exporter/integral';
import { DEFAULT_NAB_DIR, RUNTIME_DIR } from '../lib/paths';
import { backfill, loadCsvDir, type LoadedCsv } from './backfill';
import { demoSeries } from './demoSeries';
import { familiesBetween, seriesFamilies } from './liveReplay';
import { ensurePrometheus } from './install';
import { startHistogramWriter, type HistogramWriter } from './remoteWrite';
import { startPrometheusServer, type PrometheusServer, type RuleOptions, type ScrapeTarget } from './server';

export interface StackOptions {
  /** Directory of NAB-format CSVs (searched recursively). Default: ../shared/data/nab. */
  csvDir?: string;
  /** Start the demo exporter, backfill its history and scrape it. Default true. */
  exporter?: boolean;
  /** Length of a simulated day for the exporter (FORESIGHT_DAY_SECONDS). */
  dayLengthSec?: number;
  prometheusPort?: number;
  exporterPort?: number;
  /** Keep the TSDB directory after stop (for inspection). */
  keepData?: boolean;
  /** More scrape targets beside the exporter (e.g. Foresight `serve` on a port chosen in advance). */
  extraTargets?: ScrapeTarget[];
  /** Alerting/recording rule files and their evaluation interval. */
  rules?: RuleOptions;
  /**
   * Let Prometheus store native histograms, and write one such series live every 15 s
   * (`HISTOGRAM_DEMO_METRIC`), for the panel's refusal of them.
   */
  nativeHistograms?: boolean;
}

/** A request-latency native histogram: what a query must turn into numbers before Foresight can use it. */
export const HISTOGRAM_DEMO_METRIC = 'foresight_demo_request_duration_seconds';
const HISTOGRAM_DEMO_STEP_MS = 15_000;

export interface StackHandle {
  prometheusUrl: string;
  exporterUrl?: string;
  /** The CSV series as loaded (after shift/de-dup), for tests that compare against Prometheus. */
  series: LoadedCsv[];
  prometheusPid(): number;
  /** Stops Prometheus only (simulates an outage); `restartPrometheus` brings it back on the same port and data. */
  stopPrometheus(): Promise<void>;
  restartPrometheus(): Promise<void>;
  /**
   * Freezes Prometheus (SIGSTOP): its port still accepts connections but nothing answers, as a server
   * that is overloaded or stuck does, which a stopped one (connection refused) does not show.
   * `resumePrometheus` lets it go on (SIGCONT) and answer what waited.
   */
  pausePrometheus(): void;
  resumePrometheus(): void;
  stop(): Promise<void>;
}

/**
 * More than the exporter's backfill and Prometheus's start-up take (measured at 5–9 s with a
 * minute-spaced history; its 15 s spacing adds about 5 s), so the first scrapes land on or before
 * the history's end and are dropped, and the first kept one follows it within one scrape interval.
 * At 10 s the backfill sometimes outlasted it: the first kept scrape came 25 s after the history,
 * and [2m] windows over that gap read 10 % low.
 */
export const EXPORTER_HISTORY_LEAD_MS = 20_000;

export async function startStack(opts: StackOptions = {}): Promise<StackHandle> {
  const started = Date.now();
  const binaries = ensurePrometheus();
  const nowMs = Date.now();
  const csvDir = opts.csvDir ?? DEFAULT_NAB_DIR;
  const series = loadCsvDir(csvDir, nowMs);
  const withExporter = opts.exporter ?? true;
  const dayLengthSec = opts.dayLengthSec ?? dayLengthFromEnv();

  const workDir = fs.mkdtempSync(path.join(fs.mkdirSync(RUNTIME_DIR, { recursive: true }) ?? RUNTIME_DIR, 'stack-'));
  const tsdbDir = path.join(workDir, 'tsdb');
  const backfilled = demoSeries(series, nowMs);
  const families = backfilled.flatMap((s) => seriesFamilies(s, nowMs));
  if (families.length > 0) {
    await backfill(binaries.promtool, families, tsdbDir, workDir);
  }

  let exporter: ExporterHandle | undefined;
  const targets: ScrapeTarget[] = [];
  if (withExporter) {
    // The exporter's history is written last and ends a little AHEAD of the clock, where the first
    // live scrapes will land: a hole between the last backfilled sample and the first scrape made
    // rate() windows ending in it read up to 50 % low. Scrapes before that end are dropped by
    // Prometheus as out of bounds, harmlessly: the history holds the same integral (integral.ts).
    // The NAB series' continuation up to the same end goes into this backfill too: the exporter
    // serves their later samples live, and one inside the lead would be dropped as out of bounds.
    const historyNowMs = Date.now() + EXPORTER_HISTORY_LEAD_MS;
    const continued = familiesBetween(
      backfilled.flatMap((s) => seriesFamilies(s, historyNowMs)),
      nowMs,
      historyNowMs
    );
    await backfill(
      binaries.promtool,
      [...exporterHistory(historyNowMs, { dayLengthSec }), ...continued],
      tsdbDir,
      workDir
    );
    exporter = await startExporter({
      port: opts.exporterPort,
      dayLengthSec,
      historyNowMs,
      replay: { series: backfilled, backfilledUntilMs: historyNowMs },
    });
    targets.push(
      {
        job: 'demo-service',
        address: `127.0.0.1:${exporter.port}`,
        instance: 'demo-exporter',
        intervalSec: historyStepMs({ dayLengthSec }) / 1000,
      },
      // The NAB series carry their own job and instance labels and their samples' timestamps.
      {
        job: 'nab-replay',
        address: `127.0.0.1:${exporter.port}`,
        metricsPath: REPLAY_PATH,
        honorLabels: true,
        intervalSec: 15,
      }
    );
  }

  targets.push(...(opts.extraTargets ?? []));
  const launch = (port?: number) =>
    startPrometheusServer({
      binary: binaries.prometheus,
      tsdbDir,
      workDir,
      targets,
      port,
      rules: opts.rules,
      nativeHistograms: opts.nativeHistograms,
    });
  let prometheus: PrometheusServer | undefined;
  let histogramWriter: HistogramWriter | undefined;
  let paused = false;
  // A frozen process handles no SIGTERM until it runs again, so every stop lets it run first.
  const resume = () => {
    if (paused && prometheus) {
      process.kill(prometheus.pid, 'SIGCONT');
    }
    paused = false;
  };
  try {
    prometheus = await launch(opts.prometheusPort);
    if (opts.nativeHistograms) {
      histogramWriter = startHistogramWriter(
        prometheus.url,
        { __name__: HISTOGRAM_DEMO_METRIC, job: 'foresight-demo', instance: 'native-histogram' },
        HISTOGRAM_DEMO_STEP_MS
      );
      await histogramWriter.ready;
    }
  } catch (e) {
    histogramWriter?.stop();
    await prometheus?.stop();
    await exporter?.stop();
    throw e;
  }
  const port = prometheus.port;
  if (process.env.FORESIGHT_VERBOSE) {
    console.log(`Stack ready in ${Date.now() - started} ms: ${series.length} CSV series, Prometheus ${prometheus.url}`);
  }

  return {
    prometheusUrl: prometheus.url,
    exporterUrl: exporter?.url,
    series,
    prometheusPid: () => prometheus?.pid ?? -1,
    async stopPrometheus() {
      resume();
      await prometheus?.stop();
      prometheus = undefined;
    },
    async restartPrometheus() {
      if (!prometheus) {
        prometheus = await launch(port);
      }
    },
    pausePrometheus() {
      if (prometheus && !paused) {
        process.kill(prometheus.pid, 'SIGSTOP');
        paused = true;
      }
    },
    resumePrometheus: resume,
    async stop() {
      try {
        histogramWriter?.stop();
        resume();
        await prometheus?.stop();
        prometheus = undefined;
        await exporter?.stop();
      } finally {
        if (!opts.keepData) {
          fs.rmSync(workDir, { recursive: true, force: true });
        }
      }
    },
  };
}
