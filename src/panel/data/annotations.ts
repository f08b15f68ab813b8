/**
 * The dashboard's annotations, read for the chart. Grafana hands every panel the annotations of the
 * dashboard's annotation queries (deploys written through its API, alert state changes, a Prometheus
 * annotation query) in `PanelData.annotations`, and its own time-series panel draws them; a panel that
 * dropped them would hide the deploy that explains a jump in the forecast. Drawn as Grafana draws them:
 * a dashed line for an event, a shaded span for a region, a marker on the time axis with the text on hover.
 *
 * Annotation text and colour come from whoever wrote the annotation: the text is shown as plain text
 * (tags stripped, never parsed as HTML), and a colour is used only when it reads as a colour. What is
 * replaced or left out (a colour that does not read as one, a row without a time, annotations past the
 * limit) is said in the warning line, as every other fallback of the panel is.
 */
import type { DataFrame, Field, GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { plural } from '../../common/plural';
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
  /** The colour it named, when that did not read as a colour and the default is drawn instead (plain text). */
  refusedColor?: string;
}

/** Every annotation Grafana handed the panel, and how many rows had no time to draw them at. */
export interface ParsedAnnotations {
  /** Oldest first. */
  all: PanelAnnotation[];
  /** Rows with no readable time: not drawn anywhere. */
  untimed: number;
}

export interface ReadAnnotations {
  /** In the drawn range, oldest first, at most `MAX_ANNOTATIONS`. */
  shown: PanelAnnotation[];
  /** In the drawn range and not drawn (the oldest beyond the limit). */
  dropped: number;
  /** Rows with no readable time (`ParsedAnnotations.untimed`). */
  untimed: number;
}

