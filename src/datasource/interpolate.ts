/**
 * Template variables, the way Grafana users expect them in a Prometheus query: dashboard variables
 * (`$job`, multi-value as a regex alternation), `$__interval` / `$__range`. For the training fetch
 * these mean the training step and window, not the dashboard's.
 */
import type { ScopedVars } from '@grafana/data';
import type { ForesightQuery } from './types';

export type ReplaceFn = (
  target: string,
  scopedVars?: ScopedVars,
  format?: string | ((value: unknown) => string)
) => string;

/** Escapes regex characters in multi-value selections, as Grafana's Prometheus source does. */
export function escapePromRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');
}

/** Multi-value variables become `a|b` (regex-escaped); single values are inserted as is. */
export function promVariableFormat(value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 1 ? String(value[0]) : value.map((v) => escapePromRegex(String(v))).join('|');
  }
  return String(value);
}

function durationText(ms: number): string {
  if (ms % 86_400_000 === 0) {
    return `${ms / 86_400_000}d`;
  }
  if (ms % 3_600_000 === 0) {
    return `${ms / 3_600_000}h`;
  }
  if (ms % 60_000 === 0) {
    return `${ms / 60_000}m`;
  }
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}

/** `$__interval`, `$__interval_ms`, `$__rate_interval`, `$__range*` for a given step and span. */
export function rangeScopedVars(stepMs: number, rangeMs: number): ScopedVars {
  const v = (text: string, value: string | number) => ({ text, value });
  return {
    __interval: v(durationText(stepMs), durationText(stepMs)),
    __interval_ms: v(String(stepMs), stepMs),
    // Grafana's rule without a known scrape interval: at least 4 steps, so rate() always has 2 samples.
    __rate_interval: v(durationText(Math.max(4 * stepMs, 60_000)), durationText(Math.max(4 * stepMs, 60_000))),
    __range: v(durationText(rangeMs), durationText(rangeMs)),
    __range_s: v(String(Math.round(rangeMs / 1000)), Math.round(rangeMs / 1000)),
    __range_ms: v(String(rangeMs), rangeMs),
  };
}

const RANGE_VARIABLES = ['__interval', '__interval_ms', '__rate_interval', '__range', '__range_s', '__range_ms'];

/** Scoped vars without the range variables, which are bound later per fetch (actuals vs training). */
export function withoutRangeVariables(scopedVars: ScopedVars): ScopedVars {
  return Object.fromEntries(Object.entries(scopedVars).filter(([name]) => !RANGE_VARIABLES.includes(name)));
}

/**
 * Interpolates the text fields of a query that may hold variables. In `expr`, `$__interval` and
 * `$__range` are left in place: `bindRangeVariables` gives them per fetch.
 */
export function interpolateQuery(query: ForesightQuery, scopedVars: ScopedVars, replace: ReplaceFn): ForesightQuery {
  const r = (text: string | undefined) =>
    text === undefined ? undefined : replace(text, scopedVars, promVariableFormat);
  const exprVars = withoutRangeVariables(scopedVars);
  return {
    ...query,
    expr: replace(query.expr ?? '', exprVars, promVariableFormat),
    legendFormat: r(query.legendFormat),
    trainingWindow: r(query.trainingWindow) ?? query.trainingWindow,
    trainingStep: r(query.trainingStep) ?? query.trainingStep,
    horizon: r(query.horizon) ?? query.horizon,
    // The editor keeps the name as typed; spaces around it are not part of it.
    modelRef: r(query.modelRef)?.trim() || undefined,
  };
}

/** The expression with its range variables bound to a specific step and span. */
export function bindRangeVariables(
  expr: string,
  stepMs: number,
  rangeMs: number,
  scopedVars: ScopedVars,
  replace: ReplaceFn
): string {
  return replace(expr, { ...scopedVars, ...rangeScopedVars(stepMs, rangeMs) }, promVariableFormat);
}
