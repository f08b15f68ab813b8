/**
 * The `/metrics` registry: its own prom-client `Registry` (never the global one, so nothing else in
 * the process leaks into it and tests can make as many as they like), filled from each job's last
 * good result and from the evaluator's bookkeeping (successes, failures, durations, skipped ticks).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../advisor/ports';
import type { QueryResult } from '../contract/types';
import { LABEL, METRIC } from '../contract/metrics';
import { jobSamples, type JobSamples } from './resultSamples';
import { SeriesGauge } from './seriesGauge';

type SeriesMetric = keyof JobSamples;

const SERIES_HELP: Record<SeriesMetric, [string, string]> = {
  forecast: [METRIC.forecast, 'Forecast value at a fixed lead time after the last observation, per band.'],
  recommendedReplicas: [METRIC.recommendedReplicas, 'Replicas the plan asks for at the evaluation time.'],
  recommendedReplicasMax: [METRIC.recommendedReplicasMax, 'Most replicas the plan asks for within the horizon.'],
  scaleAction: [METRIC.scaleAction, '1 for the next scale action within the horizon, 0 for the others.'],
  modelInfo: [METRIC.modelInfo, 'Always 1: the forecasting method and where the model came from.'],
  relativeMae: [METRIC.relativeMae, "MAE of the chosen method divided by last-value naive's, on held-out origins."],
  intervalCoverage: [METRIC.intervalCoverage, 'Share of held-out values inside the prediction band.'],
  lastSample: [METRIC.lastSample, "Unix time of the series' last sample (the forecast's origin)."],
};

export class ForesightMetrics {
  readonly registry = new Registry();
  private readonly series: Record<SeriesMetric, SeriesGauge>;
  private readonly lastSuccessMs = new Map<string, number>();
  private readonly lastSuccess: Gauge<'job'>;
  private readonly duration: Gauge<'job'>;
  private readonly durationHistogram: Histogram<'job'>;
  private readonly errors: Counter<'job' | 'reason'>;
  private readonly skipped: Counter<'job'>;
  private readonly seriesCount: Gauge<'job'>;

  constructor(
    jobNames: readonly string[],
    private readonly clock: Clock
  ) {
    const r = [this.registry];
    this.series = Object.fromEntries(
      (Object.keys(SERIES_HELP) as SeriesMetric[]).map((k) => [
        k,
        new SeriesGauge(SERIES_HELP[k][0], SERIES_HELP[k][1], this.registry),
      ])
    ) as Record<SeriesMetric, SeriesGauge>;
    const job = [LABEL.job] as const;
    this.lastSuccess = new Gauge({
      name: METRIC.lastSuccess,
      help: 'Unix time of the last successful evaluation; 0 until the first.',
      labelNames: job,
      registers: r,
    });
    // 0 from the start, so `time() - last_success > X` also alerts on a job that never succeeded
    for (const name of jobNames) {
      this.lastSuccess.set({ job: name }, 0);
    }
    const ages = this.lastSuccessMs;
    const clockNow = () => this.clock.now();
    const names = [...jobNames];
    new Gauge({
      name: METRIC.resultAge,
      help: 'Seconds since the last successful evaluation (grows while evaluations fail); absent before the first.',
      labelNames: job,
      registers: r,
      // Computed at scrape time, so it keeps growing while Prometheus (the source) is down.
      collect() {
        this.reset();
        for (const name of names) {
          const at = ages.get(name);
          if (at !== undefined) {
            this.set({ job: name }, Math.max(0, (clockNow() - at) / 1000));
          }
        }
      },
    });
    this.duration = new Gauge({
      name: METRIC.evaluationDuration,
      help: 'Seconds the last evaluation took.',
      labelNames: job,
      registers: r,
    });
    this.durationHistogram = new Histogram({
      name: METRIC.evaluationDurationHistogram,
      help: 'Seconds evaluations took.',
      labelNames: job,
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers: r,
    });
    this.errors = new Counter({
      name: METRIC.evaluationErrors,
      help: 'Failed evaluations by reason.',
      labelNames: [LABEL.job, LABEL.reason],
      registers: r,
    });
    this.skipped = new Counter({
      name: METRIC.skippedEvaluations,
      help: 'Ticks skipped because the previous evaluation was still running.',
      labelNames: job,
      registers: r,
    });
    this.seriesCount = new Gauge({
      name: METRIC.series,
      help: 'Series this shard forecasts for the job.',
      labelNames: job,
      registers: r,
    });
    for (const name of jobNames) {
      // Present from the start at 0, so `rate()` and `increase()` see the first error.
      this.skipped.inc({ job: name }, 0);
    }
  }

  /** A successful evaluation: its result replaces the job's series metrics as a whole. */
  recordSuccess(job: string, result: QueryResult, horizonMs: number, durationSec: number): void {
    const samples = jobSamples(job, result, horizonMs);
    for (const key of Object.keys(this.series) as SeriesMetric[]) {
      this.series[key].replaceJob(job, samples[key]);
    }
    this.seriesCount.set({ job }, result.series.length);
    const now = this.clock.now();
    this.lastSuccessMs.set(job, now);
    this.lastSuccess.set({ job }, now / 1000);
    this.observeDuration(job, durationSec);
  }

  /** A failed evaluation: the last good series metrics stay, the error is counted by reason. */
  recordFailure(job: string, reason: string, durationSec: number): void {
    this.errors.inc({ job, reason });
    this.observeDuration(job, durationSec);
  }

  recordSkip(job: string): void {
    this.skipped.inc({ job });
  }

  private observeDuration(job: string, sec: number): void {
    this.duration.set({ job }, sec);
    this.durationHistogram.observe({ job }, sec);
  }

  /** Samples of one series metric for one job (for the summary and tests). */
  samples(metric: SeriesMetric, job: string) {
    return this.series[metric].samples(job);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
