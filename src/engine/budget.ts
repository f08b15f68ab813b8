import type { BaseMethod } from './api';
import { formatDuration, roundDownDuration, roundUpDuration } from '../common/duration';
import { EngineError } from './errors';
import { MAX_POINTS } from './gridLimit';
import { chooseLags, denseFeatureCount, seqFeatureCount } from './lstm/features';

/**
 * Bounds by design: the one place that turns a request into the work it implies — grid points,
 * validation origins × horizon, LSTM network size and training batches — *before* anything is
 * allocated, and either adapts (fewer, evenly spaced validation origins) or refuses with a message
 * that says what to change.
 *
 * Memory budget: one forecast stays under MEMORY_BUDGET_BYTES (300 MB) of JS heap + tfjs/wasm
 * memory in the worker (or the CLI process) for any input the editor accepts. It is split as
 * below; each share is an estimate with headroom, checked by the unit tests and measured by
 * `bench/memory.ts` (step 1 s over 2 days, 1 h horizon).
 */
export const MEMORY_BUDGET_BYTES = 300 * 2 ** 20;

export { BYTES_PER_POINT, MAX_POINTS } from './gridLimit';
/**
 * Validation cells (origins × horizon steps) per method. Each cell costs about 100 B while a method
 * is scored (forecast, error, interval edges), so 500,000 cells keep scoring near 50 MB. Longer
 * validation regions use evenly spaced origins (never fewer than MIN_VAL_ORIGINS: 20 × the largest
 * horizon, 10,000, is 200,000 cells).
 */
export const MAX_VALIDATION_CELLS = 500_000;
/** Training and forecasting the LSTM: weights, gradients, Adam state, best-weights copy, batches. */
export const LSTM_BUDGET_BYTES = 120 * 2 ** 20;
/** MSTL fits on at most this many of the latest points (augurs holds ~10 float64 arrays of them). */
export const MSTL_MAX_FIT_POINTS = 200_000;

/**
 * Refuses a grid that would not fit, before it is allocated, naming the step and the window
 * that would.
 */
export function assertGridFits(points: number, stepMs: number): void {
  if (points <= MAX_POINTS) {
    return;
  }
  const spanMs = points * stepMs;
  const minStep = roundUpDuration(Math.ceil(spanMs / MAX_POINTS));
  const maxWindow = roundDownDuration(MAX_POINTS * stepMs);
  throw new EngineError(
    `This request gives ${points.toLocaleString('en-US')} points (${formatDuration(spanMs)} at ${formatDuration(stepMs)} steps); ` +
      `at most ${MAX_POINTS.toLocaleString('en-US')} fit the memory budget. ` +
      `Use a step of ${formatDuration(minStep)} or more, or a training window of ${formatDuration(maxWindow)} or less.`,
    'bad_input'
  );
}

/** How many validation origins a method may be scored on at this horizon (evenly spaced beyond it). */
export function maxValidationOrigins(horizon: number): number {
  return Math.max(1, Math.floor(MAX_VALIDATION_CELLS / Math.max(1, horizon)));
}

/**
 * Origins from..to (inclusive), every step when they fit in `max`, else `max` of them evenly
 * spaced, always including both ends (the most recent origin matters most).
 */
export function spacedOrigins(from: number, to: number, max: number): number[] {
  const count = to - from + 1;
  if (count <= 0) {
    return [];
  }
  if (count <= max) {
    return Array.from({ length: count }, (_, i) => from + i);
  }
  if (max <= 1) {
    return [to];
  }
  const out: number[] = [];
  const stride = (count - 1) / (max - 1);
  for (let i = 0; i < max; i++) {
    const o = from + Math.round(i * stride);
    if (out.length === 0 || o > out[out.length - 1]) {
      out.push(o);
    }
  }
  return out;
}

export interface LstmShape {
  window: number;
  units: number;
  batchSize: number;
}

/** Estimated peak bytes to train and forecast the LSTM at this shape (see LSTM_BUDGET_BYTES). */
export function lstmBytes(shape: LstmShape, horizon: number, lagCount: number): number {
  const spec = { window: shape.window, horizon, lags: new Array<number>(lagCount).fill(1) };
  const f = seqFeatureCount(spec);
  const d = denseFeatureCount(spec);
  const u = shape.units;
  const params = 4 * u * (f + u + 1) + 32 * (u + d + 1) + horizon * (u + d + 32 + 1);
  // weights, gradients, Adam's two moments, the best-weights copy and its transient clone
  const weights = 6 * params;
  // per training batch: the unrolled LSTM keeps ~24 floats per unit and step for the backward
  // pass; inputs, joined features, hidden and output layers, forward and backward
  const perRow = shape.window * (f + 24 * u) + 2 * (u + d) + 64 + 2 * horizon;
  const batch = 2 * shape.batchSize * perRow + 2 * shape.batchSize * (shape.window * f + d + horizon);
  // forecasting in chunks of 1,024 origins, and the 512 early-stopping windows held as tensors
  const predict = 1024 * (2 * (shape.window * f + d) + 3 * horizon);
  const validation = 512 * 3 * (shape.window * f + d + horizon);
  return 4 * (weights + batch + predict + validation);
}

