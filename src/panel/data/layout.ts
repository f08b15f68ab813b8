/**
 * The panel's layout numbers, shared by the view-model (which estimates the header before it is
 * measured) and the components (which size themselves with them). Pixels unless said otherwise.
 */

/** Height of the toolbar row (headline or progress on the left, toggles on the right). */
export const TOOLBAR_HEIGHT = 26;
/** Line height of one warning sentence. */
export const NOTE_LINE_HEIGHT = 16;
/** The chart never gets less than this, however tall the header. */
export const MIN_CHART_HEIGHT = 40;
/** The warning line and the model card each take at most this share of the panel, then scroll. */
export const MAX_HEADER_SHARE = 0.35;
/** Below this panel width the legend drops its value columns (Last, Max) to fit every entry. */
export const NARROW_LEGEND_WIDTH = 600;
/** Below this panel height the model card starts closed (it would take most of the chart). */
export const CARD_MIN_PANEL_HEIGHT = 320;
/** Nominal height of a two-line card: an estimate only (the panel measures the real one; the bench sizes with it). */
export const MODEL_CARD_HEIGHT = 44;

/** The header's height before it is measured (and in jsdom, where nothing is laid out). */
export function estimateHeaderHeight(warningLines: number, cardOpen: boolean): number {
  return TOOLBAR_HEIGHT + warningLines * NOTE_LINE_HEIGHT + (cardOpen ? MODEL_CARD_HEIGHT : 0);
}

/** The chart (or table) gets the rest of the panel below the header, never less than a minimum. */
export function bodyHeight(panelHeight: number, headerHeight: number): number {
  return Math.max(MIN_CHART_HEIGHT, panelHeight - headerHeight);
}

/** How tall the warning line and the card may each grow before they scroll. */
export function sectionMaxHeight(panelHeight: number): number {
  return Math.max(NOTE_LINE_HEIGHT * 2, Math.floor(panelHeight * MAX_HEADER_SHARE));
}

/**
 * The plot (axes included) keeps at least this height while the panel has room for it: the warning
 * line and the model card give way first (they scroll by whole lines), then the plot shrinks.
 */
export const MIN_PLOT_HEIGHT = 130;
/** One legend row, until the legend is measured. */
export const LEGEND_ROW_HEIGHT = 24;
/** The legend reserves at most this share of the panel; a longer one scrolls and says how many are out of sight. */
export const MAX_LEGEND_SHARE = 0.4;
/** Grafana's default legend height share (`VizLayout`): kept wherever the legend fits in it. */
export const DEFAULT_LEGEND_SHARE = 0.35;

/** Natural (unconstrained) heights of the header parts and the legend, as laid out. */
export interface HeaderMeasure {
  toolbar: number;
  /** The warning line's content; 0 without warnings. */
  warnings: number;
  /** The model card's content; 0 when closed. */
  card: number;
  /** Bottom edge of each row of card items, ascending, from the card's top: the card is cut between rows only. */
  cardRowBottoms: number[];
  /** The legend's content; 0 without a legend (table view). */
  legend: number;
}

/** How tall the warning line and the model card may be, and whether either hides lines (it scrolls). */
export interface HeaderPlan {
  warningsMax: number;
  warningsClipped: boolean;
  cardMax: number;
  cardClipped: boolean;
}

/**
 * Shares the panel's height: the toolbar always; the plot at least `MIN_PLOT_HEIGHT` plus the
 * legend's height (up to `MAX_LEGEND_SHARE`); of the rest, the warning line first (what is wrong
 * matters more than model facts), then the card, each within its `MAX_HEADER_SHARE`. A part that does
 * not fit shows whole lines (whole rows of card items) and scrolls for the rest — at least one line,
 * never a line cut in half.
 */
export function planHeader(panelHeight: number, m: HeaderMeasure): HeaderPlan {
  const share = sectionMaxHeight(panelHeight);
  const legend = Math.min(m.legend, Math.floor(panelHeight * MAX_LEGEND_SHARE));
  let room = panelHeight - m.toolbar - MIN_PLOT_HEIGHT - legend;

  const warnLimit = Math.min(share, room);
  const warningsClipped = m.warnings > warnLimit + 0.5;
  const warningsMax = warningsClipped
    ? Math.max(NOTE_LINE_HEIGHT, Math.floor(warnLimit / NOTE_LINE_HEIGHT) * NOTE_LINE_HEIGHT)
    : Math.max(m.warnings, share);
  room -= Math.min(m.warnings, warningsMax);

  const cardLimit = Math.min(share, room);
  const cardClipped = m.card > cardLimit + 0.5;
  if (!cardClipped) {
    return { warningsMax, warningsClipped, cardMax: Math.max(m.card, share), cardClipped };
  }
  const fitting = m.cardRowBottoms.filter((b) => b <= cardLimit);
  const firstRow = m.cardRowBottoms[0] ?? NOTE_LINE_HEIGHT;
  const cardMax = Math.ceil(fitting.length > 0 ? fitting[fitting.length - 1] : firstRow);
  return { warningsMax, warningsClipped, cardMax, cardClipped };
}

/**
 * Share of the chart body the legend may take (Grafana's 35 % by default): up to all but
 * `MIN_PLOT_HEIGHT`, so a legend that needs more rows shows all of them instead of scrolling entries
 * out of sight. In 5 % steps: a new share rebuilds the plot.
 */
export function legendShare(body: number, legend: number): number {
  if (!(body > 0) || !(legend > 0)) {
    return DEFAULT_LEGEND_SHARE;
  }
  const need = Math.ceil((legend / body) * 20 - 1e-6) / 20;
  // One step of slack: the header plan reserves exactly the legend's height, which rounds up here.
  const cap = (Math.floor(Math.max(0, (body - MIN_PLOT_HEIGHT) / body) * 20) + 1) / 20;
  return Math.max(DEFAULT_LEGEND_SHARE, Math.min(need, cap));
}
