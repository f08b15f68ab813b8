/**
 * The Foresight data source, the Grafana front door of the use case (`src/advisor/queryAdvisor.ts`):
 * it migrates and interpolates each target, hands the use case the wrapped Prometheus (through
 * Grafana's own query path), a Web Worker runner, the IndexedDB model store and the clock, streams
 * training progress, and encodes the answer as frames (`src/contract/encode.ts`). Nothing here
 * decides what to fetch, fit or advise.
 */
import {
  DataSourceApi,
  LoadingState,
  type AnnotationQuery,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';
import { Observable, of } from 'rxjs';
import { configError, ForesightError, toForesightError } from '../advisor/errors';
import { withPolicyLabels } from './policyLabels';
import type { ForecastRunner, ModelCache } from '../advisor/ports';
import { QueryAdvisor } from '../advisor/queryAdvisor';
import { encodeProgress, encodeQueryResult } from '../contract/encode';
import type { TrainProgress } from '../engine/api';
import { createForecastRunner } from '../worker/createRunner';
import { createModelCache } from '../worker/modelCache';
import { workerUrls } from '../worker/publicPath';
import { actionAnnotations } from './annotations';
import { fetchRange, type WrappedDataSource } from './fetch';
import { interpolateQuery, type ReplaceFn } from './interpolate';
import { migrateQuery } from './migrations';
import { grafanaRangeSource } from './rangeSource';
import { reasonTimeZone } from './timeZone';
import {
  DEFAULT_OPTIONS,
  requestTimeoutMs,
  requestTimeoutNote,
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

/** Least time between two progress-only responses of one query. */
const PROGRESS_EVERY_MS = 250;

const PROMETHEUS_TYPES = ['prometheus', 'grafana-amazonprometheus-datasource', 'grafana-azureprometheus-datasource'];

export class ForesightDataSource extends DataSourceApi<ForesightQuery, ForesightOptions> {
  readonly options: ForesightOptions;
  private readonly deps: ForesightDeps;
  private runner?: Promise<ForecastRunner>;
  private readonly advisor: QueryAdvisor;

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
    this.advisor = new QueryAdvisor({
      runner: () => this.getRunner(),
      modelCache: this.deps.modelCache,
      clock: { now: () => this.deps.now() },
      settings: {
        backend: this.options.backend ?? DEFAULT_OPTIONS.backend,
        maxSeries: this.options.maxSeries ?? DEFAULT_OPTIONS.maxSeries,
        storage: this.options.modelStorage ?? 'indexeddb',
        modelBaseUrl: this.options.modelBaseUrl,
        defaultPolicy: this.options.defaultPolicy,
      },
      // Auto-refresh cancels every query: the next refresh joins the training the last one left going.
      keepTrainingOnCancel: true,
    });
  }

  /**
   * Annotation queries (plugin.json `annotations`): Grafana runs the query through `query()` with the
   * data source's own editor, and only the scale actions become events (`actionAnnotations`).
   */
  annotations = {
    processEvents: (_anno: AnnotationQuery<ForesightQuery>, frames: DataFrame[]) => of(actionAnnotations(frames)),
  };

  getDefaultQuery() {
    return withQueryDefaults({ refId: 'A' });
  }

  /** Hidden queries only: an empty expression runs, so the panel says it is empty instead of "no data". */
  filterQuery(query: ForesightQuery): boolean {
    return !query.hide;
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
      const targets = request.targets.filter((t) => this.filterQuery(t));
      // Per target (by position): its final frames once done, else its latest interim answer (quick
      // forecasts first), and its training progress. Targets run side by side, so a second query's
      // quick forecasts do not wait for the first query's training; the worker trains one at a time.
      const finals = new Map<number, DataFrame[]>();
      const interims = new Map<number, DataFrame[]>();
      const progress = new Map<number, DataFrame>();
      const errors: DataQueryError[] = [];
      const answer = () => targets.flatMap((_, i) => finals.get(i) ?? interims.get(i) ?? []);
      let lastEmitMs = -Infinity;
      // Progress ticks come per epoch and per series: re-sending up to 100 series' frames on each
      // kept the panel redrawing instead of the worker's answers arriving. Interims are paced already.
      const emitStreaming = (paced: boolean) => {
        const now = Date.now();
        if (paced && now - lastEmitMs < PROGRESS_EVERY_MS) {
          return;
        }
        lastEmitMs = now;
        if (!subscriber.closed) {
          subscriber.next({
            key,
            state: LoadingState.Streaming,
            data: [...answer(), ...progress.values()],
            errors: [...errors],
          });
        }
      };
      const runOne = async (target: ForesightQuery, i: number) => {
        try {
          await this.runTarget(target, request, {
            // With several queries, the warning line says whose request Prometheus was answering.
            noticeSource: targets.length > 1 ? `Prometheus (query ${target.refId})` : 'Prometheus',
            signal: controller.signal,
            onFrames: (out) => finals.set(i, out),
            onError: (e) => errors.push(e),
            onProgress: (p) => {
              progress.set(i, encodeProgress(target.refId, p));
              emitStreaming(true);
            },
            onInterim: (out) => {
              interims.set(i, out);
              emitStreaming(false);
            },
          });
        } catch (err) {
          // Whatever a superseded run ends in (cancelled, or a worker torn down under it) is not news.
          if (!controller.signal.aborted) {
            // a policy problem in the editor's words ("Min replicas"), as the editor says it
            errors.push({ refId: target.refId, message: withPolicyLabels(toForesightError(err).message) });
          }
        } finally {
          interims.delete(i);
          progress.delete(i);
        }
      };
      const run = async () => {
        await Promise.all(targets.map(runOne));
        if (!controller.signal.aborted && !subscriber.closed) {
          const data = answer();
          subscriber.next({
            key,
            state: errors.length > 0 && data.length === 0 ? LoadingState.Error : LoadingState.Done,
            data,
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

  /** One target through the use case; its answer encoded as frames, its per-series failures as errors. */
  private async runTarget(
    raw: ForesightQuery,
    request: DataQueryRequest<ForesightQuery>,
    out: {
      /** Who said the notices the wrapped source gives beside its data: "Prometheus: <notice>". */
      noticeSource: string;
      signal: AbortSignal;
      onFrames(frames: DataFrame[]): void;
      onError(error: DataQueryError): void;
      onProgress(progress: TrainProgress): void;
      /** The target's answer so far (quick forecasts, then each series' own model as it lands). */
      onInterim(frames: DataFrame[]): void;
    }
  ): Promise<void> {
    const scopedVars: ScopedVars = request.scopedVars ?? {};
    const query = interpolateQuery(withQueryDefaults(migrateQuery(raw)), scopedVars, this.deps.replace);
    const notices = new Set<string>();
    const result = await this.advisor.run(query, {
      prometheus: async () =>
        grafanaRangeSource(await this.getPrometheus(), {
          scopedVars,
          base: request,
          replace: this.deps.replace,
          timeoutMs: requestTimeoutMs(this.options),
          onNotice: (text) => notices.add(`${out.noticeSource}: ${text}`),
        }),
      slot: `${request.dashboardUID ?? ''}/${request.panelId ?? ''}/${query.refId}`,
      display: { fromMs: request.range.from.valueOf(), toMs: request.range.to.valueOf(), stepMs: request.intervalMs },
      timeZone: reasonTimeZone(request.timezone),
      signal: out.signal,
      onProgress: out.onProgress,
      onPartial: (partial) => out.onInterim(encodeQueryResult(partial)),
    });
    // A partial answer (series over the cap, a few series that could not be forecast) is the warning
    // line's, beside the series that were: as errors, the panel went red and its error box took the
    // legend's room while 30 of 33 series forecast fine. Only an answer with no series is an error.
    const partial = result.series.length > 0;
    if (!partial) {
      result.errors.forEach((message) => out.onError({ refId: query.refId, message }));
    }
    out.onFrames(encodeQueryResult(result, [...notices, ...(partial ? result.errors : [])]));
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    const unused = this.options.settingProblems ?? [];
    if (unused.length > 0) {
      // The field showed its error, but saving kept the last valid value: say so, not "ready".
      return {
        status: 'error',
        message:
          `${unused.length === 1 ? 'A setting was' : `${unused.length} settings were`} not saved as typed, ` +
          `so the saved or default value is in use: ${unused.join('; ')}. Fix ${unused.length === 1 ? 'it' : 'them'} and save again.`,
      };
    }
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
      const timeout = requestTimeoutNote(this.options);
      return {
        status: 'success',
        message: `Foresight is ready: "${prometheus.name}" answers PromQL.${timeout ? ` ${timeout}` : ''}`,
      };
    } catch (err) {
      const e = err instanceof ForesightError ? err : toForesightError(err);
      return { status: 'error', message: e.message };
    }
  }
}
