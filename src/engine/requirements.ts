import type { BaseMethod } from './api';
import { formatDuration, roundUpDuration } from '../common/duration';
import { methodName, methodNameInSentence } from '../common/methodNames';
import { MAX_POINTS } from './gridLimit';
import { MAX_HORIZON } from './methods';
import { dailySeasonSteps } from './seasons';

/** Each method is validated on at least this many rolling origins before it is trusted. */
export const MIN_VAL_ORIGINS = 20;
/** SES fits its α on H-step forecasts from at least this many origins before the validation region. */
export const SES_MIN_FIT_ORIGINS = 20;
/** The LSTM needs at least this many training windows before the validation region. */
export const MIN_LSTM_TRAIN_WINDOWS = 100;
export const DEFAULT_LSTM_WINDOW = 12;
/** Training windows the linear model needs per weight (`linear.ts`): fewer and the weights would fit the noise. */
export const LINEAR_WINDOWS_PER_WEIGHT = 2;
/** Input window of the shipped base model (`lstm/baseModelFeatures.ts`), fixed by its training. */
export const BASE_MODEL_WINDOW = 48;
/** Steps the shipped base model forecasts (`lstm/baseModelFeatures.ts`), fixed by its training. */
export const BASE_MODEL_HORIZON = 24;
/** Longest validation region, in days (longer = steadier selection, shorter = more recent). */
export const VALIDATION_CAP_DAYS = 7;

/**
 * Length of the validation region before a forecast origin at `fitEnd`: 20 % of the history, at
 * least enough for MIN_VAL_ORIGINS origins, at most VALIDATION_CAP_DAYS (or that minimum if larger).
 * Seven days measured better than two on NAB: fewer per-series misses of the "never worse than a
 * baseline" target, and coverage closer to nominal.
 */
export function validationLength(fitEnd: number, horizon: number, stepMs: number): number {
  const min = MIN_VAL_ORIGINS + horizon - 1;
  const cap = Math.round((VALIDATION_CAP_DAYS * 86_400_000) / stepMs);
  const max = Math.max(min, cap);
  return Math.min(max, Math.max(min, Math.round(0.2 * fitEnd)));
}

/** Points needed *before the validation region* for a method to be fitted. */
export function pointsBeforeValidation(method: BaseMethod, stepMs: number, horizon: number, window: number): number {
  const day = dailySeasonSteps(stepMs);
  switch (method) {
    case 'naive':
      return 1;
    case 'seasonal_naive':
      return day > 0 ? day : Infinity;
    case 'ses':
      // its α is fitted on H-step forecasts from at least SES_MIN_FIT_ORIGINS origins
      return horizon + SES_MIN_FIT_ORIGINS;
    case 'seasonal_mean':
    case 'mstl':
      // two days: a seasonal mean of fewer is seasonal naive; MSTL needs two periods
      return day > 0 ? 2 * day : Infinity;
    case 'lstm':
      // training windows + an early-stopping stretch (≥ H + 30 origins, ~15 % of the history)
      return Math.ceil((Math.max(day + window, window) + 2 * horizon + MIN_LSTM_TRAIN_WINDOWS + 30) / 0.85);
    case 'linear': {
      // its inputs (a day for the daily lag, then its window), then the training windows that give
      // it the daily lag (`chooseLags`) and LINEAR_WINDOWS_PER_WEIGHT per weight (`linearInputCount`:
      // the window and yesterday's, yesterday's value and move for each step, and two more)
      const weights = day > 0 ? 2 * DEFAULT_LSTM_WINDOW + 2 * horizon + 2 : DEFAULT_LSTM_WINDOW + 2;
      // (day is 0 without a daily season: then no day of inputs either)
      return (
        day + DEFAULT_LSTM_WINDOW + horizon + Math.max(MIN_LSTM_TRAIN_WINDOWS, LINEAR_WINDOWS_PER_WEIGHT * weights)
      );
    }
    case 'lstm_base':
      // zero-shot: only its inputs (a day for the daily lag plus its window) before the first origin
      return day > 0 ? day + BASE_MODEL_WINDOW : Infinity;
    case 'ensemble':
    case 'model_median':
      // built from the others' forecasts: it needs what they need
      return 1;
  }
}

/** Smallest history (in grid points) with which `method` can be validated and fitted. */
export function minimumPoints(method: BaseMethod, stepMs: number, horizon: number, window: number): number {
  const before = pointsBeforeValidation(method, stepMs, horizon, window);
  if (!Number.isFinite(before)) {
    return Infinity;
  }
  // validationLength grows with n; find the smallest n with n - validationLength(n) >= before.
  let n = before + MIN_VAL_ORIGINS + horizon - 1;
  while (n - validationLength(n, horizon, stepMs) < before) {
    n++;
  }
  return n;
}

