/**
 * The live demo exporter's metrics (prom-client), advanced once per tick from the traffic model.
 * Counters grow by rate × elapsed time; the latency histogram gets stratified samples (quantiles
 * of the model's distribution) so its buckets follow the same curve the history backfill wrote.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type CounterTotals, recordedCount, TrafficIntegral } from './integral';
import {
  type Clock,
  LATENCY_BUCKETS,
  MODEL_VERSIONS,
  SERVICE,
  historyOrigin,
  latencyQuantile,
  serviceState,
} from './traffic';

/** More samples per tick than this only cost CPU; the histogram's shape is already exact. */
const MAX_LATENCY_SAMPLES_PER_TICK = 2000;

export interface DemoMetrics {
  registry: Registry;
  /** Advances every metric from the last tick to `nowMs`. */
  tick(nowMs: number): void;
}

/**
 * `historyNowMs`: the "now" the backfilled history was generated for, when known (the stack), so the
 * counters integrate from the same origin as its samples; otherwise the history this instant would
 * have had. Counters always report the integral of the model's rates from that origin up to the
 * wall clock (see integral.ts), however long the backfill and start-up took.
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

  // Same origin as the backfill, so the decaying model version is as old live as in history and
  // the counters continue its samples exactly.
  const integral = new TrafficIntegral(historyOrigin(historyNowMs, clock), clock);
  // What each counter has reported so far; prom-client counters only go up, by the difference.
  let reported: CounterTotals = { modelCalls: MODEL_VERSIONS.map(() => 0), ok: 0, errors: 0 };
  let last = startMs;
  const carry = { requests: 0 };

  function advanceCounters(nowMs: number): void {
    const exact = integral.at(Math.max(nowMs, integral.originMs));
    const target: CounterTotals = {
      modelCalls: exact.modelCalls.map(recordedCount),
      ok: recordedCount(exact.ok),
      errors: recordedCount(exact.errors),
    };
    MODEL_VERSIONS.forEach((v, i) => {
      const delta = target.modelCalls[i] - reported.modelCalls[i];
      if (delta > 0) {
        modelCalls.inc({ model_name: v.model_name, model_version: v.model_version }, delta);
      }
    });
    if (target.ok > reported.ok) {
      requests.inc({ service: SERVICE, code: '200' }, target.ok - reported.ok);
    }
    if (target.errors > reported.errors) {
      requests.inc({ service: SERVICE, code: '500' }, target.errors - reported.errors);
      errors.inc({ service: SERVICE }, target.errors - reported.errors);
    }
    reported = target;
  }

  function tick(nowMs: number): void {
    const dtSec = Math.max(0, (nowMs - last) / 1000);
    last = Math.max(last, nowMs);
    advanceCounters(nowMs);
    const s = serviceState(nowMs, clock);
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
