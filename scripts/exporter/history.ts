/**
 * The demo exporter's past, as OpenMetrics families for the backfill: the same deterministic
 * traffic model as the live exporter, sampled every history step (`historyStepMs`: 15 s with the real
 * day, the live scrape interval) over HISTORY_DAYS days.
 */
import type { MetricFamily, UnknownFamily } from '../prometheus/openmetrics';
import type { Sample } from '../prometheus/nabCsv';
import { historyStepMs, recordedCount, TrafficIntegral } from './integral';
import {
  type Clock,
  HISTORY_DAYS,
  LATENCY_BUCKETS,
  MODEL_VERSIONS,
  SERVICE,
  historyOrigin,
  latencyCdf,
  serviceState,
} from './traffic';

const JOB = { job: 'demo-service', instance: 'demo-exporter' };

function unknown(name: string, help: string, labels: Record<string, string>): UnknownFamily {
  return { type: 'unknown', name, help, labels: { ...JOB, ...labels }, samples: [] };
}

/** Counter totals the history has reached, so a live exporter can continue them without a reset. */
export interface HistoryTotals {
  modelCalls: number[];
  ok: number;
  errors: number;
  /** Cumulative count per latency bucket, the last one being +Inf. */
  buckets: number[];
  latencySum: number;
}

interface HistoryStep {
  t: number;
  totals: HistoryTotals;
  state: ReturnType<typeof serviceState>;
}

/**
 * Walks the traffic model from the history origin up to `nowMs`, one history step at a
 * time. Each visit sees the totals AT its time (the integral up to `t`, as the live exporter reports
 * it at the wall clock; see integral.ts). The latency histogram is accumulated the same way here;
 * the live one starts afresh (prom-client histograms cannot be seeded; their quantiles are ratios of
 * bucket rates, which a reset barely moves).
 */
function walkHistory(nowMs: number, clock: Clock, visit: (step: HistoryStep) => void): HistoryTotals {
  const origin = historyOrigin(nowMs, clock);
  const integral = new TrafficIntegral(origin, clock);
  const stepMs = historyStepMs(clock);
  const stepSec = stepMs / 1000;
  const totals: HistoryTotals = {
    modelCalls: MODEL_VERSIONS.map(() => 0),
    ok: 0,
    errors: 0,
    buckets: [...LATENCY_BUCKETS, Infinity].map(() => 0),
    latencySum: 0,
  };
  // Up to and including `nowMs`: the live exporter continues from there (integral.ts).
  for (let t = origin; t <= nowMs; t += stepMs) {
    const counters = integral.at(t);
    totals.modelCalls = counters.modelCalls;
    totals.ok = counters.ok;
    totals.errors = counters.errors;
    const state = serviceState(t, clock);
    visit({ t, totals, state });
    const n = state.requestsPerSec * stepSec;
    LATENCY_BUCKETS.forEach((le, i) => {
      totals.buckets[i] += n * latencyCdf(le, state.latencyMedianSec);
    });
    totals.buckets[LATENCY_BUCKETS.length] += n;
    // Mean of a log-normal with sigma 0.6 is median * exp(0.18).
    totals.latencySum += n * state.latencyMedianSec * Math.exp(0.18);
  }
  return totals;
}

export function historyTotals(nowMs: number, clock: Clock): HistoryTotals {
  return walkHistory(nowMs, clock, () => undefined);
}

export function exporterHistory(nowMs: number, clock: Clock): MetricFamily[] {
  const models = MODEL_VERSIONS.map((v) =>
    unknown('model_call_count', 'Model inference calls', { model_name: v.model_name, model_version: v.model_version })
  );
  const ok = unknown('http_requests_total', 'HTTP requests', { service: SERVICE, code: '200' });
  const failed = unknown('http_requests_total', 'HTTP requests', { service: SERVICE, code: '500' });
  const errors = unknown('http_request_errors_total', 'HTTP requests that failed', { service: SERVICE });
  const buckets = [...LATENCY_BUCKETS.map(String), '+Inf'].map((le) =>
    unknown('http_request_duration_seconds_bucket', 'Request latency', { service: SERVICE, le })
  );
  const sum = unknown('http_request_duration_seconds_sum', 'Request latency', { service: SERVICE });
  const count = unknown('http_request_duration_seconds_count', 'Request latency', { service: SERVICE });
  const gauge = (name: string, help: string) => ({
    type: 'gauge' as const,
    name,
    help,
    labels: { ...JOB, service: SERVICE },
    samples: [] as Sample[],
  });
  const inFlight = gauge('http_requests_in_flight', 'Requests in flight');
  const cpu = gauge('service_cpu_utilization_ratio', 'CPU utilisation');
  const replicas = gauge('service_replicas', 'Current replicas');

  walkHistory(nowMs, clock, ({ t, totals, state }) => {
    models.forEach((m, i) => m.samples.push({ t, v: recordedCount(totals.modelCalls[i]) }));
    ok.samples.push({ t, v: recordedCount(totals.ok) });
    failed.samples.push({ t, v: recordedCount(totals.errors) });
    errors.samples.push({ t, v: recordedCount(totals.errors) });
    buckets.forEach((b, i) => b.samples.push({ t, v: recordedCount(totals.buckets[i]) }));
    sum.samples.push({ t, v: recordedCount(totals.latencySum) });
    count.samples.push({ t, v: recordedCount(totals.buckets[LATENCY_BUCKETS.length]) });
    inFlight.samples.push({ t, v: Math.round(state.inFlight) });
    cpu.samples.push({ t, v: Number(state.cpuUtilization.toFixed(4)) });
    replicas.samples.push({ t, v: state.replicas });
  });
  return [...models, ok, failed, errors, ...buckets, sum, count, inFlight, cpu, replicas];
}

export { HISTORY_DAYS };