/** Each one is a few DOM elements redrawn with the plot; past this the oldest are left out, and said so. */
export const MAX_ANNOTATIONS = 200;
/** Grafana's colour for an annotation that names none (`DEFAULT_ANNOTATION_COLOR`). */
export const DEFAULT_ANNOTATION_COLOR = 'rgba(0, 211, 255, 1)';
const MAX_TEXT = 500;
/** A refused colour is quoted in the warning line; this long at most. */
const MAX_QUOTED_COLOR = 40;
/** Named colours, hex and rgb()/hsl(): nothing that CSS could read as a URL or an expression. */
const COLOR_PATTERN = /^(#[0-9a-f]{3,8}|[a-z-]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\))$/i;

const NO_ANNOTATIONS: ParsedAnnotations = { all: [], untimed: 0 };

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
export function plainText(value: unknown, max = MAX_TEXT): string {
  if (typeof value !== 'string') {
    return '';
  }
  const text = value
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function tagsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' && value ? value.split(',') : [];
  return list.map((t) => plainText(t)).filter((t) => t.length > 0);
}

/**
 * The annotation's colour as drawn: hex, rgb()/hsl(), a Grafana palette name ("semi-dark-green") or
 * a CSS colour name (Grafana's `getColorByName` resolves both, and gives back a name it does not
 * know, "purpel", unchanged); anything else draws the default, and `refused` quotes it (plain text,
 * bounded) for the warning line. None named is no refusal: Grafana's default.
 */
export function readAnnotationColor(value: unknown, theme: GrafanaTheme2): { color: string; refused?: string } {
  if (value === undefined || value === null || value === '') {
    return { color: DEFAULT_ANNOTATION_COLOR };
  }
  const text = typeof value === 'string' ? value.trim() : '';
  if (COLOR_PATTERN.test(text)) {
    const color = theme.visualization.getColorByName(text);
    const bareName = /^[a-z-]+$/i.test(text);
    if (!bareName || color !== text) {
      return { color };
    }
  }
  return { color: DEFAULT_ANNOTATION_COLOR, refused: plainText(String(value), MAX_QUOTED_COLOR) || '(blank)' };
}

function sourceName(frame: DataFrame, row: number): string | undefined {
  const source = valueAt(fieldNamed(frame, 'source'), row);
  const name =
    typeof source === 'object' && source !== null && 'name' in source ? (source as { name: unknown }).name : undefined;
  const text = plainText(name ?? valueAt(fieldNamed(frame, 'type'), row));
  return text || undefined;
}

function readFrame(frame: DataFrame, frameIndex: number, theme: GrafanaTheme2, timeZone: TimeZone): ParsedAnnotations {
  const time = fieldNamed(frame, 'time');
  if (!time) {
    return { all: [], untimed: frame.length };
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
  let untimed = 0;
  for (let row = 0; row < frame.length; row++) {
    const timeMs = finiteMs(valueAt(time, row));
    if (timeMs === undefined) {
      untimed++;
      continue;
    }
    const end = finiteMs(valueAt(fields.end, row));
    const endMs = end !== undefined && end > timeMs ? end : undefined;
    const id = valueAt(fields.id, row);
    const { color, refused } = readAnnotationColor(valueAt(fields.color, row), theme);
    read.push({
      id: `${frameIndex}:${typeof id === 'string' || typeof id === 'number' ? id : row}`,
      timeMs,
      endMs,
      title: plainText(valueAt(fields.title, row)),
      text: plainText(valueAt(fields.text, row)),
      tags: tagsOf(valueAt(fields.tags, row)),
      color,
      refusedColor: refused,
      timeText:
        endMs === undefined
          ? formatTime(timeMs, timeZone)
          : `${formatTime(timeMs, timeZone)} → ${formatTime(endMs, timeZone)}`,
      source: sourceName(frame, row),
    });
  }
  return { all: read, untimed };
}

/** Every annotation Grafana handed the panel, oldest first (read once per response). */
export function parseAnnotations(
  frames: DataFrame[] | undefined,
  theme: GrafanaTheme2,
  timeZone: TimeZone
): ParsedAnnotations {
  if (!frames?.length) {
    return NO_ANNOTATIONS;
  }
  const read = frames.map((frame, i) => readFrame(frame, i, theme, timeZone));
  return {
    all: read.flatMap((r) => r.all).sort((a, b) => a.timeMs - b.timeMs),
    untimed: read.reduce((n, r) => n + r.untimed, 0),
  };
}

/** The annotations that touch [from, to]; the newest `MAX_ANNOTATIONS` of them are shown. */
export function annotationsInRange(
  parsed: ParsedAnnotations | undefined,
  range: { from: number; to: number }
): ReadAnnotations {
  const { all, untimed } = parsed ?? NO_ANNOTATIONS;
  const inRange = all.filter((a) => (a.endMs ?? a.timeMs) >= range.from && a.timeMs <= range.to);
  const dropped = Math.max(0, inRange.length - MAX_ANNOTATIONS);
  return { shown: inRange.slice(dropped), dropped, untimed };
}

/** The warning line's sentences for annotations not drawn, or drawn otherwise than they asked. */
export function annotationNotes(read: ReadAnnotations): string[] {
  const notes: string[] = [];
  if (read.dropped > 0) {
    const total = read.dropped + read.shown.length;
    notes.push(
      `${total} annotations in this time range: the latest ${read.shown.length} are drawn, the ${read.dropped} before them are not. Narrow the time range or the annotation query to see them.`
    );
  }
  const refused = read.shown.filter((a) => a.refusedColor !== undefined);
  if (refused.length > 0) {
    const n = plural(refused.length, 'annotation names', 'annotations name');
    notes.push(
      `${n} a colour that is not one ("${refused[0].refusedColor}"): drawn in the default colour. Use a colour name, #hex, rgb() or hsl().`
    );
  }
  if (read.untimed > 0) {
    const n = plural(read.untimed, 'annotation has', 'annotations have');
    notes.push(`${n} no readable time and ${read.untimed === 1 ? 'is' : 'are'} not drawn.`);
  }
  return notes;
}
