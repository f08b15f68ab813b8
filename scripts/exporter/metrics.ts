/**
 * The live demo exporter's metrics (prom-client), advanced once per tick from the traffic model.
 * Counters grow by rate × elapsed time; the latency histogram gets stratified samples (quantiles
 * of the model's distribution) so its buckets follow the same curve the history backfill wrote.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  type Clock,
  LATENCY_BUCKETS,
  MODEL_VERSIONS,
  SERVICE,
  historyOrigin,
  latencyQuantile,
  modelCallRate,
  serviceState,
} from './traffic';
import { historyTotals } from './history';

/** More samples per tick than this only cost CPU; the histogram's shape is already exact. */
const MAX_LATENCY_SAMPLES_PER_TICK = 2000;

export interface DemoMetrics {
  registry: Registry;
  /** Advances every metric from the last tick to `nowMs`. */
  tick(nowMs: number): void;
}

/**
 * `historyNowMs`: the "now" the backfilled history was generated for, when known (the stack), so the
 * counters continue from exactly its last sample; otherwise the history this instant would have had.
 */
export function createDemoMetrics(clock: Clock, startMs: number, historyNowMs = startMs): DemoMetrics {
  const registry = new Registry();
  const modelCalls = new Counter({
    name: 'model_call_count',
    help: 'Model inference calls',
    labelNames: ['model_name', 'model_version'],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests',
    labelNames: ['service', 'code'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_request_errors_total',
    help: 'HTTP requests that failed',
    labelNames: ['service'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Request latency',
    labelNames: ['service'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests in flight',
    labelNames: ['service'],
    registers: [registry],
  });
  const cpu = new Gauge({
    name: 'service_cpu_utilization_ratio',
    help: 'CPU utilisation',
    labelNames: ['service'],
    registers: [registry],
  });
  const replicas = new Gauge({
    name: 'service_replicas',
    help: 'Current replicas',
    labelNames: ['service'],
    registers: [registry],
  });

  // Same origin as the backfill, so the decaying model version is as old live as in history.
  const origin = historyOrigin(startMs, clock);
  // Continue the backfilled counters instead of starting at zero: a reset right at "now" would show
  // as a dip exactly where the forecast starts. (The histogram cannot be seeded in prom-client; its
  // quantiles are ratios of bucket rates, which a reset barely moves.)
  const seed = historyTotals(historyNowMs, clock);
  MODEL_VERSIONS.forEach((v, i) =>
    modelCalls.inc({ model_name: v.model_name, model_version: v.model_version }, seed.modelCalls[i])
  );
  requests.inc({ service: SERVICE, code: '200' }, seed.ok);
  requests.inc({ service: SERVICE, code: '500' }, seed.errors);
  errors.inc({ service: SERVICE }, seed.errors);
  let last = startMs;
  const carry = { requests: 0, errors: 0 };

  function tick(nowMs: number): void {
    const dtSec = Math.max(0, (nowMs - last) / 1000);
    last = nowMs;
    MODEL_VERSIONS.forEach((v, i) => {
      modelCalls.inc(
        { model_name: v.model_name, model_version: v.model_version },
        modelCallRate(v, i, nowMs, origin, clock) * dtSec
      );
    });
    const s = serviceState(nowMs, clock);
    const failed = s.errorsPerSec * dtSec;
    const served = s.requestsPerSec * dtSec - failed;
    requests.inc({ service: SERVICE, code: '200' }, served);
    requests.inc({ service: SERVICE, code: '500' }, failed);
    errors.inc({ service: SERVICE }, failed);
    carry.requests += s.requestsPerSec * dtSec;
    const n = Math.min(MAX_LATENCY_SAMPLES_PER_TICK, Math.floor(carry.requests));
    carry.requests -= Math.floor(carry.requests);
    for (let k = 0; k < n; k++) {
      latency.observe({ service: SERVICE }, latencyQuantile((k + 0.5) / n, s.latencyMedianSec));
    }
    inFlight.set({ service: SERVICE }, Math.round(s.inFlight));
    cpu.set({ service: SERVICE }, Number(s.cpuUtilization.toFixed(4)));
    replicas.set({ service: SERVICE }, s.replicas);
  }

  // Expose every series from the first scrape on.
  tick(startMs);
  return { registry, tick };
}
