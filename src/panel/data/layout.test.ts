/**
 * The header plan (`data/layout.ts`) the panel sizes its parts with: the plot keeps its minimum, the
 * warning line and the model card are cut between lines (rows), the legend may take what it needs.
 */
import {
  DEFAULT_LEGEND_SHARE,
  legendShare,
  MIN_PLOT_HEIGHT,
  NOTE_LINE_HEIGHT,
  planHeader,
  sectionMaxHeight,
} from './layout';

const rows = [20, 40, 60, 80, 100, 120, 140];

describe('planHeader', () => {
  it('leaves a tall panel as it was: every part fits in its share', () => {
    const plan = planHeader(800, { toolbar: 26, warnings: 32, card: 60, cardRowBottoms: [20, 40, 60], legend: 24 });
    expect(plan.warningsClipped).toBe(false);
    expect(plan.cardClipped).toBe(false);
    expect(plan.cardMax).toBe(sectionMaxHeight(800));
  });

  it('cuts the card between rows so the plot and the legend keep their height (500 px wide, 370 px tall)', () => {
    const m = { toolbar: 50, warnings: 80, card: 143, cardRowBottoms: rows, legend: 48 };
    const plan = planHeader(370, m);
    expect(plan.warningsClipped).toBe(false);
    expect(plan.cardClipped).toBe(true);
    expect(rows).toContain(plan.cardMax);
    expect(370 - m.toolbar - m.warnings - plan.cardMax).toBeGreaterThanOrEqual(MIN_PLOT_HEIGHT + m.legend);
  });

  it('gives warnings whole lines, at least one, before the card gets anything', () => {
    const plan = planHeader(260, { toolbar: 26, warnings: 96, card: 60, cardRowBottoms: [20, 40, 60], legend: 24 });
    expect(plan.warningsClipped).toBe(true);
    expect(plan.warningsMax % NOTE_LINE_HEIGHT).toBe(0);
    expect(plan.warningsMax).toBeGreaterThanOrEqual(NOTE_LINE_HEIGHT);
    // No room left: the card still shows its first row (it was opened on purpose) and scrolls.
    expect(plan.cardMax).toBe(20);
  });
});

describe('legendShare', () => {
  it("keeps Grafana's 35 % where the legend fits in it", () => {
    expect(legendShare(300, 48)).toBe(DEFAULT_LEGEND_SHARE);
    expect(legendShare(300, 0)).toBe(DEFAULT_LEGEND_SHARE);
  });

  it('grows in 5 % steps to show every row, but leaves the plot its minimum', () => {
    const share = legendShare(200, 80);
    expect(share * 200).toBeGreaterThanOrEqual(80);
    expect(Math.round(share * 100) % 5).toBe(0);
    expect(legendShare(200, 190)).toBeLessThanOrEqual((200 - MIN_PLOT_HEIGHT) / 200 + 0.05 + 1e-9);
  });
});
