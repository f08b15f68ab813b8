/**
 * The advice half of a query, apart from fetching and fitting: for each fitted series, the replica
 * plan and actions at the wall clock, the visible warnings and the forecast frame; then the query's
 * scale-actions frame. Re-plans (policy, unit, legend edits) run only this, on a kept forecast.
 */
import type { DataFrame, DataQueryError, QueryResultMetaNotice } from '@grafana/data';
import { planSeries } from '../advisor/planSeries';
import { visibleWarnings } from '../advisor/warnings';
import { promDisplayName } from '../io/prometheus/legend';
import type { PromSeries } from '../io/prometheus/types';
import type { ScalingPolicy } from '../policy/types';
import type { ForecastRunner } from '../worker/runner';
import { buildActionsFrame, buildForecastFrame, type ActionRow } from './frames';
import type { ModelRun } from './modelRun';
import type { ForesightQuery } from './types';

/** One series' fitted forecast, kept so an advice-only edit re-plans without fetching or training. */
export interface FittedSeries {
  series: PromSeries;
  seriesKey: string;
  run: ModelRun;
  trainMs: number;
  compute: ForecastRunner['mode'];
  computeNote?: string;
}

export interface FittedTarget {
  series: FittedSeries[];
  /** Per-series failures and the too-many-series notice, shown again on every re-plan. */
  errors: DataQueryError[];
  fetchMs: number;
  chunks: number;
}

/** Notices Grafana shows on the panel: a method that lost to a baseline, training on the main thread. */
export function frameNotices(
  warning: string | undefined,
  inThreadReason: string | undefined
): QueryResultMetaNotice[] | undefined {
  const notices: QueryResultMetaNotice[] = [];
  if (warning) {
    notices.push({ severity: 'warning', text: warning });
  }
  if (inThreadReason) {
    notices.push({ severity: 'info', text: inThreadReason });
  }
  return notices.length > 0 ? notices : undefined;
}

export interface AdviceContext {
  query: ForesightQuery;
  stepMs: number;
  policy: ScalingPolicy;
  currentReplicas: number;
  /** Actuals over the dashboard range, by series key. */
  actualByKey: Map<string, PromSeries>;
  /** Wall clock the advice is for (where the panel draws "now"). */
  clockMs: number;
  /** IANA zone for the times written in reasons. */
  timeZone: string;
  /** The forecasts were kept from an earlier run; only the plan is new. */
  replanned: boolean;
}

export function adviseFitted(fitted: FittedTarget, ctx: AdviceContext): DataFrame[] {
  const { query, policy, clockMs } = ctx;
  const actions: ActionRow[] = [];
  const frames: DataFrame[] = [];
  const multiSeries = fitted.series.length > 1;
  for (const f of fitted.series) {
    const seriesName = promDisplayName(f.series.labels, query.legendFormat, query.expr) || f.seriesKey;
    const { forecast, report } = f.run.result.outcome;
    const advice = planSeries({
      forecast,
      series: f.series,
      policy,
      currentReplicas: ctx.currentReplicas,
      retireThreshold: query.retireThreshold,
      clockMs,
      timeZone: ctx.timeZone,
      unit: query.unit,
    });
    actions.push(...advice.actions.map((a) => ({ ...a, series: seriesName })));
    const computeNote = f.compute === 'in-thread' ? f.computeNote : undefined;
    const warnings = visibleWarnings({
      report,
      staleness: advice.staleness,
      modelNotes: f.run.notes,
      computeNote,
    }).map((w) => (multiSeries ? `${seriesName}: ${w}` : w));
    frames.push(
      buildForecastFrame({
        refId: query.refId,
        seriesKey: f.seriesKey,
        seriesName,
        labels: f.series.labels,
        actual: ctx.actualByKey.get(f.seriesKey),
        forecast,
        plan: advice.plan,
        report,
        policy,
        retire: advice.retire,
        unit: query.unit,
        clockMs,
        stale: advice.staleness.stale
          ? { ageMs: advice.staleness.ageMs, thresholdMs: advice.staleness.thresholdMs }
          : undefined,
        warnings,
        executedQueryString: `Expr: ${query.expr}\nTraining: last ${query.trainingWindow} at ${ctx.stepMs / 1000}s (${fitted.chunks} chunk(s)), horizon ${query.horizon}`,
        notices: frameNotices(report.warning, computeNote),
        run: {
          compute: f.compute,
          computeNote: f.computeNote,
          backend: f.run.result.backend,
          model: f.run.origin === 'fine-tuned' ? 'trained' : f.run.origin,
          warmStart: f.run.origin === 'fine-tuned' ? true : undefined,
          modelTrainedAtMs: f.run.modelTrainedAtMs,
          replanned: ctx.replanned || undefined,
          fetchMs: fitted.fetchMs,
          trainMs: f.trainMs,
          trainingPoints: f.series.times.length,
          chunks: fitted.chunks,
        },
      })
    );
  }
  frames.push(buildActionsFrame(query.refId, actions));
  return frames;
}
