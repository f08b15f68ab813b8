/**
 * The demo exporter's past, as OpenMetrics families for the backfill: the same deterministic
 * traffic model as the live exporter, sampled every simulated minute over HISTORY_DAYS days.
 */
import type { MetricFamily, UnknownFamily } from '../prometheus/openmetrics';
import type { Sample } from '../prometheus/nabCsv';
import {
  type Clock,
  HISTORY_DAYS,
  LATENCY_BUCKETS,
  MODEL_VERSIONS,
  SERVICE,
  dayMs,
  historyOrigin,
  latencyCdf,
  modelCallRate,
  serviceState,
} from './traffic';

const JOB = { job: 'demo-service', instance: 'demo-exporter' };

function unknown(name: string, help: string, labels: Record<string, string>): UnknownFamily {
  return { type: 'unknown', name, help, labels: { ...JOB, ...labels }, samples: [] };
}

export function exporterHistory(nowMs: number, clock: Clock): MetricFamily[] {
  const origin = historyOrigin(nowMs, clock);
  const stepMs = Math.max(1000, Math.round(dayMs(clock) / 1440));
  const end = nowMs - stepMs;
  const stepSec = stepMs / 1000;

  const models = MODEL_VERSIONS.map((v) =>
    unknown('model_call_count', 'Model inference calls', { model_name: v.model_name, model_version: v.model_version })
  );
  const modelTotals = MODEL_VERSIONS.map(() => 0);
  const ok = unknown('http_requests_total', 'HTTP requests', { service: SERVICE, code: '200' });
  const failed = unknown('http_requests_total', 'HTTP requests', { service: SERVICE, code: '500' });
  const errors = unknown('http_request_errors_total', 'HTTP requests that failed', { service: SERVICE });
  const buckets = [...LATENCY_BUCKETS.map(String), '+Inf'].map((le) =>
    unknown('http_request_duration_seconds_bucket', 'Request latency', { service: SERVICE, le })
  );
  const sum = unknown('http_request_duration_seconds_sum', 'Request latency', { service: SERVICE });
  const count = unknown('http_request_duration_seconds_count', 'Request latency', { service: SERVICE });
  const gauges = {
    inFlight: { type: 'gauge' as const, name: 'http_requests_in_flight', help: 'Requests in flight', labels: { ...JOB, service: SERVICE }, samples: [] as Sample[] },
    cpu: { type: 'gauge' as const, name: 'service_cpu_utilization_ratio', help: 'CPU utilisation', labels: { ...JOB, service: SERVICE }, samples: [] as Sample[] },
    replicas: { type: 'gauge' as const, name: 'service_replicas', help: 'Current replicas', labels: { ...JOB, service: SERVICE }, samples: [] as Sample[] },
  };

  let okTotal = 0;
  let errTotal = 0;
  let latencySum = 0;
  const bucketTotals = buckets.map(() => 0);
  for (let t = origin; t <= end; t += stepMs) {
    MODEL_VERSIONS.forEach((v, i) => {
      modelTotals[i] += modelCallRate(v, i, t, origin, clock) * stepSec;
      models[i].samples.push({ t, v: Math.round(modelTotals[i]) });
    });
    const s = serviceState(t, clock);
    const n = s.requestsPerSec * stepSec;
    okTotal += n - s.errorsPerSec * stepSec;
    errTotal += s.errorsPerSec * stepSec;
    ok.samples.push({ t, v: Math.round(okTotal) });
    failed.samples.push({ t, v: Math.round(errTotal) });
    errors.samples.push({ t, v: Math.round(errTotal) });
    LATENCY_BUCKETS.forEach((le, i) => {
      bucketTotals[i] += n * latencyCdf(le, s.latencyMedianSec);
    });
    bucketTotals[LATENCY_BUCKETS.length] += n;
    // Mean of a log-normal with sigma 0.6 is median * exp(0.18).
    latencySum += n * s.latencyMedianSec * Math.exp(0.18);
    buckets.forEach((b, i) => b.samples.push({ t, v: Math.round(bucketTotals[i]) }));
    sum.samples.push({ t, v: Number(latencySum.toFixed(3)) });
    count.samples.push({ t, v: Math.round(bucketTotals[LATENCY_BUCKETS.length]) });
    gauges.inFlight.samples.push({ t, v: Math.round(s.inFlight) });
    gauges.cpu.samples.push({ t, v: Number(s.cpuUtilization.toFixed(4)) });
    gauges.replicas.samples.push({ t, v: s.replicas });
  }
  return [...models, ok, failed, errors, ...buckets, sum, count, gauges.inFlight, gauges.cpu, gauges.replicas];
}

export { HISTORY_DAYS };
