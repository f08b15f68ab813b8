/**
 * `serve` assembled: the config's jobs, their states, the metrics registry, the model store on disk,
 * the Prometheus client and the runner, wired together once. `main.ts` parses arguments and signals;
 * tests build a service with a fake source and clock.
 */
import type { Clock, ForecastRunner } from '../advisor/ports';
import type { ServeConfig } from './config';
import { DiskModelCache } from './diskModelCache';
import { evaluateJob, newJobState, type JobSource, type JobState } from './evaluateJob';
import { ForesightMetrics } from './metrics';
import { createNodeRunner } from './nodeRunner';
import { NoticeLog } from './noticeLog';
import { FailureLog } from './failureLog';
import { HttpRangeSource } from './prometheusSource';
import { Scheduler, REAL_TIMERS, type Timers } from './scheduler';
import { startServer, type ServeHandle } from './server';

export interface ServiceOptions {
  clock?: Clock;
  source?: JobSource;
  runner?: () => Promise<ForecastRunner>;
  timers?: Timers;
  log?: (line: string) => void;
}

const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

export class ServeService {
  readonly states: JobState[];
  readonly metrics: ForesightMetrics;
  readonly modelCache: DiskModelCache;
  private readonly clock: Clock;
  private readonly source: JobSource;
  private readonly runner: () => Promise<ForecastRunner>;
  private readonly log: (line: string) => void;
  private readonly notices: NoticeLog;
  private readonly failures: FailureLog;
  private scheduler?: Scheduler;
  private handle?: ServeHandle;

  constructor(
    readonly config: ServeConfig,
    private readonly options: ServiceOptions = {}
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.states = config.jobs.map(newJobState);
    this.metrics = new ForesightMetrics(
      config.jobs.map((j) => j.name),
      this.clock
    );
    this.log = options.log ?? ((line) => process.stderr.write(`${new Date(this.clock.now()).toISOString()} ${line}\n`));
    this.modelCache = new DiskModelCache(
      config.modelDir,
      (problem) => this.log(`model store: ${problem}`),
      config.modelDirMaxBytes
    );
    this.notices = new NoticeLog(this.log, this.clock);
    this.failures = new FailureLog(this.log, this.clock);
    this.source =
      options.source ??
      new HttpRangeSource(config.prometheus.url, config.prometheus.timeoutMs, undefined, (job, text) =>
        this.notices.say(job, `Prometheus: ${text}`)
      );
    let shared: Promise<ForecastRunner> | undefined;
    this.runner = options.runner ?? (() => (shared ??= Promise.resolve(createNodeRunner(config.backend))));
  }

  private evaluate(state: JobState, signal?: AbortSignal): Promise<boolean> {
    return evaluateJob(
      {
        source: this.source,
        advisor: {
          runner: this.runner,
          modelCache: this.modelCache,
          clock: this.clock,
          backend: this.config.backend,
          maxSeries: this.config.maxSeries,
        },
        metrics: this.metrics,
        clock: this.clock,
        shard: this.config.shard,
        log: this.log,
        notices: this.notices,
        failures: this.failures,
      },
      state,
      signal
    );
  }

  /** Every job once, one after the other; true when all succeeded. */
  async evaluateOnce(): Promise<boolean> {
    let ok = true;
    for (const state of this.states) {
      ok = (await this.evaluate(state)) && ok;
    }
    return ok;
  }

  /** Serves HTTP and starts the schedule (every job runs at once, then on its interval). */
  async start(): Promise<ServeHandle> {
    this.handle = await startServer(this.config.listen, {
      metrics: this.metrics,
      states: this.states,
      clock: this.clock,
    });
    this.scheduler = new Scheduler(
      this.states.map((state) => ({
        name: state.job.name,
        intervalMs: state.job.intervalMs,
        run: (signal) => this.evaluate(state, signal),
      })),
      this.clock,
      (name) => {
        this.metrics.recordSkip(name);
        this.log(`job ${name}: tick skipped, the previous evaluation is still running`);
      },
      this.options.timers ?? REAL_TIMERS
    );
    this.scheduler.start();
    return this.handle;
  }

  async stop(graceMs?: number): Promise<void> {
    await this.scheduler?.stop(graceMs);
    await this.handle?.close();
    const runner = await this.runnerIfStarted();
    runner?.dispose();
  }

  private async runnerIfStarted(): Promise<ForecastRunner | undefined> {
    return this.options.runner ? undefined : this.runner().catch(() => undefined);
  }
}
