import type { BaseMethod, LstmOptions, MethodScore, RawSeries, TrainProgress } from './api';
import { reportedCoverage } from './bandReplay';
import { EngineError } from './errors';
import { originRange } from './evaluate';
import { autoCandidates } from './forecast';
import { registeredFitters } from './fitters';
import { runPipeline } from './pipeline';
import { type AutoScore, rollingScores } from './rolling';
import { medianSpacing, prepareSeries } from './prepare';
import { backtestSkip, testRegionLength, testRegionTooShort } from './backtestRegion';
import { DEFAULT_LSTM_WINDOW } from './requirements';

export type BacktestMethod = BaseMethod | 'auto' | 'all';

export interface BacktestResult {
  series: string;
  points: number;
  stepSeconds: number;
  horizon: number;
  origins: number;
  methods: Partial<Record<BaseMethod, MethodScore>> & { auto?: AutoScore };
  /**
   * Each method's coverage as the product would report it at the first test origin (the drawn
   * band replayed over validation, `bandReplay.ts`), to set against its coverage on the test
   * region: how often the warning line's "band held only …" is right (`bench/bandFlags.ts`).
   */
  validationCoverage: Partial<Record<BaseMethod, ReturnType<typeof reportedCoverage>>>;
  /** Methods that could not run on this series, and why (a short history: the file length that scores it). */
  skipped: Array<{ method: BaseMethod; reason: string }>;
  /** What putting the series on its grid did (gaps filled, duplicates averaged, bad samples dropped). */
  notes: string[];
}

/** What to backtest, and how. */
export interface BacktestOptions {
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
}

/**
 * Rolling-origin backtest, exactly per the engine issue's protocol:
 * - step = median spacing of the timestamps; the series is put on that grid;
 * - test region = the last min(20 % of points, 7 days); origins every H steps inside it, each
 *   forecasting H steps; every method is fitted once on data before the first origin and applied at
 *   every origin seeing only earlier data; `auto` re-chooses, and the intervals are recalibrated, at
 *   every origin from the errors made before it, as each refresh does in the product;
 * - MASE scale = in-sample MAE of the daily seasonal-naive forecast over the data before the first
 *   origin (lag 1 with fewer than two days).
 */
export async function backtestSeries(opts: BacktestOptions): Promise<BacktestResult> {
  const { horizon: H } = opts;
  if (!Number.isInteger(H) || H < 1) {
    throw new EngineError(`Horizon must be a positive whole number of steps, got ${H}.`, 'bad_input');
  }
  const stepMs = opts.stepMs ?? medianSpacing(opts.series.times.filter(Number.isFinite).sort((a, b) => a - b));
  const prep = prepareSeries(opts.series, stepMs);
  const { values, observed } = prep;
  const n = values.length;
  const testLen = testRegionLength(n, stepMs);
  const firstOrigin = n - testLen;
  const origins = originRange(firstOrigin, n - H, H);
  if (origins.length === 0) {
    throw new EngineError(testRegionTooShort(testLen, H, stepMs), 'too_short');
  }
  const methods: BaseMethod[] = opts.method === 'all' || opts.method === 'auto' ? autoCandidates() : [opts.method];
  const result = await runPipeline({
    values,
    observed,
    startMs: prep.startMs,
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
  const window = opts.lstm?.window ?? DEFAULT_LSTM_WINDOW;
  const skipped = result.skipped.map((s) => backtestSkip(s, firstOrigin, stepMs, H, window));
  try {
    if (methods.length === 1 && result.candidates.length === 0) {
      const why = skipped[0]?.reason ?? 'not fitted';
      throw new EngineError(`${methods[0]} could not run on this series: ${why}.`, 'too_short');
    }
    // Scored the way the product runs: recent intervals at every origin, auto re-selecting at each.
    const rolled = await rollingScores(
      {
        values,
        observed,
        startMs: prep.startMs,
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
      validationCoverage: Object.fromEntries(
        result.candidates.map((c) => [
          c.method,
          reportedCoverage(c, H, firstOrigin, result.recent, result.shift?.since),
        ])
      ),
      skipped,
      notes: prep.notes,
    };
  } finally {
    for (const c of result.candidates) {
      c.final.dispose();
    }
  }
}
