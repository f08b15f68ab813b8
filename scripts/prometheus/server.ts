/**
 * Starts Debian's Prometheus on 127.0.0.1 with a given TSDB directory and scrape targets, waits
 * until it answers, and stops it by PID. Flags that matter (shared NOTES): explicit config, TSDB
 * path and listen address (the defaults point at system paths and 0.0.0.0), and a long retention
 * (retention counts back from the newest block; the default 15 days would delete the backfill).
 */
import fs from 'fs';
import path from 'path';
import { LOOPBACK, freePort, waitUntil } from '../lib/net';
import { startLogged, tail } from '../lib/process';

export interface ScrapeTarget {
  job: string;
  /** host:port */
  address: string;
  /** Fixed `instance` label, so live samples continue the backfilled series. */
  instance?: string;
  intervalSec?: number;
  /** Path of the metrics endpoint (default /metrics). */
  metricsPath?: string;
  /**
   * Keep the `job` (and other) labels the target sets on its samples instead of overwriting them
   * with this scrape job's: Foresight `serve` labels every sample with its own job name.
   */
  honorLabels?: boolean;
}

/** Rule evaluation for a Prometheus that loads alerting/recording rules. */
export interface RuleOptions {
  /** Absolute paths of rule files (`rule_files:`). */
  ruleFiles?: string[];
  /** `evaluation_interval` in seconds (default 15). */
  evaluationIntervalSec?: number;
}

export interface PrometheusServer {
  url: string;
  port: number;
  pid: number;
  tsdbDir: string;
  logFile: string;
  stop(): Promise<void>;
}

export function renderConfig(targets: ScrapeTarget[], rules: RuleOptions = {}): string {
  const jobs = targets.map((t) =>
    [
      `  - job_name: ${JSON.stringify(t.job)}`,
      `    scrape_interval: ${t.intervalSec ?? 5}s`,
      ...(t.metricsPath ? [`    metrics_path: ${JSON.stringify(t.metricsPath)}`] : []),
      ...(t.honorLabels ? ['    honor_labels: true'] : []),
      `    static_configs:`,
      `      - targets: [${JSON.stringify(t.address)}]`,
      ...(t.instance
        ? [
            `    relabel_configs:`,
            `      - target_label: instance`,
            `        replacement: ${JSON.stringify(t.instance)}`,
          ]
        : []),
    ].join('\n')
  );
  return (
    [
      'global:',
      '  scrape_interval: 15s',
      `  evaluation_interval: ${rules.evaluationIntervalSec ?? 15}s`,
      ...(rules.ruleFiles?.length ? ['rule_files:', ...rules.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)] : []),
      'scrape_configs:',
      ...(jobs.length ? jobs : ['  []']),
    ].join('\n') + '\n'
  );
}

export async function startPrometheusServer(opts: {
  binary: string;
  tsdbDir: string;
  workDir: string;
  targets?: ScrapeTarget[];
  port?: number;
  /**
   * Serve `/-/quit` and `/-/reload` (off by default: anything that can reach the port could stop
   * Prometheus; only a test that needs a reload should ask for it).
   */
  enableLifecycle?: boolean;
  /** Alerting/recording rules to load, and how often to evaluate them. */
  rules?: RuleOptions;
  /**
   * Store native histograms and accept remote writes (`scripts/prometheus/remoteWrite.ts`): the only
   * way to put native histograms into Debian's Prometheus 2.42 without a protobuf scrape target.
   */
  nativeHistograms?: boolean;
}): Promise<PrometheusServer> {
  const port = opts.port ?? (await freePort());
  fs.mkdirSync(opts.workDir, { recursive: true });
  const configFile = path.join(opts.workDir, 'prometheus.yml');
  fs.writeFileSync(configFile, renderConfig(opts.targets ?? [], opts.rules));
  const logFile = path.join(opts.workDir, 'prometheus.log');
  const proc = startLogged(
    opts.binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${opts.tsdbDir}`,
      `--storage.tsdb.retention.time=10y`,
      `--web.listen-address=${LOOPBACK}:${port}`,
      ...(opts.enableLifecycle ? ['--web.enable-lifecycle'] : []),
      ...(opts.nativeHistograms ? ['--enable-feature=native-histograms', '--web.enable-remote-write-receiver'] : []),
      '--log.level=warn',
    ],
    logFile
  );
  const url = `http://${LOOPBACK}:${port}`;
  try {
    await waitUntil(
      `Prometheus on ${url}`,
      async () => {
        if (proc.child.exitCode !== null) {
          throw new Error(`Prometheus exited with code ${proc.child.exitCode}: ${tail(logFile, 5)}`);
        }
        const res = await fetch(`${url}/-/ready`);
        return res.ok;
      },
      60_000
    );
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return { url, port, pid: proc.pid, tsdbDir: opts.tsdbDir, logFile, stop: () => proc.stop() };
}
