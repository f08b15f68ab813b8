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

export interface DashboardModel {
  uid: string;
  title: string;
  time: { from: string; to: string };
  refresh?: string;
  panels: PanelModel[];
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
    panels: raw.panels.map(readPanel).filter((p): p is PanelModel => p !== undefined),
  };
}
