/**
 * Where the time-mark labels go at the top of the plot: "now" right of its line, each forecast origin
 * ("last sample 52m ago") left of its line, where the history is; a label that would collide with
 * another moves down a row, and none leaves the plot. Pure: pixels in, placements out.
 */

/** Rough width of one label character (bodySmall), to keep labels inside the plot and apart. */
const CHAR_PX = 6.5;

/** A label's width in pixels, padding included. */
function labelWidth(text: string): number {
  return text.length * CHAR_PX + 6;
}

/**
 * Whether a placed label lies inside a plot `width` wide: on the side of its line it was put on.
 * A label that fits neither side (the "now · forecast origin 18s ago" of a 450-pixel panel, its line
 * near the middle) was drawn past the plot's edge, cut off.
 */
export function insidePlot(label: Pick<PlacedLabel, 'left' | 'text' | 'flip'>, width: number): boolean {
  const w = labelWidth(label.text);
  return label.flip ? label.left - w >= -1 : label.left + w <= width + 1;
}

export interface PlacedLabel {
  key: string;
  left: number;
  text: string;
  /** Row from the top (0, 1, …). */
  row: number;
  /** Label to the left of its line (right-aligned) rather than to the right. */
  flip: boolean;
  kind: 'now' | 'origin';
  stale?: boolean;
}

/**
 * Lays out the "now" label (right of its line) and the origin labels (left of theirs, where the
 * history is) so no two share a row where they would overlap, and none leaves the plot.
 */
export function layoutTimeLabels(
  width: number,
  now: { left: number; text: string } | undefined,
  origins: Array<{ left: number; text: string; stale?: boolean }>
): PlacedLabel[] {
  const labels: PlacedLabel[] = [];
  const taken: Array<{ row: number; from: number; to: number }> = [];
  const put = (
    key: string,
    kind: PlacedLabel['kind'],
    left: number,
    text: string,
    preferFlip: boolean,
    stale?: boolean
  ) => {
    const w = labelWidth(text);
    // Flip when the preferred side would leave the plot.
    const flip = preferFlip ? left - w >= 0 || left + w > width : left + w > width && left - w >= 0;
    const from = flip ? left - w : left;
    const to = flip ? left : left + w;
    let row = 0;
    while (taken.some((t) => t.row === row && t.from < to && from < t.to)) {
      row++;
    }
    taken.push({ row, from, to });
    labels.push({ key, left, text, row, flip, kind, stale });
  };
  if (now) {
    put('now', 'now', now.left, now.text, false);
  }
  origins.forEach((o, i) => put(`origin-${i}`, 'origin', o.left, o.text, true, o.stale));
  return labels;
}
