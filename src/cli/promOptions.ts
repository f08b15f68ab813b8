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
import { formatDuration, parseDurationMs } from '../common/duration';
import { redactUrl } from '../io/prometheus';
import { UsageError } from './usage';

/** Node's timers hold at most 2³¹ − 1 ms (about 24.8 days); a longer one fires at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

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
    const number = /^\s*([-+]?\d*\.?\d+)\s*[a-z]*\s*$/i.exec(text ?? '');
    if (number && Number(number[1]) <= 0) {
      throw new UsageError(`${flag} must be greater than zero (got "${text}"; use e.g. ${example}).`);
    }
    throw new UsageError(`${flag} "${text}" is not a duration (use e.g. ${example}).`);
  }
}

/**
 * The Prometheus base URL, as given but without a trailing slash. Refused: no http(s) scheme (the
 * usual slip is `127.0.0.1:9090`), and a user name or password in it (fetch refuses those, and the
 * error would print the password; the CLI has no authentication option, so put an authenticating
 * proxy in front or use a Prometheus reachable without credentials).
 */
export function prometheusBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--prometheus "${text}" is not a URL; give the base URL with its scheme, e.g. http://${text || '127.0.0.1:9090'}.`
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `--prometheus "${text}" is not an http(s) URL; give the base URL with its scheme, e.g. http://${text}.`
    );
  }
  if (url.username || url.password) {
    throw new UsageError(
      `--prometheus: a user name or password in the URL is not supported (and would be printed in errors); ` +
        `use a Prometheus (or a proxy in front of it) that this machine can query without credentials: ${redactUrl(text)}`
    );
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
  if (timeoutMs > MAX_TIMEOUT_MS) {
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
