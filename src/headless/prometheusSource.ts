/**
 * The headless runner's Prometheus: the Grafana-free HTTP client (`src/io/prometheus/httpClient`)
 * as the use case's `RangeSource`. PromQL range variables have no meaning outside Grafana; a job's
 * query that uses `$__interval` or `$__range` gets the training step and span, as in a panel.
 */
import type { RangeRequest, RangeSource } from '../advisor/ports';
import { queryRange, type FetchLike } from '../io/prometheus/httpClient';
import type { PromSeries } from '../io/prometheus/types';

/** Grafana's range variables, bound the way Grafana binds them (`$__interval` → `300s`). */
export function bindRangeVariables(expr: string, stepMs: number, spanMs: number): string {
  const sec = (ms: number) => `${Math.max(1, Math.round(ms / 1000))}s`;
  return expr
    .replace(/\$__rate_interval\b/g, sec(Math.max(4 * stepMs, stepMs + 15_000)))
    .replace(/\$__interval_ms\b/g, String(stepMs))
    .replace(/\$__interval\b/g, sec(stepMs))
    .replace(/\$__range_ms\b/g, String(spanMs))
    .replace(/\$__range\b/g, sec(spanMs));
}

export class HttpRangeSource implements RangeSource {
  readonly name: string;

  constructor(
    private readonly baseUrl: string,
    readonly timeoutMs: number,
    private readonly fetchFn?: FetchLike,
    /** Prometheus's warnings and infos, with the request's refId (the job name). */
    private readonly onNotice?: (refId: string, text: string) => void
  ) {
    this.name = baseUrl;
  }

  queryRange(request: RangeRequest, signal?: AbortSignal): Promise<PromSeries[]> {
    return queryRange(
      this.baseUrl,
      { expr: request.expr, startMs: request.fromMs, endMs: request.toMs, stepMs: request.stepMs },
      {
        signal,
        timeoutMs: this.timeoutMs,
        fetch: this.fetchFn,
        onNotice: this.onNotice && ((text) => this.onNotice?.(request.refId, text)),
      }
    );
  }

  bindRange(expr: string, stepMs: number, spanMs: number): string {
    return bindRangeVariables(expr, stepMs, spanMs);
  }

  /**
   * The value of `expr` now, per series: a range query of one point at `nowMs` (the client has no
   * instant query, and one point of a range query is the same evaluation). Series without a value
   * at that instant are left out.
   */
  async instant(
    expr: string,
    nowMs: number,
    signal?: AbortSignal,
    refId = 'currentReplicas'
  ): Promise<Array<{ labels: Record<string, string>; value: number }>> {
    const atMs = Math.floor(nowMs / 1000) * 1000;
    const series = await this.queryRange({ refId, expr, fromMs: atMs, toMs: atMs, stepMs: 60_000, points: 1 }, signal);
    return series.flatMap((s) => {
      const v = s.values[s.values.length - 1];
      return typeof v === 'number' && Number.isFinite(v) ? [{ labels: s.labels, value: v }] : [];
    });
  }
}
