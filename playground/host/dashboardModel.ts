/**
 * The subset of Grafana's dashboard JSON model the playground renders, read defensively from the
 * provisioned JSON (unknown fields are ignored; missing ones get Grafana's defaults).
 */
import type { DataQuery, DataSourceRef, FieldConfigSource } from '@grafana/data';

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelModel {
  id: number;
  type: string;
  title: string;
  description?: string;
  gridPos: GridPos;
  datasource?: DataSourceRef;
  targets: DataQuery[];
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  maxDataPoints?: number;
  interval?: string;
}

/**
 * A Prometheus annotation query from `annotations.list` (Grafana's fields, as the Prometheus
 * annotation editor saves them). Grafana's own database annotations (`builtIn`) are not kept: the
 * playground has no annotation database to ask.
 */
export interface AnnotationQueryModel {
  name: string;
  /** Grafana runs the query only while enabled (the dashboard's toggle); on by default. */
  enable: boolean;
  /** Hides the toggle from the dashboard controls; the query still runs while enabled. */
  hide: boolean;
  iconColor?: string;
  datasource?: DataSourceRef;
  expr: string;
  /** Min step, e.g. `60s`. */
  step?: string;
  titleFormat?: string;
  textFormat?: string;
  /** Comma-separated label names whose values become the events' tags. */
  tagKeys?: string;
  /** The sample's value is the event's time (ms) rather than a flag. */
  useValueForTime: boolean;
}

export interface DashboardModel {
  uid: string;
  title: string;
  time: { from: string; to: string };
  refresh?: string;
  /**
   * Grafana's "graph tooltip" setting: 0 each panel on its own, 1 a shared crosshair, 2 a shared
   * crosshair and tooltip (`DashboardCursorSync`). The playground had every dashboard on 2, so
   * hovering one panel opened tooltips in all of them, which Grafana does not do on 1.
   */
  graphTooltip: 0 | 1 | 2;
  panels: PanelModel[];
  annotations: AnnotationQueryModel[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function readPanel(raw: unknown, index: number): PanelModel | undefined {
  if (!isRecord(raw) || raw.type === 'row') {
    return undefined;
  }
  const grid = isRecord(raw.gridPos) ? raw.gridPos : {};
  const fieldConfig = isRecord(raw.fieldConfig) ? raw.fieldConfig : {};
  return {
    id: num(raw.id, index + 1),
    type: typeof raw.type === 'string' ? raw.type : 'timeseries',
    title: typeof raw.title === 'string' ? raw.title : '',
    description: typeof raw.description === 'string' ? raw.description : undefined,
    gridPos: { x: num(grid.x, 0), y: num(grid.y, 0), w: num(grid.w, 12), h: num(grid.h, 8) },
    datasource: isRecord(raw.datasource) ? (raw.datasource as DataSourceRef) : undefined,
    targets: Array.isArray(raw.targets) ? (raw.targets.filter(isRecord) as unknown as DataQuery[]) : [],
    options: isRecord(raw.options) ? raw.options : {},
    fieldConfig: {
      defaults: isRecord(fieldConfig.defaults) ? fieldConfig.defaults : {},
      overrides: Array.isArray(fieldConfig.overrides) ? (fieldConfig.overrides as FieldConfigSource['overrides']) : [],
    },
    maxDataPoints: typeof raw.maxDataPoints === 'number' ? raw.maxDataPoints : undefined,
    interval: typeof raw.interval === 'string' ? raw.interval : undefined,
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function readAnnotation(raw: unknown, index: number): AnnotationQueryModel | undefined {
  // builtIn is 1 in saved dashboards, true in some older ones.
  if (!isRecord(raw) || (raw.builtIn !== undefined && raw.builtIn !== 0 && raw.builtIn !== false)) {
    return undefined;
  }
  // Grafana 11+ saves the query in `target` (its prepareAnnotation moves `expr`/`step` there), and
  // prefers it over the older top-level fields.
  const target = isRecord(raw.target) ? raw.target : {};
  const expr = str(target.expr) || str(raw.expr);
  // An empty query has nothing to run (Grafana's Prometheus source skips it too).
  if (!expr) {
    return undefined;
  }
  return {
    name: str(raw.name) ?? `Annotations ${index + 1}`,
    enable: raw.enable !== false,
    hide: raw.hide === true,
    iconColor: str(raw.iconColor),
    datasource: isRecord(raw.datasource) ? (raw.datasource as DataSourceRef) : undefined,
    expr,
    step: str(target.interval) || str(raw.step),
    titleFormat: str(raw.titleFormat),
    textFormat: str(raw.textFormat),
    tagKeys: str(raw.tagKeys),
    useValueForTime: raw.useValueForTime === true,
  };
}

function readAnnotations(raw: unknown): AnnotationQueryModel[] {
  const list = isRecord(raw) && Array.isArray(raw.list) ? raw.list : [];
  return list.map(readAnnotation).filter((a): a is AnnotationQueryModel => a !== undefined);
}

export function readDashboard(raw: unknown): DashboardModel {
  if (!isRecord(raw) || typeof raw.uid !== 'string' || !Array.isArray(raw.panels)) {
    throw new Error('Not a dashboard: needs "uid" and "panels"');
  }
  const time = isRecord(raw.time) ? raw.time : {};
  return {
    uid: raw.uid,
    title: typeof raw.title === 'string' ? raw.title : raw.uid,
    time: {
      from: typeof time.from === 'string' ? time.from : 'now-6h',
      to: typeof time.to === 'string' ? time.to : 'now',
    },
    refresh: typeof raw.refresh === 'string' ? raw.refresh : undefined,
    graphTooltip: raw.graphTooltip === 1 || raw.graphTooltip === 2 ? raw.graphTooltip : 0,
    panels: raw.panels.map(readPanel).filter((p): p is PanelModel => p !== undefined),
    annotations: readAnnotations(raw.annotations),
  };
}
