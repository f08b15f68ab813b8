/**
 * `train --prometheus`'s options, checked before a single request is sent. Why here and not after
 * the fetch: a range of 100 years at 5 minutes planned ~1,000 requests (and one of 10⁹ years ran
 * Node out of memory) only for the point budget to refuse the result; a timeout over Node's timer
 * limit fired at once and read as "Prometheus timed out"; a URL without a scheme or with a password
 * in it failed as "unreachable" and printed the password. Each is a usage error (exit 2), said with
 * the flag to change.
 */
import { assertGridFits } from '../engine/budget';
import { EngineError } from '../engine/errors';
import { MAX_TIMER_MS, formatDuration, isNonPositiveDuration, parseDurationMs } from '../common/duration';
import { baseUrlProblem, shownUrl } from '../io/prometheus';
import { UsageError } from './usage';

export interface PrometheusTrainOptions {
  baseUrl: string;
  rangeMs: number;
  stepMs: number;
  timeoutMs: number;
}

/** A positive duration for `flag`, with "0" said as zero rather than as "not a duration". */
export function positiveDuration(text: string, flag: string, example: string): number {
  try {
    return parseDurationMs(text);
  } catch {
    if (isNonPositiveDuration(text)) {
      throw new UsageError(`${flag} must be greater than zero (got "${text}"; use e.g. ${example}).`);
    }
    throw new UsageError(`${flag} "${text}" is not a duration (use e.g. ${example}).`);
  }
}

/** The Prometheus base URL, as given but without a trailing slash; refused in words (`baseUrlProblem`). */
export function prometheusBaseUrl(text: string): string {
  const problem = baseUrlProblem(text);
  if (problem) {
    throw new UsageError(`--prometheus ${JSON.stringify(shownUrl(text))} ${problem}.`);
  }
  return text.replace(/\/+$/, '');
}

/** Every `train --prometheus` option that can be judged without the server. */
export function prometheusTrainOptions(opts: {
  prometheus: string;
  range: string;
  step: string;
  timeout: string;
}): PrometheusTrainOptions {
  const baseUrl = prometheusBaseUrl(opts.prometheus);
  const rangeMs = positiveDuration(opts.range, '--range', '7d');
  const stepMs = positiveDuration(opts.step, '--step', '5m');
  const timeoutMs = positiveDuration(opts.timeout, '--timeout', '30s, 2m');
  if (stepMs > rangeMs) {
    throw new UsageError(
      `--step ${opts.step} is longer than --range ${opts.range}: the range must hold at least one step ` +
        `(use a step of ${formatDuration(rangeMs)} or less, or a longer range).`
    );
  }
  if (timeoutMs > MAX_TIMER_MS) {
    throw new UsageError(
      `--timeout ${opts.timeout} is longer than the longest timer Node can set (24d); use 24d or less.`
    );
  }
  try {
    assertGridFits(Math.floor(rangeMs / stepMs), stepMs);
  } catch (e) {
    if (e instanceof EngineError) {
      throw new UsageError(`--range ${opts.range} at --step ${opts.step}: ${e.message}`);
    }
    throw e;
  }
  return { baseUrl, rangeMs, stepMs, timeoutMs };
}
