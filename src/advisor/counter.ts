/**
 * Is this series a Prometheus counter read without `rate()`? A counter (`http_requests_total`) is a
 * running total: it only rises, and falls back towards zero when the process restarts (a reset).
 * Forecast as it is, its "forecast" is a total that keeps growing, and replicas planned from it
 * climb to the policy's maximum and stay there, however quiet the service is; a reset reads as a
 * collapse of traffic. Neither is advice anyone should act on, so every front door that plans
 * (`planSeries`) gives no plan and no actions for such a series, and says why in the visible warning
 * line, with the fix: apply `rate()` to the counter (Grafana's own Prometheus query hint for a
 * series that only increases says the same).
 *
 * The rule reads the values, and the metric name when the query kept it:
 * - the query applies none of PromQL's counter functions (`rate`, `irate`, `increase`, …);
 * - no value is negative, and the values fall at most a few times (≤ 1 % of the steps, at least
 *   1): a counter only falls at a reset. A sum over pods falls by one pod's total when that pod
 *   restarts, so any fall counts as a reset, as `rate()` counts it;
 * - and either the metric is named like a counter (`_total`, `_count`, `_sum`, `_bucket`, the
 *   Prometheus naming convention; then a flat one counts too: a counter nobody increments), or the
 *   values rise at a tenth of the steps or more (a counter of rare events stays flat between them:
 *   a running total of quiet ELB traffic rose at 48 % of its steps). A gauge that only grew (a
 *   filling disk) can match the second; so the sentence says "looks like", and names what to do if
 *   it is one.
 */
import { formatDuration } from '../common/duration';

export interface CounterShape {
  /** How many times the values fell (each a reset, as `rate()` reads it). */
  resets: number;
  /** The metric name when it says counter (`_total`, …), else undefined. */
  name?: string;
}

/** PromQL functions whose result is no longer a running total. */
const COUNTER_FUNCTIONS = /\b(?:rate|irate|increase|delta|idelta|deriv|resets|changes)\s*\(/;
const COUNTER_NAME = /_(?:total|count|sum|bucket)$/;
/** Fewer values say too little either way. */
export const COUNTER_MIN_POINTS = 12;
/** At most this share of the steps may be falls (resets); at least one is always allowed. */
const MAX_RESET_SHARE = 0.01;
/** Without a counter's name, the values must rise at this share of the steps or more. */
const MIN_RISE_SHARE = 0.1;

export interface CounterInput {
  values: ArrayLike<number | null>;
  /** The series' labels: `__name__` is there when the query kept the metric name. */
  labels?: Record<string, string>;
  /** The PromQL the series came from, when there was one. */
  expr?: string;
}

export function counterShape(input: CounterInput): CounterShape | undefined {
  if (input.expr !== undefined && COUNTER_FUNCTIONS.test(input.expr)) {
    return undefined;
  }
  let prev: number | undefined;
  let points = 0;
  let rises = 0;
  let falls = 0;
  for (let i = 0; i < input.values.length; i++) {
    const v = input.values[i];
    if (v === null || !Number.isFinite(v)) {
      continue;
    }
    if (v < 0) {
      return undefined;
    }
    if (prev !== undefined) {
      rises += v > prev ? 1 : 0;
      falls += v < prev ? 1 : 0;
    }
    prev = v;
    points++;
  }
  const steps = points - 1;
  if (points < COUNTER_MIN_POINTS || falls > Math.max(1, Math.floor(MAX_RESET_SHARE * steps))) {
    return undefined;
  }
  const metric = input.labels?.__name__;
  const name = metric !== undefined && COUNTER_NAME.test(metric) ? metric : undefined;
  if (name === undefined && rises < MIN_RISE_SHARE * steps) {
    return undefined;
  }
  return { resets: falls, name };
}

/**
 * The warning line's sentence for a counter, with the fix in PromQL. The suggested `rate()` range is
 * at least 5 minutes and at least the step, so every step's rate reads two samples or more.
 * `plans`: whether the caller plans replicas (the panel and the headless runner do, the CLI does not).
 */
export function counterWarning(shape: CounterShape, stepMs: number, plans = true): string {
  const never =
    shape.resets === 0
      ? 'never falls'
      : `never falls, apart from ${shape.resets} reset${shape.resets === 1 ? '' : 's'} (as when the process restarts)`;
  const window = formatDuration(Math.max(5 * 60_000, stepMs));
  const example = `rate(${shape.name ?? 'metric_total'}[${window}])`;
  return (
    `This series ${never}: it looks like a counter read without rate(), so its forecast is a running total` +
    // the CLI plans nothing, so there the clause about replicas would describe something it never does
    (plans ? ', and no replicas or scale actions are planned from it' : '') +
    `. To forecast its rate, apply rate() to the counter, e.g. ${example}; ` +
    'if it is a gauge that only grew, its forecast is still shown.'
  );
}