/**
 * Why the LSTM does not fit the budget at this request, with what to change, or undefined when it
 * fits. `points` is the whole history (an upper bound for the lags the LSTM will use).
 */
export function lstmBudgetRefusal(
  shape: LstmShape,
  horizon: number,
  stepMs: number,
  points: number
): string | undefined {
  const lags = chooseLags(stepMs, points, shape.window, horizon).length;
  const need = lstmBytes(shape, horizon, lags);
  if (need <= LSTM_BUDGET_BYTES) {
    return undefined;
  }
  const mb = (b: number) => `${Math.ceil(b / 2 ** 20)} MB`;
  const head = `at a horizon of ${horizon} steps (${formatDuration(horizon * stepMs)}) with ${shape.units} units, a window of ${shape.window} and batches of ${shape.batchSize} it needs about ${mb(need)} to train, over its ${mb(LSTM_BUDGET_BYTES)} share of the memory budget`;
  // The horizon drives the output layer (it grows with H²); the rest is batch × window × units.
  const fits = (sh: LstmShape, h: number) =>
    lstmBytes(sh, h, chooseLags(stepMs, points, sh.window, h).length) <= LSTM_BUDGET_BYTES;
  const maxH = largestFitting(horizon - 1, (h) => fits(shape, h));
  if (maxH >= 1) {
    const span = roundDownDuration(maxH * stepMs);
    const asTime = span >= stepMs ? ` (${formatDuration(span)} at this step)` : '';
    return `${head} — use a horizon of ${maxH} steps${asTime} or less, or a coarser step, or a baseline method`;
  }
  // Not even one step fits: say how far each of the three sizes must come down, the others kept.
  const knobs: Array<[keyof LstmShape, string, number]> = [
    ['window', 'the window', 2],
    ['batchSize', 'the batch size', 1],
    ['units', 'the units', 1],
  ];
  const lower = knobs
    .map(([key, name, min]) => {
      const v = largestFitting(shape[key] - 1, (x) => fits({ ...shape, [key]: x }, horizon));
      return v >= min ? `${name} to ${v} or less` : '';
    })
    .filter((text) => text !== '');
  const to = lower.length > 0 ? `lower ${lower.join(', or ')}` : 'lower the batch size, window and units together';
  return `${head} — ${to} (defaults: window 12, batch size 256, units 16)`;
}

/** The largest whole number in [1, hi] for which `fits` holds (fits is monotone: true, then false); 0 if none. */
function largestFitting(hi: number, fits: (v: number) => boolean): number {
  let best = 0;
  for (let lo = 1; lo <= hi;) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

export interface WorkPlan {
  /** Validation origins each method is scored on at most (evenly spaced beyond this). */
  maxValOrigins: number;
  /** Methods the budget refuses, each with what to change (shown as skipped candidates). */
  refused: Array<{ method: BaseMethod; reason: string }>;
}

/** The work a request implies, decided before the pipeline allocates anything. */
export function planWork(input: {
  points: number;
  stepMs: number;
  horizon: number;
  methods: BaseMethod[];
  lstm: LstmShape;
}): WorkPlan {
  assertGridFits(input.points, input.stepMs);
  const refused: WorkPlan['refused'] = [];
  for (const method of input.methods) {
    if (method === 'lstm') {
      const why = lstmBudgetRefusal(input.lstm, input.horizon, input.stepMs, input.points);
      if (why) {
        refused.push({ method, reason: why });
      }
    } else if (method === 'mstl') {
      const twoDays = Math.round((2 * 86_400_000) / input.stepMs);
      if (twoDays > MSTL_MAX_FIT_POINTS) {
        const minStep = roundUpDuration(Math.ceil((2 * 86_400_000) / MSTL_MAX_FIT_POINTS));
        refused.push({
          method,
          reason:
            `it needs two days of history, ${twoDays.toLocaleString('en-US')} points at ${formatDuration(input.stepMs)} steps, ` +
            `over its ${MSTL_MAX_FIT_POINTS.toLocaleString('en-US')}-point share of the memory budget — use a step of ${formatDuration(minStep)} or more`,
        });
      }
    }
  }
  return { maxValOrigins: maxValidationOrigins(input.horizon), refused };
}
