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
import { fitKey, ForecastMemo, queryKey } from '../advisor/forecastMemo';
import { assertGridFits } from '../engine/budget';
import { validateLstmOptions } from '../engine/options';
import { createForecastRunner } from '../worker/createRunner';
import { modelFingerprint } from '../worker/fingerprint';
import { createModelCache, namedModelKey, type ModelCache } from '../worker/modelCache';
import { workerUrls } from '../worker/publicPath';
import type { ForecastRunner } from '../worker/runner';
import { horizonSteps, parseDurationMs, resolveTrainingStepMs } from './duration';
import { configError, emptyResultError, ForesightError, toForesightError } from './errors';
import { bindRangeVariables, interpolateQuery, type ReplaceFn } from './interpolate';
import { fetchRange, fetchTrainingWindow, type WrappedDataSource } from './fetch';
import { buildProgressFrame } from './frames';
import { migrateQuery } from './migrations';
import { runWithModelMode } from './modelRun';
import { adviseFitted, type FittedSeries, type FittedTarget } from './advice';
import { checkCurrentReplicas, effectivePolicy, reasonTimeZone } from './policy';
import {
  DEFAULT_OPTIONS,
  requestTimeoutMs,
  withQueryDefaults,
  type ForesightOptions,
  type ForesightQuery,
} from './types';

/** Seams for tests and other hosts; Grafana constructs the data source with settings only. */
export interface ForesightDeps {
  getDataSource(uid: string): Promise<WrappedDataSource>;
  replace: ReplaceFn;
  createRunner(): Promise<ForecastRunner>;
  modelCache: ModelCache;
  now(): number;
}

const PROMETHEUS_TYPES = ['prometheus', 'grafana-amazonprometheus-datasource', 'grafana-azureprometheus-datasource'];

export class ForesightDataSource extends DataSourceApi<ForesightQuery, ForesightOptions> {
  readonly options: ForesightOptions;
  private readonly deps: ForesightDeps;
  private runner?: Promise<ForecastRunner>;
  private readonly memo = new ForecastMemo<FittedTarget>();

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
            // Whatever a superseded run ends in (cancelled, or a worker torn down under it) is not news.
            if (controller.signal.aborted) {
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
    const horizon = horizonSteps(parseDurationMs(query.horizon, 'horizon'), stepMs);
    // Advice settings are checked before anything is fetched or trained: a typo costs no training run.
    const policy = effectivePolicy(this.options.defaultPolicy, query.policy);
    const currentReplicas = checkCurrentReplicas(query.currentReplicas, policy.minReplicas);
    // The engine's own bounds, checked before a single chunk is fetched (it checks them again).
    validateLstmOptions(query.lstm);
    assertGridFits(Math.floor(windowMs / stepMs) + 1, stepMs);
    const prometheus = await this.getPrometheus();
    const timeoutMs = requestTimeoutMs(this.options);

    const slot = `${request.dashboardUID ?? ''}/${request.panelId ?? ''}/${refId}`;
    const fit = fitKey({ ...query, backend: this.options.backend });
    const asked = queryKey(query);
    const clockAtStart = this.deps.now();
    let fitted = this.memo.replanFrom(slot, fit, asked, clockAtStart);
    const replanned = fitted !== undefined;
    if (!fitted) {
      fitted = await this.fitTarget(query, request, prometheus, { windowMs, stepMs, horizon, timeoutMs }, out);
      this.memo.remember(slot, fit, asked, clockAtStart, fitted);
    }

    const fromMs = request.range.from.valueOf();
    const toMs = request.range.to.valueOf();
    const actualStepMs = Math.max(request.intervalMs || stepMs, 1000);
    const actuals = await fetchRange(
      prometheus,
      {
        refId,
        expr: bindRangeVariables(query.expr, actualStepMs, toMs - fromMs, scopedVars, this.deps.replace),
        legendFormat: query.legendFormat,
        fromMs,
        toMs,
        stepMs: actualStepMs,
        points: Math.floor((toMs - fromMs) / actualStepMs) + 1,
        scopedVars,
        base: request,
        timeoutMs,
      },
      out.signal
    );
    const actualByKey = new Map(actuals.map((s) => [labelsKey(s.labels), s]));

    fitted.errors.forEach((e) => out.onError(e));
    out.onFrames(
      adviseFitted(fitted, {
        query,
        stepMs,
        policy,
        currentReplicas,
        actualByKey,
        clockMs: this.deps.now(),
        timeZone: reasonTimeZone(request.timezone),
        replanned,
      })
    );
  }

