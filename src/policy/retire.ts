/**
 * Retire advice for per-version traffic (`{model_name, model_version}`): a version may go when neither
 * its recent traffic nor the upper bound of its forecast reaches the threshold. Anything missing or
 * malformed answers "keep", with the reason, because retiring on no evidence is the costly mistake.
 */
import { formatLoad, formatTime } from './format';
import type { RetireAdvice } from './types';

export interface RetireInput {
  /** Upper 95 % bound of the traffic forecast over the horizon. */
  upper95: ReadonlyArray<number | null>;
  /** Highest hourly request rate over the last 24 hours. */
  last24hHourlyPeak: number;
  /** Both must stay strictly below this. */
  threshold: number;
  /** Optional, for words: time of `upper95[0]` and the step between points. */
  startMs?: number;
  stepMs?: number;
  unit?: string;
  timeZone?: string;
}

export function adviseRetire(input: RetireInput): RetireAdvice {
  const { upper95, last24hHourlyPeak, threshold, unit } = input;
  const keep = (reason: string): RetireAdvice => ({ retire: false, reason });

  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
    return keep(`keep: the retire threshold must be a number above 0 (got ${String(threshold)})`);
  }
  if (typeof last24hHourlyPeak !== 'number' || !Number.isFinite(last24hHourlyPeak)) {
    return keep('keep: no usable traffic for the last 24 hours to judge by');
  }
  let peak = -Infinity;
  let peakIndex = -1;
  for (let i = 0; i < (upper95?.length ?? 0); i++) {
    const v = upper95[i];
    if (v !== null && Number.isFinite(v) && v > peak) {
      peak = v;
      peakIndex = i;
    }
  }
  if (peakIndex < 0) {
    return keep('keep: no usable forecast to judge by');
  }
  const forecastPeak = Math.max(0, peak);
  const limit = formatLoad(threshold, unit);
  const recent = `the last-24 h hourly peak ${formatLoad(Math.max(0, last24hHourlyPeak), unit)}`;
  let when = '';
  if (
    input.startMs !== undefined &&
    input.stepMs !== undefined &&
    Number.isFinite(input.startMs) &&
    Number.isFinite(input.stepMs)
  ) {
    when = ` at ${formatTime(input.startMs + peakIndex * input.stepMs, input.startMs, input.timeZone)}`;
  }
  const forecastWords = `the forecast upper 95 % bound ${formatLoad(forecastPeak, unit)}${when}`;

  const recentBelow = last24hHourlyPeak < threshold;
  const forecastBelow = forecastPeak < threshold;
  if (recentBelow && forecastBelow) {
    return { retire: true, reason: `safe to retire: ${recent} and ${forecastWords} are both below ${limit}` };
  }
  const why = [
    recentBelow ? undefined : `${recent} is not below ${limit}`,
    forecastBelow ? undefined : `${forecastWords} is not below ${limit}`,
  ].filter((s): s is string => s !== undefined);
  return keep(`keep: ${why.join(', and ')}`);
}
