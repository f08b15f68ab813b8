/**
 * The backtest's split of a series into the history its methods are fitted on and the test region
 * after it, and what to tell a user whose file is too short for a method. Why a module of its own:
 * the engine's "too little history" advice speaks of the product's training window ("widen the
 * training window to 3d"), but a backtest fits only on the part **before** its test region, so a
 * 3-day file read as "widen to 3d" is advice the user already followed. Here the same shortfall is
 * said in the one thing a backtest user controls: how long the file is.
 */
import type { BaseMethod } from './api';
import { formatDuration, roundUpDuration } from '../common/duration';
import { minimumPoints } from './requirements';

const SEVEN_DAYS_MS = 7 * 86_400_000;
/** The share of a series its test region takes (up to seven days). */
const TEST_SHARE = 0.2;

/** The test region's length for a series of `n` points: the last 20 %, at most 7 days. */
export function testRegionLength(n: number, stepMs: number): number {
  return Math.min(Math.floor(TEST_SHARE * n), Math.round(SEVEN_DAYS_MS / stepMs));
}

/** The fewest points a series needs so that `need` of them lie before its test region. */
export function seriesPointsFor(need: number, stepMs: number): number {
  let n = need;
  while (n - testRegionLength(n, stepMs) < need) {
    n++;
  }
  return n;
}

/** The backtest's error when the test region is shorter than one horizon, with what to change. */
export function testRegionTooShort(testLen: number, horizon: number, stepMs: number): string {
  const region = formatDuration(testLen * stepMs);
  const ask = formatDuration(horizon * stepMs);
  // "a horizon of 0s or less" is no advice: offer a shorter horizon only when there is one, and the
  // series length that holds this horizon when one does (a test region is at most 7 days)
  const shorter = testLen > 0 ? [`a horizon of ${region} or less`] : [];
  const longer =
    horizon * stepMs <= SEVEN_DAYS_MS
      ? [`a series of ${formatDuration(roundUpDuration((horizon * stepMs) / TEST_SHARE))} or more`]
      : [`a horizon of ${formatDuration(SEVEN_DAYS_MS)} or less with a longer series`];
  return (
    `Too little history for a backtest at a horizon of ${ask} (${horizon} step(s)): ` +
    `the test region (the last 20 % of the series, at most 7 days) is ${testLen} point(s) (${region}), ` +
    `shorter than one horizon — use ${[...shorter, ...longer].join(', or ')}.`
  );
}

/**
 * A method skipped for too little history, said for a backtest: how many points lie before the
 * test region, how many the method needs there, and the file length that gives them. `undefined`
 * when the method was not skipped for its history (or no length would do: a step too coarse for
 * a daily season), so the engine's own reason stands.
 */
export function backtestShortfall(
  method: BaseMethod,
  fitEnd: number,
  stepMs: number,
  horizon: number,
  window: number
): string | undefined {
  const need = minimumPoints(method, stepMs, horizon, window);
  if (!Number.isFinite(need) || need <= fitEnd) {
    return undefined;
  }
  const file = roundUpDuration(seriesPointsFor(need, stepMs) * stepMs);
  const shorter = horizon > 1 ? ', or a shorter horizon' : '';
  return (
    `the backtest fits on the ${fitEnd} points (${formatDuration(fitEnd * stepMs)}) before its test region, ` +
    `and it needs ${need} there — a series of ${formatDuration(file)} or more scores it${shorter}`
  );
}

/** One skipped method as the backtest says it: a short history in file lengths, any other reason as is. */
export function backtestSkip(
  s: { method: BaseMethod; reason: string },
  fitEnd: number,
  stepMs: number,
  horizon: number,
  window: number
): { method: BaseMethod; reason: string } {
  return { method: s.method, reason: backtestShortfall(s.method, fitEnd, stepMs, horizon, window) ?? s.reason };
}