  /** Fetches the training window and runs each series' model: the expensive half, kept for re-plans. */
  private async fitTarget(
    query: ForesightQuery,
    request: DataQueryRequest<ForesightQuery>,
    prometheus: WrappedDataSource,
    grid: { windowMs: number; stepMs: number; horizon: number; timeoutMs?: number },
    out: {
      signal: AbortSignal;
      onProgress(progress: TrainProgress): void;
    }
  ): Promise<FittedTarget> {
    const { windowMs, stepMs } = grid;
    const refId = query.refId;
    const scopedVars: ScopedVars = request.scopedVars ?? {};
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
      {
        refId,
        expr: trainingExpr,
        legendFormat: query.legendFormat,
        scopedVars,
        base: request,
        timeoutMs: grid.timeoutMs,
      },
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

    const errors: DataQueryError[] = [];
    const sorted = [...training.series].sort((a, b) => (labelsKey(a.labels) < labelsKey(b.labels) ? -1 : 1));
    const maxSeries = this.options.maxSeries ?? DEFAULT_OPTIONS.maxSeries;
    const selected = sorted.slice(0, maxSeries);
    if (sorted.length > maxSeries) {
      errors.push({
        refId,
        message:
          `The query returned ${sorted.length} series; Foresight trains one model per series and forecasts at most ${maxSeries}. ` +
          `Showing the first ${maxSeries} by label; narrow the query (e.g. by job or instance) or aggregate with sum by (…).`,
      });
    }

    const runner = await this.getRunner();
    const series: FittedSeries[] = [];
    for (let i = 0; i < selected.length; i++) {
      const one = selected[i];
      const seriesKey = labelsKey(one.labels);
      const seriesName = promDisplayName(one.labels, query.legendFormat, query.expr) || seriesKey;
      try {
        series.push(
          await this.fitSeries(query, one, seriesKey, {
            ...grid,
            nowMs,
            runner,
            multiSeries: selected.length > 1,
            signal: out.signal,
            onProgress: (p) =>
              out.onProgress({
                ...p,
                fraction: 0.1 + 0.9 * ((i + p.fraction) / selected.length),
                message: `${seriesName}: ${p.message ?? p.phase}`,
              }),
          })
        );
      } catch (err) {
        const e = toForesightError(err);
        if (e.kind === 'cancelled' || e.kind === 'worker_crash' || out.signal.aborted) {
          throw e;
        }
        errors.push({ refId, message: selected.length > 1 ? `${seriesName}: ${e.message}` : e.message });
      }
    }
    return { series, errors, fetchMs: training.fetchMs, chunks: training.chunks };
  }

  /** One series' model run under the query's model mode (train, reuse, fine-tune or load). */
  private async fitSeries(
    query: ForesightQuery,
    one: PromSeries,
    seriesKey: string,
    ctx: {
      windowMs: number;
      stepMs: number;
      horizon: number;
      timeoutMs?: number;
      nowMs: number;
      runner: ForecastRunner;
      multiSeries: boolean;
      signal: AbortSignal;
      onProgress(progress: TrainProgress): void;
    }
  ): Promise<FittedSeries> {
    const { stepMs, horizon, runner } = ctx;
    const fingerprint = modelFingerprint({
      expr: query.expr,
      seriesKey,
      windowMs: ctx.windowMs,
      stepMs,
      method: query.method,
      horizon,
      lstm: query.lstm,
    });
    // With several series each has its own model, named after the query's name plus its labels.
    const name = query.modelRef && ctx.multiSeries ? `${query.modelRef} ${seriesKey}` : query.modelRef;
    const started = Date.now();
    const run = await runWithModelMode({
      query,
      request: {
        series: { times: one.times, values: one.values },
        stepMs,
        horizon,
        method: query.method,
        lstm: query.lstm,
        backend: this.options.backend,
        fingerprint,
        savedModelTimeoutMs: ctx.timeoutMs,
      },
      fingerprint,
      nameKey: name ? namedModelKey(name) : undefined,
      loadRef: ctx.multiSeries ? `${query.modelRef ?? ''} ${seriesKey}`.trim() : query.modelRef,
      nowMs: ctx.nowMs,
      cache: this.deps.modelCache,
      runner,
      storage: this.options.modelStorage ?? 'indexeddb',
      baseUrl: this.options.modelBaseUrl,
      options: { signal: ctx.signal, onProgress: ctx.onProgress },
    });
    return {
      series: one,
      seriesKey,
      run,
      trainMs: Date.now() - started,
      compute: runner.mode,
      computeNote: runner.fallbackReason,
    };
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
