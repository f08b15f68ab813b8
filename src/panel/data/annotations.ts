/**
 * The dashboard's annotations, read for the chart. Grafana hands every panel the annotations of the
 * dashboard's annotation queries (deploys written through its API, alert state changes, a Prometheus
 * annotation query) in `PanelData.annotations`, and its own time-series panel draws them; a panel that
 * dropped them would hide the deploy that explains a jump in the forecast. Drawn as Grafana draws them:
 * a dashed line for an event, a shaded span for a region, a marker on the time axis with the text on hover.
 *
 * Annotation text and colour come from whoever wrote the annotation: the text is shown as plain text
 * (tags stripped, never parsed as HTML), and a colour is used only when it reads as a colour.
 */
import type { DataFrame, Field, GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { formatTime } from './format';

export interface PanelAnnotation {
  id: string;
  timeMs: number;
  /** The end of a region; undefined for an event at one time. */
  endMs?: number;
  title: string;
  text: string;
  tags: string[];
  color: string;
  /** "2026-12-06 10:05" or "2026-12-06 10:05 → 11:30". */
  timeText: string;
  /** The annotation query that gave it ("Deploys"), where Grafana says. */
  source?: string;
}

export interface ReadAnnotations {
  /** In the drawn range, oldest first, at most `MAX_ANNOTATIONS`. */
  shown: PanelAnnotation[];
  /** In the drawn range and not drawn (the oldest beyond the limit). */
  dropped: number;
}

/** Each one is a few DOM elements redrawn with the plot; past this the oldest are left out, and said so. */
export const MAX_ANNOTATIONS = 200;
/** Grafana's colour for an annotation that names none (`DEFAULT_ANNOTATION_COLOR`). */
export const DEFAULT_ANNOTATION_COLOR = 'rgba(0, 211, 255, 1)';
const MAX_TEXT = 500;
/** Named colours, hex and rgb()/hsl(): nothing that CSS could read as a URL or an expression. */
const COLOR_PATTERN = /^(#[0-9a-f]{3,8}|[a-z-]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\))$/i;

const NO_ANNOTATIONS: ReadAnnotations = { shown: [], dropped: 0 };

function fieldNamed(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function valueAt(field: Field | undefined, row: number): unknown {
  return field?.values[row];
}

function finiteMs(value: unknown): number | undefined {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Annotation text as one line of plain text: HTML tags removed, whitespace folded, length bounded. */
export function plainText(value: unknown): string {
  if (typeof value !== 'string') {
    return '';
  }
  const text = value
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function tagsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' && value ? value.split(',') : [];
  return list.map((t) => plainText(t)).filter((t) => t.length > 0);
}

/** The annotation's colour through Grafana's palette names ("red", "semi-dark-green"), else the default. */
export function annotationColor(value: unknown, theme: GrafanaTheme2): string {
  if (typeof value !== 'string' || !COLOR_PATTERN.test(value.trim())) {
    return DEFAULT_ANNOTATION_COLOR;
  }
  return theme.visualization.getColorByName(value.trim());
}

function sourceName(frame: DataFrame, row: number): string | undefined {
  const source = valueAt(fieldNamed(frame, 'source'), row);
  const name =
    typeof source === 'object' && source !== null && 'name' in source ? (source as { name: unknown }).name : undefined;
  const text = plainText(name ?? valueAt(fieldNamed(frame, 'type'), row));
  return text || undefined;
}

function readFrame(frame: DataFrame, frameIndex: number, theme: GrafanaTheme2, timeZone: TimeZone): PanelAnnotation[] {
  const time = fieldNamed(frame, 'time');
  if (!time) {
    return [];
  }
  const fields = {
    end: fieldNamed(frame, 'timeEnd'),
    title: fieldNamed(frame, 'title'),
    text: fieldNamed(frame, 'text'),
    tags: fieldNamed(frame, 'tags'),
    color: fieldNamed(frame, 'color'),
    id: fieldNamed(frame, 'id'),
  };
  const read: PanelAnnotation[] = [];
  for (let row = 0; row < frame.length; row++) {
    const timeMs = finiteMs(valueAt(time, row));
    if (timeMs === undefined) {
      continue;
    }
    const end = finiteMs(valueAt(fields.end, row));
    const endMs = end !== undefined && end > timeMs ? end : undefined;
    const id = valueAt(fields.id, row);
    read.push({
      id: `${frameIndex}:${typeof id === 'string' || typeof id === 'number' ? id : row}`,
      timeMs,
      endMs,
      title: plainText(valueAt(fields.title, row)),
      text: plainText(valueAt(fields.text, row)),
      tags: tagsOf(valueAt(fields.tags, row)),
      color: annotationColor(valueAt(fields.color, row), theme),
      timeText:
        endMs === undefined
          ? formatTime(timeMs, timeZone)
          : `${formatTime(timeMs, timeZone)} → ${formatTime(endMs, timeZone)}`,
      source: sourceName(frame, row),
    });
  }
  return read;
}

/** Every annotation Grafana handed the panel, oldest first (read once per response). */
export function parseAnnotations(
  frames: DataFrame[] | undefined,
  theme: GrafanaTheme2,
  timeZone: TimeZone
): PanelAnnotation[] {
  if (!frames?.length) {
    return [];
  }
  return frames.flatMap((frame, i) => readFrame(frame, i, theme, timeZone)).sort((a, b) => a.timeMs - b.timeMs);
}

/** The annotations that touch [from, to]; the newest `MAX_ANNOTATIONS` of them are shown. */
export function annotationsInRange(all: PanelAnnotation[], range: { from: number; to: number }): ReadAnnotations {
  if (all.length === 0) {
    return NO_ANNOTATIONS;
  }
  const inRange = all.filter((a) => (a.endMs ?? a.timeMs) >= range.from && a.timeMs <= range.to);
  const dropped = Math.max(0, inRange.length - MAX_ANNOTATIONS);
  return { shown: inRange.slice(dropped), dropped };
}

/** The warning line's sentence when some annotations are not drawn. */
export function droppedAnnotationsNote(read: ReadAnnotations): string | undefined {
  if (read.dropped === 0) {
    return undefined;
  }
  const total = read.dropped + read.shown.length;
  return `${total} annotations in this time range: the latest ${read.shown.length} are drawn, the ${read.dropped} before them are not. Narrow the time range or the annotation query to see them.`;
}
