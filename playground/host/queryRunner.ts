/**
 * Runs a panel's queries against its data source the way Grafana's PanelQueryRunner/runRequest do:
 * the response may be a Promise or a stream; packets with a `key` replace the previous packet with
 * the same key; errors become PanelData errors (never exceptions), so the panel can show them.
 */
import {
  CoreApp,
  LoadingState,
  applyFieldOverrides,
  rangeUtil,
  type DataFrame,
  type DataQuery,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type FieldConfigSource,
  type GrafanaTheme2,
  type PanelData,
  type PanelPlugin,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import { getTemplateSrv, toDataQueryError } from '@grafana/runtime';
import { Observable, from, of } from 'rxjs';
import { catchError, map, scan } from 'rxjs/operators';

let requestCounter = 0;

export interface PanelQueryInput<Q extends DataQuery = DataQuery> {
  /** The panel that asks; none for the dashboard's annotation queries. */
  panelId?: number;
  dashboardUID: string;
  targets: Q[];
  range: TimeRange;
  timeZone: string;
  maxDataPoints: number;
  minInterval?: string | null;
}

export function buildRequest<Q extends DataQuery = DataQuery>(input: PanelQueryInput<Q>): DataQueryRequest<Q> {
  const { interval, intervalMs } = rangeUtil.calculateInterval(
    input.range,
    input.maxDataPoints,
    input.minInterval ?? undefined
  );
  const scopedVars: ScopedVars = {
    __interval: { text: interval, value: interval },
    __interval_ms: { text: String(intervalMs), value: intervalMs },
  };
  requestCounter += 1;
  return {
    app: CoreApp.Dashboard,
    requestId:
      input.panelId === undefined
        ? `playground-annotations-${requestCounter}`
        : `playground-panel-${input.panelId}-${requestCounter}`,
    panelId: input.panelId,
    dashboardUID: input.dashboardUID,
    interval,
    intervalMs,
    maxDataPoints: input.maxDataPoints,
    range: input.range,
    rangeRaw: input.range.raw,
    scopedVars,
    targets: input.targets,
    timezone: input.timeZone,
    startTime: Date.now(),
  };
}

function responseErrors(packet: DataQueryResponse): DataQueryError[] {
  if (packet.errors?.length) {
    return packet.errors;
  }
  return packet.error ? [packet.error] : [];
}

interface Accumulated {
  byKey: Map<string, DataFrame[]>;
  data: PanelData;
}

/** Streams PanelData for one request; completes when the data source's response completes. */
export function runPanelRequest(ds: DataSourceApi, request: DataQueryRequest<DataQuery>): Observable<PanelData> {
  getTemplateSrv().updateTimeRange(request.range);
  const initial: Accumulated = {
    byKey: new Map(),
    data: { state: LoadingState.Loading, series: [], timeRange: request.range, request },
  };
  let response$: Observable<DataQueryResponse>;
  try {
    const result = ds.query(request);
    response$ = result instanceof Observable ? result : from(result);
  } catch (err) {
    response$ = of({ data: [], error: toDataQueryError(err), state: LoadingState.Error });
  }
  return response$.pipe(
    scan((acc: Accumulated, packet: DataQueryResponse): Accumulated => {
      const key = packet.key ?? 'A';
      const byKey = new Map(acc.byKey);
      byKey.set(key, (packet.data ?? []) as DataFrame[]);
      const errors = responseErrors(packet);
      const state = packet.state ?? (errors.length ? LoadingState.Error : LoadingState.Done);
      return {
        byKey,
        data: {
          state,
          series: [...byKey.values()].flat(),
          errors: errors.length ? errors : undefined,
          error: errors[0],
          timeRange: request.range,
          request,
        },
      };
    }, initial),
    map((acc) => acc.data),
    catchError((err: unknown) => {
      const error = toDataQueryError(err);
      return of<PanelData>({
        state: LoadingState.Error,
        series: [],
        error,
        errors: [error],
        timeRange: request.range,
        request,
      });
    })
  );
}

/** Applies field config (defaults, overrides, display processors) as Grafana does before a panel sees frames. */
export function processPanelData(
  data: PanelData,
  plugin: PanelPlugin,
  fieldConfig: FieldConfigSource,
  theme: GrafanaTheme2,
  timeZone: string
): PanelData {
  const replaceVariables = (value: string, scopedVars?: ScopedVars) => getTemplateSrv().replace(value, scopedVars);
  const series = applyFieldOverrides({
    data: data.series,
    fieldConfig,
    fieldConfigRegistry: plugin.fieldConfigRegistry,
    replaceVariables,
    theme,
    timeZone,
  });
  return { ...data, series };
}

/**
 * Annotation frames get display processors but no field config of their own, as Grafana's
 * PanelQueryRunner prepares them (an empty config, whatever the panel's).
 */
export function processAnnotationFrames(
  annotations: DataFrame[],
  plugin: PanelPlugin,
  theme: GrafanaTheme2,
  timeZone: string
): DataFrame[] {
  if (annotations.length === 0) {
    return annotations;
  }
  const replaceVariables = (value: string, scopedVars?: ScopedVars) => getTemplateSrv().replace(value, scopedVars);
  return applyFieldOverrides({
    data: annotations,
    fieldConfig: { defaults: {}, overrides: [] },
    fieldConfigRegistry: plugin.fieldConfigRegistry,
    replaceVariables,
    theme,
    timeZone,
  });
}
