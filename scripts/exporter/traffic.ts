/**
 * A deterministic model of the demo service's traffic, shared by the live exporter and the
 * history backfill so that the backfilled past and the live present are the same process.
 *
 * Time is measured in simulated days of `dayLengthSec` real seconds (FORESIGHT_DAY_SECONDS), so a
 * demo can show a full daily cycle in minutes. Noise is a hash of (series, time bucket), not
 * Math.random, so two processes computing the same instant agree.
 */

export interface ModelVersion {
  model_name: string;
  model_version: string;
  /** Mean calls per second at the daily average. */
  base: number;
  /** Traffic decays linearly to zero over this many simulated days from the history origin. */
  decayDays?: number;
}

export const MODEL_VERSIONS: ModelVersion[] = [
  { model_name: 'fraud-detector', model_version: 'v1', base: 40, decayDays: 4 },
  { model_name: 'fraud-detector', model_version: 'v2', base: 120 },
  { model_name: 'fraud-detector', model_version: 'v3', base: 60 },
  { model_name: 'recommender', model_version: 'v7', base: 300 },
  { model_name: 'recommender', model_version: 'v8', base: 150 },
  { model_name: 'churn-predictor', model_version: 'v1', base: 20 },
];

export const SERVICE = 'checkout';
export const CHECKOUT_BASE_RPS = 600;
/** Requests per second one checkout replica serves comfortably. */
export const CHECKOUT_CAPACITY_PER_REPLICA = 100;
export const MIN_REPLICAS = 2;
export const MAX_REPLICAS = 15;
export const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** History the backfill writes, in simulated days. */
export const HISTORY_DAYS = 7;

export interface Clock {
  dayLengthSec: number;
}

export function dayMs(clock: Clock): number {
  return clock.dayLengthSec * 1000;
}

/** Start of the backfilled history: midnight (simulated) HISTORY_DAYS days before `nowMs`. */
export function historyOrigin(nowMs: number, clock: Clock): number {
  const d = dayMs(clock);
  return Math.floor(nowMs / d) * d - HISTORY_DAYS * d;
}

/** 0..1 position in the simulated day. */
export function dayPhase(tMs: number, clock: Clock): number {
  const d = dayMs(clock);
  return (((tMs % d) + d) % d) / d;
}

/** Daily shape: low at night (0.3), peak mid-afternoon (1.7), mean 1. */
export function dailyShape(phase: number): number {
  return 1 + 0.7 * Math.sin(2 * Math.PI * (phase - 0.35));
}

/** Deterministic noise in [-1, 1) from a series id and a time bucket (mulberry32-style hash). */
export function hashNoise(seriesId: number, bucket: number): number {
  let h = (Math.imul(seriesId + 1, 0x9e3779b1) ^ Math.imul(bucket, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), h | 1);
  h ^= h + Math.imul(h ^ (h >>> 7), h | 61);
  return ((h ^ (h >>> 14)) >>> 0) / 2 ** 31 - 1;
}

function noisy(value: number, seriesId: number, tMs: number, clock: Clock, amplitude: number): number {
  // A new noise value every simulated 5 minutes keeps the series smooth at the scrape interval.
  const bucket = Math.floor(tMs / (dayMs(clock) / 288));
  return Math.max(0, value * (1 + amplitude * hashNoise(seriesId, bucket)));
}

export function modelCallRate(
  version: ModelVersion,
  index: number,
  tMs: number,
  originMs: number,
  clock: Clock
): number {
  let rate = version.base * dailyShape(dayPhase(tMs, clock));
  if (version.decayDays !== undefined) {
    const days = (tMs - originMs) / dayMs(clock);
    rate *= Math.min(1, Math.max(0, 1 - days / version.decayDays));
  }
  return noisy(rate, index, tMs, clock, 0.1);
}

export interface ServiceState {
  requestsPerSec: number;
  errorsPerSec: number;
  /** Median latency in seconds; slower as utilisation rises. */
  latencyMedianSec: number;
  replicas: number;
  inFlight: number;
  cpuUtilization: number;
}

export function serviceState(tMs: number, clock: Clock): ServiceState {
  const requestsPerSec = noisy(CHECKOUT_BASE_RPS * dailyShape(dayPhase(tMs, clock)), 100, tMs, clock, 0.08);
  // The service scales reactively, like an HPA would: the thing Foresight wants to improve on.
  const replicas = Math.min(
    MAX_REPLICAS,
    Math.max(MIN_REPLICAS, Math.ceil(requestsPerSec / CHECKOUT_CAPACITY_PER_REPLICA))
  );
  const cpuUtilization = Math.min(1, requestsPerSec / (replicas * CHECKOUT_CAPACITY_PER_REPLICA * 1.1));
  const latencyMedianSec = 0.06 * (1 + 2 * cpuUtilization ** 4);
  const errorRatio = 0.005 + 0.03 * Math.max(0, cpuUtilization - 0.85);
  return {
    requestsPerSec,
    errorsPerSec: requestsPerSec * errorRatio,
    latencyMedianSec,
    replicas,
    inFlight: requestsPerSec * latencyMedianSec,
    cpuUtilization,
  };
}

/** Log-normal latency: share of requests at or below `le` seconds (sigma 0.6). */
export function latencyCdf(le: number, medianSec: number): number {
  const z = Math.log(le / medianSec) / 0.6;
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Inverse of latencyCdf, for drawing stratified latency samples in the live exporter. */
export function latencyQuantile(p: number, medianSec: number): number {
  return medianSec * Math.exp(0.6 * Math.SQRT2 * erfInv(2 * p - 1));
}

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26, max error 1.5e-7: plenty for a demo distribution.
  const sign = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

function erfInv(x: number): number {
  const clamped = Math.min(0.999999, Math.max(-0.999999, x));
  const a = 0.147;
  const ln = Math.log(1 - clamped * clamped);
  const first = 2 / (Math.PI * a) + ln / 2;
  return Math.sign(clamped) * Math.sqrt(Math.sqrt(first * first - ln / a) - first);
}
