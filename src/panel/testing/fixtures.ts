/**
 * Frames shaped exactly as src/contract/frames.ts describes, for unit tests (and any test that
 * needs a Foresight response without the data source). Deterministic: no randomness, no clock.
 */
import {
  type DataFrame,
  type Field,
  FieldType,
  LoadingState,
  type PanelData,
  getDefaultTimeRange,
} from '@grafana/data';
import { ACTION_FIELDS, FORECAST_FIELDS, type ForesightFrameMeta } from '../../contract/frames';
import type { ModelReport, TrainProgress } from '../../engine/api';
import type { ScaleAction, ScalingPolicy } from '../../policy/types';

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

export interface ForecastFixture {
  name?: string;
  key?: string;
  history?: number;
  horizon?: number;
  base?: number;
  report?: ModelReport;
  policy?: ScalingPolicy;
  replicas?: boolean;
  bands?: boolean;
  progress?: TrainProgress;
  unit?: string;
  /** Frame without a scaling policy (forecast only). */
  noPolicy?: boolean;
  /** Extra contract fields (clockMs, warnings, stale, run, …) merged into meta.foresight. */
  meta?: Partial<ForesightFrameMeta['foresight']>;
}

function wave(i: number, base: number): number {
  return base + base * 0.4 * Math.sin((2 * Math.PI * i) / 288);
}

/** One wide forecast frame: `history` actual rows ending at T0, then `horizon` forecast rows. */
export function makeForecastFrame(f: ForecastFixture = {}): DataFrame {
  const history = f.history ?? 48;
  const horizon = f.horizon ?? 12;
  const base = f.base ?? 120;
  const n = history + horizon;
  const time: number[] = [];
  const actual: Array<number | null> = [];
  const forecast: Array<number | null> = [];
  const l80: Array<number | null> = [];
  const u80: Array<number | null> = [];
  const l95: Array<number | null> = [];
  const u95: Array<number | null> = [];
  const replicas: Array<number | null> = [];
  for (let i = 0; i < n; i++) {
    const t = T0 - (history - 1 - i) * STEP;
    time.push(t);
    const past = i < history;
    const mean = wave(i, base);
    const spread = past ? 0 : base * 0.05 * Math.sqrt(i - history + 1);
    actual.push(past ? Math.round(mean) : null);
    forecast.push(past ? null : mean);
    l80.push(past ? null : mean - spread);
    u80.push(past ? null : mean + spread);
    l95.push(past ? null : mean - 1.6 * spread);
    u95.push(past ? null : mean + 1.6 * spread);
    replicas.push(past ? null : Math.ceil((mean + spread) / 50));
  }
  const num = (name: string, values: Array<number | null>): Field => ({
    name,
    type: FieldType.number,
    values,
    config: f.unit ? { unit: f.unit } : {},
  });
  const fields: Field[] = [
    { name: FORECAST_FIELDS.time, type: FieldType.time, values: time, config: {} },
    num(FORECAST_FIELDS.actual, actual),
    num(FORECAST_FIELDS.forecast, forecast),
  ];
  if (f.bands !== false) {
    fields.push(
      num(FORECAST_FIELDS.lower80, l80),
      num(FORECAST_FIELDS.upper80, u80),
      num(FORECAST_FIELDS.lower95, l95),
      num(FORECAST_FIELDS.upper95, u95)
    );
  }
  if (f.replicas !== false) {
    fields.push(num(FORECAST_FIELDS.replicas, replicas));
  }
  const name = f.name ?? 'checkout requests';
  const meta: ForesightFrameMeta = {
    foresight: {
      kind: 'forecast',
      seriesKey: f.key ?? `{service="${name}"}`,
      seriesName: name,
      lastSampleMs: T0,
      // The data source answered two minutes after the last sample (a normal scrape lag).
      clockMs: T0 + 2 * 60_000,
      horizonEndMs: T0 + horizon * STEP,
      report: f.report ?? makeReport(),
      policy: f.noPolicy ? undefined : (f.policy ?? THRESHOLD_POLICY),
      progress: f.progress,
      ...f.meta,
    },
  };
  return { name, refId: 'A', fields, length: n, meta: { custom: meta } };
}

export function makeActionsFrame(actions: Array<ScaleAction & { series?: string }>): DataFrame {
  const meta: ForesightFrameMeta = { foresight: { kind: 'actions' } };
  const col = <T>(pick: (a: ScaleAction & { series?: string }) => T) => actions.map(pick);
  return {
    name: 'scale actions',
    refId: 'A',
    length: actions.length,
    meta: { custom: meta },
    fields: [
      { name: ACTION_FIELDS.time, type: FieldType.time, values: col((a) => a.timeMs), config: {} },
      { name: ACTION_FIELDS.action, type: FieldType.string, values: col((a) => a.action), config: {} },
      { name: ACTION_FIELDS.from, type: FieldType.number, values: col((a) => a.from), config: {} },
      { name: ACTION_FIELDS.to, type: FieldType.number, values: col((a) => a.to), config: {} },
      { name: ACTION_FIELDS.reason, type: FieldType.string, values: col((a) => a.reason), config: {} },
      { name: ACTION_FIELDS.series, type: FieldType.string, values: col((a) => a.series ?? ''), config: {} },
    ],
  };
}

export function makeProgressFrame(progress: TrainProgress): DataFrame {
  const meta: ForesightFrameMeta = { foresight: { kind: 'progress', progress } };
  return { name: 'progress', refId: 'A', fields: [], length: 0, meta: { custom: meta } };
}

/** A plain Prometheus-like series with no Foresight metadata. */
export function makePlainFrame(name = 'up', points = 30): DataFrame {
  const time = Array.from({ length: points }, (_, i) => T0 - (points - 1 - i) * STEP);
  return {
    name,
    refId: 'B',
    length: points,
    fields: [
      { name: 'Time', type: FieldType.time, values: time, config: {} },
      {
        name: 'Value',
        type: FieldType.number,
        values: time.map((_, i) => (i % 7) + 1),
        config: {},
        labels: { job: name },
      },
    ],
  };
}

export function makePanelData(series: DataFrame[], state: LoadingState = LoadingState.Done): PanelData {
  const timeRange = getDefaultTimeRange();
  return { series, state, timeRange };
}

export const DEFAULT_ACTIONS: ScaleAction[] = [
  { timeMs: T0 + 2 * STEP, action: 'up', from: 3, to: 4, reason: 'forecast 172 req/s at 00:15 exceeds 160' },
  { timeMs: T0 + 8 * STEP, action: 'down', from: 4, to: 3, reason: 'forecast 70 req/s below 80 for 5 min' },
  { timeMs: T0 + 9 * STEP, action: 'hold', from: 3, to: 3, reason: 'cooldown' },
];
