/**
 * The wrapped Grafana Prometheus data source as the use case's `RangeSource`: requests go through
 * its `query()` (so auth, proxying and headers are Grafana's), template variables of the panel's
 * request are applied, and `$__interval`/`$__range` are bound per request.
 */
import type { DataQueryRequest, ScopedVars } from '@grafana/data';
import type { RangeSource } from '../advisor/ports';
import { fetchRange, type WrappedDataSource } from './fetch';
import { bindRangeVariables, type ReplaceFn } from './interpolate';

export interface GrafanaRequestContext {
  scopedVars: ScopedVars;
  /** The panel's request, for the app/dashboard/panel ids Grafana attaches to logs and caching. */
  base: Partial<DataQueryRequest>;
  replace: ReplaceFn;
  timeoutMs: number;
  /** Each notice the wrapped source gives beside its data (`RangeFetch.onNotice`). */
  onNotice?: (text: string) => void;
}

export function grafanaRangeSource(ds: WrappedDataSource, ctx: GrafanaRequestContext): RangeSource {
  return {
    name: ds.name,
    timeoutMs: ctx.timeoutMs,
    queryRange: (request, signal) =>
      fetchRange(
        ds,
        { ...request, scopedVars: ctx.scopedVars, base: ctx.base, timeoutMs: ctx.timeoutMs, onNotice: ctx.onNotice },
        signal
      ),
    bindRange: (expr, stepMs, spanMs) => bindRangeVariables(expr, stepMs, spanMs, ctx.scopedVars, ctx.replace),
  };
}
