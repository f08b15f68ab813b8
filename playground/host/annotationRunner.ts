/**
 * Runs a dashboard's enabled Prometheus annotation queries over a time range, as Grafana's
 * executeAnnotationQuery does (one request per query, the query in a target with refId `Anno` and
 * its step as min step, the interval from the range and the page width), and turns the answers into
 * the annotations frame panels get. A failing query never fails the others or the panels: it adds
 * no events and its message to `errors`, so the page can say why its events are missing.
 */
import {
  type DataFrame,
  type DataQuery,
  type DataQueryRequest,
  type DataSourceApi,
  type TimeRange,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Observable, defer, forkJoin, from, of } from 'rxjs';
import { catchError, map, mergeMap, toArray } from 'rxjs/operators';
import type { AnnotationQueryModel } from './dashboardModel';
import {
  annotationStepMs,
  annotationsToDataFrames,
  framesToAnnotationEvents,
  type AnnotationQueryEvents,
} from './promAnnotations';
import { buildRequest, runPanelRequest } from './queryRunner';

export interface AnnotationRunInput {
  queries: AnnotationQueryModel[];
  range: TimeRange;
  dashboardUID: string;
  timeZone: string;
  /** Grafana uses the window's width: no more points than pixels. */
  maxDataPoints: number;
}

export interface AnnotationRunResult {
  /** `PanelData.annotations` for every panel: one frame, or none without events. */
  annotations: DataFrame[];
  /** One line per failed query, prefixed with the annotation's name. */
  errors: string[];
}

/** The target Grafana's Prometheus prepareAnnotation builds: the step becomes the min step. */
interface PromAnnotationTarget extends DataQuery {
  expr: string;
  interval: string;
}

export function buildAnnotationRequest(
  query: AnnotationQueryModel,
  ds: Pick<DataSourceApi, 'interval'>,
  input: Omit<AnnotationRunInput, 'queries'>
): DataQueryRequest<PromAnnotationTarget> {
  return buildRequest<PromAnnotationTarget>({
    dashboardUID: input.dashboardUID,
    targets: [{ refId: 'Anno', expr: query.expr, interval: query.step ?? '', datasource: query.datasource }],
    range: input.range,
    timeZone: input.timeZone,
    maxDataPoints: input.maxDataPoints,
    minInterval: ds.interval,
  });
}

interface QueryOutcome {
  result: AnnotationQueryEvents;
  error?: string;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function runOne(query: AnnotationQueryModel, input: AnnotationRunInput): Observable<QueryOutcome> {
  const none = (error: string): QueryOutcome => ({ result: { query, events: [] }, error: `${query.name}: ${error}` });
  // Events are read the Prometheus way (a sample above zero is an event); another source's query
  // (a Foresight one gives scale actions) would be read wrongly, so it is named instead of run.
  const type = query.datasource?.type;
  if (type !== undefined && type !== 'prometheus') {
    return of(none(`a "${type}" annotation query; the playground runs Prometheus ones only`));
  }
  return defer(() => from(getDataSourceSrv().get(query.datasource))).pipe(
    mergeMap((ds) => runPanelRequest(ds, buildAnnotationRequest(query, ds, input))),
    // Annotations are drawn once, from the final answer (a stream's last packet holds all frames).
    toArray(),
    map((packets): QueryOutcome => {
      const last = packets[packets.length - 1];
      if (!last) {
        return { result: { query, events: [] } };
      }
      const stepMs = annotationStepMs(last.series, query.step);
      const events = framesToAnnotationEvents(last.series, query, stepMs);
      const messages = (last.errors ?? []).map((e) => e.message ?? 'error without message');
      return {
        result: { query, events },
        error: messages.length > 0 ? `${query.name}: ${messages.join('; ')}` : undefined,
      };
    }),
    catchError((err: unknown) => of(none(messageOf(err))))
  );
}

/** Emits once, when every enabled query has answered or failed; unsubscribing cancels them. */
export function runAnnotationQueries(input: AnnotationRunInput): Observable<AnnotationRunResult> {
  const enabled = input.queries.filter((q) => q.enable);
  if (enabled.length === 0) {
    return of({ annotations: [], errors: [] });
  }
  return forkJoin(enabled.map((query) => runOne(query, input))).pipe(
    map((outcomes) => ({
      annotations: annotationsToDataFrames(outcomes.map((o) => o.result)),
      errors: outcomes.map((o) => o.error).filter((e): e is string => e !== undefined),
    }))
  );
}
