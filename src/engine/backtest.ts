import type { BaseMethod, LstmOptions, MethodScore, RawSeries, TrainProgress } from './api';
import { EngineError } from './errors';
import { originRange } from './evaluate';
import { autoCandidates } from './forecast';
import { registeredFitters } from './fitters';
import { runPipeline } from './pipeline';
import { type AutoScore, rollingScores } from './rolling';
import { medianSpacing, prepareSeries } from './prepare';

export type BacktestMethod = BaseMethod | 'auto' | 'all';

export interface BacktestResult {
  series: string;
  points: number;
  stepSeconds: number;
  horizon: number;
  origins: number;
  methods: Partial<Record<BaseMethod, MethodScore>> & { auto?: AutoScore };
  /** Methods that could not run on this series, and why. */
  skipped: Array<{ method: BaseMethod; reason: string }>;
}

const SEVEN_DAYS_MS = 7 * 86_400_000;

/**
 * Rolling-origin backtest, exactly per the engine issue's protocol:
 * - step = median spacing of the timestamps; the series is put on that grid;
 * - test region = the last min(20 % of points, 7 days); origins every H steps inside it, each
 *   forecasting H steps; every method is fitted once on data before the first origin (selection and
 *   interval calibration use only that data) and applied at every origin seeing only earlier data;
 * - MASE scale = in-sample MAE of the daily seasonal-naive forecast over the data before the first
 *   origin (lag 1 with fewer than two days).
 */
export async function backtestSeries(opts: {
  name: string;
  series: RawSeries;
  horizon: number;
  method: BacktestMethod;
  lstm?: LstmOptions;
  /** The grid's step; unset: the median spacing of the timestamps (the protocol's rule). */
  stepMs?: number;
  /** Also score `auto` at every origin phase (`PhaseScore`, the benchmark's robustness figures). */
  phases?: boolean;
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
}): Promise<BacktestResult> {
  const { horizon: H } = opts;
  if (!Number.isInteger(H) || H < 1) {
    throw new EngineError(`Horizon must be a positive whole number of steps, got ${H}.`, 'bad_input');
  }
  const stepMs = opts.stepMs ?? medianSpacing(opts.series.times.filter(Number.isFinite).sort((a, b) => a - b));
  const prep = prepareSeries(opts.series, stepMs);
  const { values, observed } = prep;
  const n = values.length;
  const testLen = Math.min(Math.floor(0.2 * n), Math.round(SEVEN_DAYS_MS / stepMs));
  const firstOrigin = n - testLen;
  const origins = originRange(firstOrigin, n - H, H);
  if (origins.length === 0) {
    throw new EngineError(
      `Too little history for a backtest at horizon ${H}: the test region has ${testLen} points, fewer than one horizon.`,
      'too_short'
    );
  }
  const methods: BaseMethod[] = opts.method === 'all' || opts.method === 'auto' ? autoCandidates() : [opts.method];
  const result = await runPipeline({
    values,
    observed,
    stepMs,
    horizon: H,
    fitEnd: firstOrigin,
    methods,
    ensemble: opts.method === 'all' || opts.method === 'auto',
    fitters: registeredFitters(),
    lstm: opts.lstm,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  try {
    if (methods.length === 1 && result.candidates.length === 0) {
      const why = result.skipped[0]?.reason ?? 'not fitted';
      throw new EngineError(`${methods[0]} could not run on this series: ${why}.`, 'too_short');
    }
    // Scored the way the product runs: recent intervals at every origin, auto re-selecting at each.
    const rolled = await rollingScores(
      {
        values,
        observed,
        stepMs,
        horizon: H,
        origins,
        nonNegative: result.nonNegative,
        scale: result.scale,
        phases: opts.phases,
      },
      result.candidates,
      opts.method === 'all' || opts.method === 'auto'
    );
    const out: BacktestResult['methods'] = { ...rolled.methods };
    if (rolled.auto) {
      out.auto = rolled.auto;
    }
    return {
      series: opts.name,
      points: n,
      stepSeconds: stepMs / 1000,
      horizon: H,
      origins: origins.length,
      methods: out,
      skipped: result.skipped,
    };
  } finally {
    for (const c of result.candidates) {
      c.final.dispose();
    }
  }
}
