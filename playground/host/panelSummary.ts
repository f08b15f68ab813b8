/**
 * A compact, JSON-serialisable description of what a panel received, exposed on the page for the
 * browser tests (frame kinds, field names, lengths, forecast points, errors). Tests assert on the
 * data the BUILT data source returned without depending on how the panel draws it.
 */
import type { DataFrame, PanelData } from '@grafana/data';
import type { ForesightFrameMeta } from '../../src/contract/frames';

export interface FrameSummary {
  name?: string;
  refId?: string;
  kind?: string;
  length: number;
  fields: string[];
  /** Finite values in the `forecast` field, if there is one. */
  forecastPoints: number;
  /** The forecast origin (last sample). */
  lastSampleMs?: number;
  /** Wall clock of the answer: where the panel draws "now". */
  clockMs?: number;
  stale?: boolean;
  /** The visible warning line the data source asked for. */
  warnings?: string[];
  horizonEndMs?: number;
  seriesName?: string;
  actions?: string[];
  /** Times of the actions (actions frame). */
  actionTimes?: number[];
  /** From the frame's run info: where the model came from, engine time, where it ran. */
  model?: string;
  warmStart?: boolean;
  modelTrainedAtMs?: number;
  /** Only the plan was recomputed, on a kept forecast. */
  replanned?: boolean;
  trainMs?: number;
  compute?: string;
  method?: string;
  /** The tfjs backend the engine ran on, and its notes (e.g. why a requested backend was refused). */
  backend?: string;
  notes?: string[];
}

export interface PanelSummary {
  state: string;
  /** Id of the request this data answers; a re-run gets a new one. */
  requestId?: string;
  frames: FrameSummary[];
  errors: string[];
  /** Annotation events the panel received (rows of `PanelData.annotations`). */
  annotations: number;
}

function foresightMeta(frame: DataFrame): Partial<ForesightFrameMeta['foresight']> | undefined {
  const custom = frame.meta?.custom as Partial<ForesightFrameMeta> | undefined;
  return custom?.foresight;
}

export function summarizeFrame(frame: DataFrame): FrameSummary {
  const meta = foresightMeta(frame);
  const forecast = frame.fields.find((f) => f.name === 'forecast');
  let forecastPoints = 0;
  if (forecast) {
    for (let i = 0; i < frame.length; i++) {
      const value: unknown = forecast.values[i];
      if (typeof value === 'number' && Number.isFinite(value)) {
        forecastPoints++;
      }
    }
  }
  const actionField = meta?.kind === 'actions' ? frame.fields.find((f) => f.name === 'action') : undefined;
  const timeField = meta?.kind === 'actions' ? frame.fields.find((f) => f.name === 'time') : undefined;
  return {
    name: frame.name,
    refId: frame.refId,
    kind: meta?.kind,
    length: frame.length,
    fields: frame.fields.map((f) => f.name),
    forecastPoints,
    lastSampleMs: meta?.lastSampleMs,
    clockMs: meta?.clockMs,
    stale: meta?.stale ? true : undefined,
    warnings: meta?.warnings,
    horizonEndMs: meta?.horizonEndMs,
    seriesName: meta?.seriesName,
    actions: actionField ? Array.from({ length: frame.length }, (_, i) => String(actionField.values[i])) : undefined,
    actionTimes: timeField ? Array.from({ length: frame.length }, (_, i) => Number(timeField.values[i])) : undefined,
    model: meta?.run?.model,
    warmStart: meta?.run?.warmStart,
    modelTrainedAtMs: meta?.run?.modelTrainedAtMs,
    replanned: meta?.run?.replanned,
    trainMs: meta?.run?.trainMs,
    compute: meta?.run?.compute,
    method: meta?.report?.method,
    backend: meta?.report?.backend,
    notes: meta?.report?.notes,
  };
}

export function summarizePanelData(data: PanelData | undefined): PanelSummary {
  const errors = data?.errors ?? (data?.error ? [data.error] : []);
  return {
    state: data?.state ?? 'NotStarted',
    requestId: data?.request?.requestId,
    frames: (data?.series ?? []).map(summarizeFrame),
    errors: errors.map((e) => e.message ?? 'error without message'),
    annotations: (data?.annotations ?? []).reduce((sum, frame) => sum + frame.length, 0),
  };
}
