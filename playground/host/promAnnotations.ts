/**
 * Turns the frames a Prometheus annotation query returns into annotation events the way Grafana's
 * Prometheus data source does (`processEvents` in @grafana/prometheus's annotations.ts), and the
 * events of all a dashboard's annotation queries into the one frame Grafana hands panels in
 * `PanelData.annotations` (translateQueryResult + mergePanelAndDashData). Pure: no I/O.
 */
import {
  DataTopic,
  FieldType,
  rangeUtil,
  renderLegendFormat,
  toDataFrame,
  type DataFrame,
  type Field,
} from '@grafana/data';
import type { AnnotationQueryModel } from './dashboardModel';

/** Grafana's ANNOTATION_QUERY_STEP_DEFAULT. */
export const DEFAULT_ANNOTATION_STEP_MS = 60_000;

export interface PromAnnotationEvent {
  time: number;
  timeEnd: number;
  title: string;
  text: string;
  tags: string[];
}

export type AnnotationFormat = Pick<AnnotationQueryModel, 'titleFormat' | 'textFormat' | 'tagKeys' | 'useValueForTime'>;

const GO_DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const GO_UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Go's time.Duration text (`15s`, `1m0s`, `1h30m0s`) in ms. Grafana reads only the leading unit
 * (`1m30s` counts as 1m) and so would split samples 90 s apart into one event each; the whole
 * duration is read here, which is what Grafana gets for the round steps it picks itself.
 */
export function parseGoDurationMs(text: string): number | undefined {
  if (!/^(\d+(?:\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) {
    return undefined;
  }
  let total = 0;
  for (const [, count, unit] of text.matchAll(GO_DURATION_PART)) {
    total += Number(count) * GO_UNIT_MS[unit];
  }
  return total;
}

/**
 * How far apart active samples may be and still make one event: the step the answer was computed
 * at, read (as Grafana does) from `Step: …` in the first frame's executedQueryString; without one,
 * the annotation's own step, then Grafana's 60 s default.
 */
export function annotationStepMs(frames: DataFrame[], step?: string): number {
  const executed = /Step:\s*([\dA-Za-zµ.]+)/.exec(frames[0]?.meta?.executedQueryString ?? '');
  const fromAnswer = executed ? parseGoDurationMs(executed[1]) : undefined;
  if (fromAnswer !== undefined && fromAnswer > 0) {
    return fromAnswer;
  }
  if (step) {
    try {
      const ms = rangeUtil.intervalToMs(step);
      if (ms > 0) {
        return ms;
      }
    } catch {
      // An unreadable step falls back to the default, as an empty one does.
    }
  }
  return DEFAULT_ANNOTATION_STEP_MS;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  return typeof value === 'string' ? parseFloat(value) : NaN;
}

/** Times of the series' active samples: value > 0, or with useValueForTime every value read as a time. */
function activeTimes(timeField: Field, valueField: Field, useValueForTime: boolean): number[] {
  const times: number[] = [];
  for (let i = 0; i < valueField.values.length; i++) {
    const value = toNumber(valueField.values[i]);
    if (useValueForTime) {
      // Grafana would keep a NaN time here and draw nothing useful; an empty sample is skipped instead.
      if (Number.isFinite(value)) {
        times.push(Math.floor(value));
      }
    } else if (value > 0) {
      times.push(Math.floor(toNumber(timeField.values[i])));
    }
  }
  return times;
}

/** One event per run of active samples no more than `stepMs` apart, per series, in series order. */
export function framesToAnnotationEvents(
  frames: DataFrame[],
  format: AnnotationFormat,
  stepMs: number
): PromAnnotationEvent[] {
  // Grafana splits on ',' without trimming: `service, instance` does not tag with instance there either.
  const tagKeys = (format.tagKeys ?? '').split(',');
  const events: PromAnnotationEvent[] = [];
  for (const frame of frames) {
    const timeField = frame.fields.find((f) => f.type === FieldType.time);
    const valueField = frame.fields.find((f) => f.type === FieldType.number);
    if (!timeField || !valueField) {
      continue;
    }
    const labels = valueField.labels ?? {};
    const tags = Object.keys(labels)
      .filter((key) => tagKeys.includes(key))
      .map((key) => labels[key]);
    // renderLegendFormat only substitutes `{{label}}` (a missing or empty label leaves its name, as in Grafana).
    const title = renderLegendFormat(format.titleFormat ?? '', labels);
    const text = renderLegendFormat(format.textFormat ?? '', labels);
    let open: PromAnnotationEvent | undefined;
    for (const time of activeTimes(timeField, valueField, format.useValueForTime)) {
      if (open && open.timeEnd + stepMs >= time) {
        open.timeEnd = time;
        continue;
      }
      open = { time, timeEnd: time, title, text, tags: [...tags] };
      events.push(open);
    }
  }
  return events;
}

export interface AnnotationQueryEvents {
  query: Pick<AnnotationQueryModel, 'name' | 'iconColor'>;
  events: PromAnnotationEvent[];
}

/**
 * The one annotations frame panels get: every event with its query's name (`type`), colour and
 * source, as Grafana's translateQueryResult adds them, sorted by time. No events, no frame (Grafana
 * adds none either).
 */
export function annotationsToDataFrames(results: AnnotationQueryEvents[]): DataFrame[] {
  const rows = results
    .flatMap(({ query, events }) =>
      events.map((event) => ({
        time: event.time,
        timeEnd: event.timeEnd,
        title: event.title,
        text: event.text,
        tags: event.tags,
        color: query.iconColor,
        isRegion: event.timeEnd > event.time,
        type: query.name,
        source: { name: query.name, iconColor: query.iconColor },
      }))
    )
    .sort((a, b) => a.time - b.time);
  if (rows.length === 0) {
    return [];
  }
  const frame = toDataFrame(rows);
  // Grafana 12 marks the frames it merges into PanelData.annotations with this topic.
  frame.meta = { ...frame.meta, dataTopic: DataTopic.Annotations };
  return [frame];
}
