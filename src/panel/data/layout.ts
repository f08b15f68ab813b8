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