/**
 * Steps users pick, coarsest first: the candidates for "or use a step of 15m or less". None below
 * 5 minutes: finer still, any method's need is met by enough points of a short window, and "use a
 * step of 1m" for a 2-hour window is advice about data the source may not have.
 */
const COMMON_STEPS_MS = [21_600_000, 3_600_000, 900_000, 300_000];

/**
 * The coarsest common step finer than `stepMs` at which the history already fetched (`haveMs`) is
 * enough for `method`, the horizon kept in time. Why: what a method needs is mostly days of season,
 * and a coarse step buys each day with few points, so at 12h steps the LSTM asks for 96 days where
 * at 15m steps the same 7 days do; "widen the window to 96d" alone hides the remedy that is at hand.
 */
function finerStepThatFits(
  method: BaseMethod,
  stepMs: number,
  horizon: number,
  window: number,
  haveMs: number
): number | undefined {
  const horizonMs = horizon * stepMs;
  return COMMON_STEPS_MS.find((s) => {
    if (s >= stepMs) {
      return false;
    }
    const steps = Math.max(1, Math.round(horizonMs / s));
    const most = method === 'lstm_base' ? BASE_MODEL_HORIZON : MAX_HORIZON;
    const need = steps <= most ? minimumPoints(method, s, steps, window) : Infinity;
    return need <= MAX_POINTS && need * s <= haveMs;
  });
}

/** What `method` needs beyond `have` points, and the one piece of advice both messages below give. */
function shortfall(
  method: BaseMethod,
  have: number,
  stepMs: number,
  horizon: number,
  window: number
): { need: number; advice: string } {
  const need = minimumPoints(method, stepMs, horizon, window);
  if (!Number.isFinite(need)) {
    return { need, advice: 'use a step of 12h or less' };
  }
  const windowMs = roundUpDuration(need * stepMs);
  if (need > MAX_POINTS) {
    // at this step the history it needs is more points than one forecast may hold: a coarser step
    // keeps the same span in fewer points (what it needs is days of season, not points)
    const step = formatDuration(roundUpDuration(Math.ceil(windowMs / MAX_POINTS)));
    return {
      need,
      advice: `use a step of ${step} or more, with a training window of ${formatDuration(windowMs)} or more`,
    };
  }
  const widen = `widen the training window to ${formatDuration(windowMs)} or more`;
  const finer = finerStepThatFits(method, stepMs, horizon, window, have * stepMs);
  const step = finer === undefined ? '' : `, or use a step of ${formatDuration(finer)} or less`;
  return { need, advice: `${horizon > 1 ? `${widen} or shorten the horizon` : widen}${step}` };
}

/**
 * Too little history for one method, as the reason it was skipped ("LSTM skipped: this window gives
 * 461 points (…), it needs 535 — widen the training window to 3d or more").
 */
export function tooLittleHistory(
  method: BaseMethod,
  have: number,
  stepMs: number,
  horizon: number,
  window: number
): string {
  const { need, advice } = shortfall(method, have, stepMs, horizon, window);
  if (!Number.isFinite(need)) {
    return `it needs a daily season, and a step of ${formatDuration(stepMs)} gives fewer than two points a day — ${advice}`;
  }
  return (
    `this window gives ${have} points (${formatDuration(have * stepMs)} at ${formatDuration(stepMs)} steps), ` +
    `it needs ${need} — ${advice}`
  );
}

/**
 * The same shortfall as a whole sentence, for the error when not even the cheapest method can run:
 * the same facts and advice as `tooLittleHistory`, with the method named and the time it needs.
 */
export function tooShortMessage(
  method: BaseMethod,
  have: number,
  stepMs: number,
  horizon: number,
  window: number
): string {
  const { need, advice } = shortfall(method, have, stepMs, horizon, window);
  if (!Number.isFinite(need)) {
    return `${methodName(method)} needs a daily season, and a step of ${formatDuration(stepMs)} gives fewer than two points a day — ${advice}.`;
  }
  return (
    `Too little history: ${have} point(s) (${formatDuration(have * stepMs)} at ${formatDuration(stepMs)} steps) after cleaning; ` +
    `${methodNameInSentence(method)} at a horizon of ${horizon} step(s) needs at least ${need} points ` +
    `(${formatDuration(need * stepMs)}) — ${advice}.`
  );
}
