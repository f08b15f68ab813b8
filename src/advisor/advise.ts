/**
 * The advice half of a query, apart from fetching and fitting: for each fitted series, the replica
 * plan and actions at the wall clock, the visible warnings and its result; then every action of the
 * query, in time order. Re-plans (policy, unit, legend edits) run only this, on a kept forecast.
 */
import type { ForesightRunInfo } from '../contract/frames';
import type { ActionRow, ModelReport, QueryResult, SeriesResult } from '../contract/types';
import { uniqueDisplayNames } from '../io/prometheus/legend';
import type { PromSeries } from '../io/prometheus/types';
import { formatTime } from '../policy/format';
import type { ScalingPolicy } from '../policy/types';
import type { FittedQuery, FittedSeries } from './fitQuery';
import type { ModelOrigin } from './modelRun';
import { historyShortfall, shortfallSentence } from './coverage';
import { horizonRounding } from './grid';
import { dataSentences, planSeries } from './planSeries';
import { checkCurrentReplicas } from './policy';
import type { ForecastSpec } from './spec';
import { visibleWarnings } from './warnings';

export interface AdviceContext {
  spec: ForecastSpec;
  stepMs: number;
  policy: ScalingPolicy;
  /** Someone gave the replicas (`policy.ts` `replicasStated`): only then does the result carry the policy. */
  replicasStated: boolean;
  currentReplicas: number;
  /** Per-series replicas running now, where known; checked like the spec's own value. */
  currentReplicasFor?: (labels: Record<string, string>) => number | undefined;
  /** Actuals over the displayed range, by series key (empty when nothing is displayed). */
  actualByKey: Map<string, PromSeries>;
  /** Wall clock the advice is for (where the panel draws "now"). */
  clockMs: number;
  /** IANA zone for the times written in reasons. */
  timeZone: string;
  /** The forecasts were kept from an earlier run; only the plan is new. */
  replanned: boolean;
}

function replicasNow(f: FittedSeries, ctx: AdviceContext): number {
  const own = ctx.currentReplicasFor?.(f.series.labels);
  return own === undefined ? ctx.currentReplicas : checkCurrentReplicas(own, ctx.policy.minReplicas);
}

/**
 * Where the model came from, for the panel: a fine-tune is `trained` (with `warmStart`), and a
 * constant series, whose forecast is the constant itself, had no model at all (`none`), whichever
 * path ran (a quick answer, a cached fingerprint, a training run).
 */
function runModel(origin: ModelOrigin, report: ModelReport): ForesightRunInfo['model'] {
  if (report.constantValue !== undefined) {
    return 'none';
  }
  return origin === 'fine-tuned' ? 'trained' : origin;
}

/** The training window the data fills only part of (`coverage.ts`), in the dashboard's zone. */
function historySentence(f: FittedSeries, fitted: FittedQuery, ctx: AdviceContext): string | undefined {
  const s = fitted.window && historyShortfall(f.series, fitted.window.endMs, fitted.window.windowMs, ctx.stepMs);
  return (
    s &&
    shortfallSentence(
      s,
      { asked: 'training window', wider: 'a wider training window' },
      formatTime(s.firstMs, ctx.clockMs, ctx.timeZone)
    )
  );
}

/**
 * One series' result. Its warnings are not prefixed with its name: they travel in its own frame, and
 * the panel names them when it shows several series (prefixing here said the name twice).
 */
function adviseSeries(
  f: FittedSeries,
  seriesName: string,
  fitted: FittedQuery,
  ctx: AdviceContext,
  rounding: string | undefined
) {
  const { spec, policy, clockMs } = ctx;
  const { forecast, report } = f.run.result.outcome;
  const advice = planSeries({
    forecast,
    series: f.series,
    policy,
    currentReplicas: replicasNow(f, ctx),
    retireThreshold: spec.retireThreshold,
    clockMs,
    timeZone: ctx.timeZone,
    unit: spec.unit,
    labels: f.series.labels,
    expr: spec.expr,
  });
  const computeNote = f.compute === 'in-thread' ? f.computeNote : undefined;
  const warnings = visibleWarnings({
    report,
    dataWarnings: [...dataSentences(advice), rounding, historySentence(f, fitted, ctx)].filter(
      (s): s is string => s !== undefined
    ),
    staleness: advice.staleness,
    modelNotes: f.run.notes,
    computeNote,
  });
  const result: SeriesResult = {
    refId: spec.refId,
    seriesKey: f.seriesKey,
    seriesName,
    labels: f.series.labels,
    actual: ctx.actualByKey.get(f.seriesKey),
    forecast,
    plan: advice.plan,
    report,
    policy: ctx.replicasStated ? policy : undefined,
    retire: advice.retire,
    unit: spec.unit,
    clockMs,
    stale: advice.staleness.stale
      ? { ageMs: advice.staleness.ageMs, thresholdMs: advice.staleness.thresholdMs }
      : undefined,
    warnings,
    executedQueryString: `Expr: ${spec.expr}\nTraining: last ${spec.trainingWindow} at ${ctx.stepMs / 1000}s (${fitted.chunks} chunk(s)), horizon ${spec.horizon}`,
    run: {
      compute: f.compute,
      computeNote: f.computeNote,
      backend: f.run.result.backend,
      model: runModel(f.run.origin, report),
      // A quick answer that names its series' cached model (`runQuick`) stands in for that model's run.
      warmStart:
        f.run.origin === 'fine-tuned' || (f.run.origin === 'base' && f.run.modelTrainedAtMs !== undefined) || undefined,
      modelTrainedAtMs: f.run.modelTrainedAtMs,
      replanned: ctx.replanned || undefined,
      fetchMs: fitted.fetchMs,
      trainMs: f.trainMs,
      trainingPoints: f.series.times.length,
      chunks: fitted.chunks,
    },
  };
  const actions: ActionRow[] = advice.actions.map((a) => ({ ...a, series: seriesName }));
  return { result, actions };
}

export function adviseFitted(fitted: FittedQuery, ctx: AdviceContext): QueryResult {
  const series: SeriesResult[] = [];
  const actions: ActionRow[] = [];
  // the same horizon and step for every series of the query: one sentence, worked out once
  const rounding = horizonRounding(ctx.spec.horizon, ctx.stepMs);
  // Named here, from the spec of this run, not carried from the fit: a legend edit re-plans without
  // fitting again. Unique among the series shown; a failed one is named in the fit's own sentence.
  const { legendFormat, expr } = ctx.spec;
  const names = uniqueDisplayNames(
    fitted.series.map((f) => f.series.labels),
    legendFormat,
    expr
  );
  for (const [i, f] of fitted.series.entries()) {
    const one = adviseSeries(f, names[i], fitted, ctx, rounding);
    series.push(one.result);
    actions.push(...one.actions);
  }
  actions.sort((a, b) => a.timeMs - b.timeMs);
  return { refId: ctx.spec.refId, series, actions, errors: [...fitted.errors] };
}
