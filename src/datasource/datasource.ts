/**
 * The Foresight data source: wraps a Prometheus data source, fetches actuals and a long training
 * window through it, runs the engine (in a Web Worker) per series, and returns forecast and
 * scale-action frames. This file orchestrates only; every transform is a pure function elsewhere.
 */
import {
  DataSourceApi,
  LoadingState,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type QueryResultMetaNotice,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';
import { Observable } from 'rxjs';
import type { TrainProgress } from '../engine/api';
import { planChunks } from '../io/prometheus/chunks';
import { labelsKey } from '../io/prometheus/merge';
import { promDisplayName } from '../io/prometheus/legend';
import type { PromSeries } from '../io/prometheus/types';
import { adviseRetire, planReplicas } from '../policy';
import { createForecastRunner } from '../worker/createRunner';
import { modelFingerprint } from '../worker/fingerprint';
import { createModelCache, namedModelKey, type ModelCache } from '../worker/modelCache';
import { workerUrls } from '../worker/publicPath';
import type { ForecastRunner } from '../worker/runner';
import { horizonSteps, parseDurationMs, resolveTrainingStepMs } from './duration';
import { configError, emptyResultError, ForesightError, toForesightError } from './errors';
import { bindRangeVariables, interpolateQuery, type ReplaceFn } from './interpolate';
import { fetchRange, fetchTrainingWindow, type WrappedDataSource } from './fetch';
import { buildActionsFrame, buildForecastFrame, buildProgressFrame, type ActionRow } from './frames';
import { migrateQuery } from './migrations';
import { runWithModelMode } from './modelRun';
import { effectivePolicy, lastObservation, reasonTimeZone } from './policy';
import { last24hPeak } from './retire';
import { DEFAULT_OPTIONS, withQueryDefaults, type ForesightOptions, type ForesightQuery } from './types';

/** Seams for tests and other hosts; Grafana constructs the data source with settings only. */
export interface ForesightDeps {
  getDataSource(uid: string): Promise<WrappedDataSource>;
  replace: ReplaceFn;
  createRunner(): Promise<ForecastRunner>;
  modelCache: ModelCache;
  now(): number;
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

const PROMETHEUS_TYPES = ['prometheus', 'grafana-amazonprometheus-datasource', 'grafana-azureprometheus-datasource'];

export class ForesightDataSource extends DataSourceApi<ForesightQuery, ForesightOptions> {
  readonly options: ForesightOptions;
  private readonly deps: ForesightDeps;
  private runner?: Promise<ForecastRunner>;

  constructor(settings: DataSourceInstanceSettings<ForesightOptions>, deps: Partial<ForesightDeps> = {}) {
    super(settings);
    this.options = { ...DEFAULT_OPTIONS, ...settings.jsonData };
    this.deps = {
      getDataSource: (uid) => getDataSourceSrv().get(uid),
      replace: (target, scopedVars, format) =>
        getTemplateSrv().replace(target, scopedVars, format as string | Function),
      createRunner: () => createForecastRunner({ ...workerUrls(), backend: this.options.backend }),
      modelCache: deps.modelCache ?? createModelCache(),
      now: () => Date.now(),
      ...deps,
    };
  }

  getDefaultQuery() {
    return withQueryDefaults({ refId: 'A' });
  }

  filterQuery(query: ForesightQuery): boolean {
    return !query.hide && !!query.expr?.trim();
  }

  private getRunner(): Promise<ForecastRunner> {
    if (!this.runner) {
      this.runner = this.deps.createRunner();
      this.runner.catch(() => {
        this.runner = undefined;
      });
    }
    return this.runner;
  }

  /** The wrapped Prometheus source, or a specific error saying what is wrong with the configuration. */
  async getPrometheus(): Promise<WrappedDataSource> {
    const uid = this.options.prometheusUid;
    if (!uid) {
      throw configError('No Prometheus data source is selected: open the Foresight data source settings and pick one.');
    }
    let ds: WrappedDataSource;
    try {
      ds = await this.deps.getDataSource(uid);
    } catch {
      throw configError(
        `The Prometheus data source "${uid}" that Foresight wraps was not found. It may have been deleted; pick another in the settings.`
      );
    }
    if (!PROMETHEUS_TYPES.includes(ds.type)) {
      throw configError(
        `The data source "${ds.name}" is of type "${ds.type}", not Prometheus. Foresight wraps a Prometheus data source.`
      );
    }
    return ds;
  }

  query(request: DataQueryRequest<ForesightQuery>): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      const key = `foresight-${request.requestId}`;
      const frames: DataFrame[] = [];
      const errors: DataQueryError[] = [];
      const emitProgress = (refId: string, progress: TrainProgress) => {
        if (!subscriber.closed) {
          subscriber.next({
            key,
            state: LoadingState.Streaming,
            data: [...frames, buildProgressFrame(refId, progress)],
            errors: [...errors],
          });
        }
      };
      const run = async () => {
        for (const target of request.targets.filter((t) => this.filterQuery(t))) {
          try {
            await this.runTarget(target, request, {
              signal: controller.signal,
              onFrames: (out) => frames.push(...out),
              onError: (e) => errors.push(e),
              onProgress: (p) => emitProgress(target.refId, p),
            });
          } catch (err) {
            const e = toForesightError(err);
            if (e.kind === 'cancelled' && controller.signal.aborted) {
              return;
            }
            errors.push({ refId: target.refId, message: e.message });
          }
        }
        if (!subscriber.closed) {
          subscriber.next({
            key,
            state: errors.length > 0 && frames.length === 0 ? LoadingState.Error : LoadingState.Done,
            data: frames,
            errors,
          });
          subscriber.complete();
        }
      };
      void run();
      // Unsubscribing (query superseded, panel removed) cancels fetches and training.
      return () => controller.abort();
    });
  }

  private async runTarget(
    raw: ForesightQuery,
    request: DataQueryRequest<ForesightQuery>,
    out: {
      signal: AbortSignal;
      onFrames(frames: DataFrame[]): void;
      onError(error: DataQueryError): void;
      onProgress(progress: TrainProgress): void;
    }
  ): Promise<void> {
    const scopedVars: ScopedVars = request.scopedVars ?? {};
    const query = interpolateQuery(withQueryDefaults(migrateQuery(raw)), scopedVars, this.deps.replace);
    const refId = query.refId;
    const windowMs = parseDurationMs(query.trainingWindow, 'training window');
    const stepMs = resolveTrainingStepMs(query.trainingStep, windowMs);
    const horizonMs = parseDurationMs(query.horizon, 'horizon');
    const horizon = horizonSteps(horizonMs, stepMs);
    const policy = effectivePolicy(this.options.defaultPolicy, query.policy);
    const prometheus = await this.getPrometheus();
    const nowMs = this.deps.now();
    const plan = planChunks({ endMs: nowMs, windowMs, stepMs });

    out.onProgress({
      phase: 'prepare',
      fraction: 0,
      message: `fetching ${plan.points} points in ${plan.chunks.length} chunk(s)`,
    });
    const trainingExpr = bindRangeVariables(query.expr, stepMs, windowMs, scopedVars, this.deps.replace);
    const training = await fetchTrainingWindow(
      prometheus,
      plan,
      { refId, expr: trainingExpr, legendFormat: query.legendFormat, scopedVars, base: request },
      {
        signal: out.signal,
        onChunk: (done, total) =>
          out.onProgress({
            phase: 'prepare',
            fraction: 0.1 * (done / total),
            message: `fetched chunk ${done} of ${total}`,
          }),
      }
    );
    if (training.series.length === 0) {
      throw emptyResultError(trainingExpr, `the training window (last ${query.trainingWindow})`);
    }

    const fromMs = request.range.from.valueOf();
    const toMs = request.range.to.valueOf();
    const actualStepMs = Math.max(request.intervalMs || stepMs, 1000);
    const actualExpr = bindRangeVariables(query.expr, actualStepMs, toMs - fromMs, scopedVars, this.deps.replace);
    const actuals = await fetchRange(
      prometheus,
      {
        refId,
        expr: actualExpr,
        legendFormat: query.legendFormat,
        fromMs,
        toMs,
        stepMs: actualStepMs,
        points: Math.floor((toMs - fromMs) / actualStepMs) + 1,
        scopedVars,
        base: request,
      },
      out.signal
    );
    const actualByKey = new Map(actuals.map((s) => [labelsKey(s.labels), s]));

    const sorted = [...training.series].sort((a, b) => (labelsKey(a.labels) < labelsKey(b.labels) ? -1 : 1));
    const maxSeries = this.options.maxSeries ?? DEFAULT_OPTIONS.maxSeries;
    const selected = sorted.slice(0, maxSeries);
    if (sorted.length > maxSeries) {
      out.onError({
        refId,
        message:
          `The query returned ${sorted.length} series; Foresight trains one model per series and forecasts at most ${maxSeries}. ` +
          `Showing the first ${maxSeries} by label; narrow the query (e.g. by job or instance) or aggregate with sum by (…).`,
      });
    }

    const runner = await this.getRunner();
    const actions: ActionRow[] = [];
    for (let i = 0; i < selected.length; i++) {
      const series = selected[i];
      const seriesKey = labelsKey(series.labels);
      const seriesName = promDisplayName(series.labels, query.legendFormat, query.expr) || seriesKey;
      try {
        const frame = await this.forecastOne({
          query,
          series,
          seriesKey,
          seriesName,
          multiSeries: selected.length > 1,
          windowMs,
          stepMs,
          horizon,
          policy,
          nowMs,
          timeZone: reasonTimeZone(request.timezone),
          runner,
          signal: out.signal,
          actual: actualByKey.get(seriesKey),
          fetchMs: training.fetchMs,
          chunks: training.chunks,
          onProgress: (p) =>
            out.onProgress({
              ...p,
              fraction: 0.1 + 0.9 * ((i + p.fraction) / selected.length),
              message: `${seriesName}: ${p.message ?? p.phase}`,
            }),
          actions,
        });
        out.onFrames([frame]);
      } catch (err) {
        const e = toForesightError(err);
        if (e.kind === 'cancelled' || e.kind === 'worker_crash') {
          throw e;
        }
        out.onError({ refId, message: selected.length > 1 ? `${seriesName}: ${e.message}` : e.message });
      }
    }
    out.onFrames([buildActionsFrame(refId, actions)]);
  }

  private async forecastOne(ctx: {
    query: ForesightQuery;
    series: PromSeries;
    seriesKey: string;
    seriesName: string;
    multiSeries: boolean;
    windowMs: number;
    stepMs: number;
    horizon: number;
    policy: ReturnType<typeof effectivePolicy>;
    nowMs: number;
    /** IANA zone for the times written in action reasons (the dashboard's). */
    timeZone: string;
    runner: ForecastRunner;
    signal: AbortSignal;
    actual?: PromSeries;
    fetchMs: number;
    chunks: number;
    onProgress(p: TrainProgress): void;
    actions: ActionRow[];
  }): Promise<DataFrame> {
    const { query, stepMs } = ctx;
    const cache = this.deps.modelCache;
    const fingerprint = modelFingerprint({
      expr: query.expr,
      seriesKey: ctx.seriesKey,
      windowMs: ctx.windowMs,
      stepMs,
      method: query.method,
      horizon: ctx.horizon,
      lstm: query.lstm,
    });
    const nameKey = query.modelRef
      ? namedModelKey(ctx.multiSeries ? `${query.modelRef} ${ctx.seriesKey}` : query.modelRef)
      : undefined;

    const started = Date.now();
    const { result, origin } = await runWithModelMode({
      query,
      request: {
        series: { times: ctx.series.times, values: ctx.series.values },
        stepMs,
        horizon: ctx.horizon,
        method: query.method,
        lstm: query.lstm,
        backend: this.options.backend,
        fingerprint,
      },
      fingerprint,
      nameKey,
      loadRef: ctx.multiSeries ? `${query.modelRef ?? ''} ${ctx.seriesKey}`.trim() : query.modelRef,
      nowMs: ctx.nowMs,
      cache,
      runner: ctx.runner,
      storage: this.options.modelStorage ?? 'indexeddb',
      baseUrl: this.options.modelBaseUrl,
      options: { onProgress: ctx.onProgress, signal: ctx.signal },
    });
    const trainMs = Date.now() - started;
    const { outcome } = result;

    const currentReplicas = ctx.query.currentReplicas ?? ctx.policy.minReplicas;
    const plan = planReplicas(outcome.forecast, currentReplicas, ctx.policy, {
      timeZone: ctx.timeZone,
      lastObserved: lastObservation(ctx.series),
    });
    let retire;
    if (query.retireThreshold !== undefined) {
      const peak = last24hPeak(ctx.series, ctx.nowMs);
      if (peak !== undefined) {
        retire = adviseRetire({
          upper95: outcome.forecast.upper95,
          last24hHourlyPeak: peak,
          threshold: query.retireThreshold,
        });
        if (retire.retire) {
          ctx.actions.push({
            timeMs: outcome.forecast.startMs,
            action: 'retire',
            from: currentReplicas,
            to: 0,
            reason: retire.reason,
            series: ctx.seriesName,
          });
        }
      }
    }
    ctx.actions.push(...plan.actions.map((a) => ({ ...a, series: ctx.seriesName })));

    return buildForecastFrame({
      refId: query.refId,
      seriesKey: ctx.seriesKey,
      seriesName: ctx.seriesName,
      labels: ctx.series.labels,
      actual: ctx.actual,
      forecast: outcome.forecast,
      plan,
      report: outcome.report,
      policy: ctx.policy,
      retire,
      unit: query.unit,
      executedQueryString: `Expr: ${query.expr}\nTraining: last ${query.trainingWindow} at ${stepMs / 1000}s (${ctx.chunks} chunk(s)), horizon ${query.horizon}`,
      notices: frameNotices(
        outcome.report.warning,
        ctx.runner.mode === 'in-thread' ? ctx.runner.fallbackReason : undefined
      ),
      run: {
        compute: ctx.runner.mode,
        computeNote: ctx.runner.fallbackReason,
        backend: result.backend,
        model: origin === 'fine-tuned' ? 'trained' : origin,
        warmStart: origin === 'fine-tuned' ? true : undefined,
        fetchMs: ctx.fetchMs,
        trainMs,
        trainingPoints: ctx.series.times.length,
        chunks: ctx.chunks,
      },
    });
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      const prometheus = await this.getPrometheus();
      const nowMs = this.deps.now();
      const series = await fetchRange(prometheus, {
        refId: 'test',
        expr: 'vector(1)',
        fromMs: nowMs - 300_000,
        toMs: nowMs,
        stepMs: 60_000,
        points: 6,
      });
      const ok = series.some((s) => s.values.some((v) => v === 1));
      if (!ok) {
        return {
          status: 'error',
          message: `"${prometheus.name}" answered vector(1) without the value 1; is it really a Prometheus?`,
        };
      }
      return { status: 'success', message: `Foresight is ready: "${prometheus.name}" answers PromQL.` };
    } catch (err) {
      const e = err instanceof ForesightError ? err : toForesightError(err);
      return { status: 'error', message: e.message };
    }
  }
}
