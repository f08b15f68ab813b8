/**
 * Deterministic sample answers for tests on both sides of the contract: a `SeriesResult` built from
 * a smooth daily wave (actuals ending at T0, then the forecast with widening bands and a replica
 * plan), a model report, a thresholds policy and three scale actions. No randomness, no clock. The
 * panel's fixtures (src/panel/testing/fixtures.ts) encode these with the real encoder.
 */
import type { ModelReport, ScaleAction, ScalingPolicy, SeriesResult } from '../types';

export const T0 = Date.UTC(2026, 10, 21, 0, 0, 0);
export const STEP = 5 * 60_000;

export function makeReport(overrides: Partial<ModelReport> = {}): ModelReport {
  return {
    requested: 'auto',
    method: 'lstm',
    scores: {
      lstm: { mae: 10, rmse: 14, mase: 0.79, coverage80: 0.78, coverage95: 0.93, fitMs: 12_300 },
      seasonal_naive: { mae: 12.7, rmse: 17, mase: 1.08, coverage80: 0.7, coverage95: 0.88, fitMs: 2 },
    },
    mase: 0.79,
    relMaeVsSeasonalNaive: 0.79 / 1.08,
    coverage80: 0.78,
    coverage95: 0.93,
    origins: 24,
    trainedFromMs: T0 - 14 * 86_400_000,
    trainedToMs: T0,
    trainedAtMs: T0 + 60_000,
    trainMs: 12_300,
    backend: 'wasm',
    ...overrides,
  };
}

export const THRESHOLD_POLICY: ScalingPolicy = {
  kind: 'thresholds',
  capacityPerReplica: 250,
  tolerance: 0.1,
  lowThreshold: 80,
  highThreshold: 160,
  step: 1,
  minReplicas: 1,
  maxReplicas: 10,
  scaleDownStabilizationSec: 300,
  cooldownSec: 60,
  leadTimeSec: 120,
  evaluationIntervalSec: 60,
  headroom: 'upper80',
};

export const DEFAULT_ACTIONS: ScaleAction[] = [
  { timeMs: T0 + 2 * STEP, action: 'up', from: 3, to: 4, reason: 'forecast 172 req/s at 00:15 exceeds 160' },
  { timeMs: T0 + 8 * STEP, action: 'down', from: 4, to: 3, reason: 'forecast 70 req/s below 80 for 5 min' },
  { timeMs: T0 + 9 * STEP, action: 'hold', from: 3, to: 3, reason: 'cooldown' },
];

export interface SeriesSample {
  refId?: string;
  name?: string;
  /** Series key; default `{service="<name>"}`, the label set of the sample. */
  key?: string;
  /** Actual rows, the last one at T0 (default 48). */
  history?: number;
  /** Forecast steps after T0 (default 12). */
  horizon?: number;
  /** Level of the wave (default 120). */
  base?: number;
  report?: ModelReport;
  policy?: ScalingPolicy;
  /** false: no replica plan (as for stale data), so no replicas field. */
  replicas?: boolean;
  unit?: string;
  /** Default: two minutes after the last sample (a normal scrape lag). */
  clockMs?: number;
  stale?: SeriesResult['stale'];
  warnings?: string[];
  run?: SeriesResult['run'];
  retire?: SeriesResult['retire'];
  executedQueryString?: string;
}

function wave(i: number, base: number): number {
  return base + base * 0.4 * Math.sin((2 * Math.PI * i) / 288);
}

/**
 * `history` actual rows ending at T0, then `horizon` forecast steps: the mean follows the wave, the
 * bands widen with the square root of the step, and the plan asks for one replica per 50 of the
 * upper 80 % bound.
 */
export function sampleSeries(s: SeriesSample = {}): SeriesResult {
  const history = s.history ?? 48;
  const horizon = s.horizon ?? 12;
  const base = s.base ?? 120;
  const name = s.name ?? 'checkout requests';
  const report = s.report ?? makeReport();
  const pastTimes = Array.from({ length: history }, (_, i) => T0 - (history - 1 - i) * STEP);
  const futureTimes = Array.from({ length: horizon }, (_, k) => T0 + (k + 1) * STEP);
  const mean = futureTimes.map((_, k) => wave(history + k, base));
  const spread = futureTimes.map((_, k) => base * 0.05 * Math.sqrt(k + 1));
  return {
    refId: s.refId ?? 'A',
    seriesKey: s.key ?? `{service="${name}"}`,
    seriesName: name,
    labels: { service: name },
    actual: { times: pastTimes, values: pastTimes.map((_, i) => Math.round(wave(i, base))) },
    forecast: {
      startMs: T0 + STEP,
      stepMs: STEP,
      method: report.method,
      mean,
      lower80: mean.map((m, k) => m - spread[k]),
      upper80: mean.map((m, k) => m + spread[k]),
      lower95: mean.map((m, k) => m - 1.6 * spread[k]),
      upper95: mean.map((m, k) => m + 1.6 * spread[k]),
    },
    plan:
      s.replicas === false
        ? undefined
        : { times: futureTimes, replicas: mean.map((m, k) => Math.ceil((m + spread[k]) / 50)), actions: [] },
    report,
    policy: s.policy ?? THRESHOLD_POLICY,
    retire: s.retire,
    run: s.run,
    unit: s.unit,
    clockMs: s.clockMs ?? T0 + 2 * 60_000,
    stale: s.stale,
    warnings: s.warnings,
    executedQueryString: s.executedQueryString,
  };
}
