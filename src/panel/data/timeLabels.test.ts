import { insidePlot, layoutTimeLabels } from './timeLabels';

/** Horizontal extent of a placed label, as the overlay draws it. */
function extent(l: { left: number; text: string; flip: boolean }): [number, number] {
  const w = l.text.length * 6.5 + 6;
  return l.flip ? [l.left - w, l.left] : [l.left, l.left + w];
}

describe('time-mark labels', () => {
  it('puts "now" right of its line and the origin left of its own: apart on one row', () => {
    const labels = layoutTimeLabels(800, { left: 500, text: 'now' }, [{ left: 480, text: 'last sample 52m ago' }]);
    expect(labels.map((l) => [l.kind, l.row, l.flip])).toEqual([
      ['now', 0, false],
      ['origin', 0, true],
    ]);
    const [a, b] = labels.map(extent);
    expect(a[0] >= b[1] || b[0] >= a[1]).toBe(true);
  });

  it('moves a label down a row rather than overlap, and flips it to stay inside the plot', () => {
    // "now" at the right edge must flip left, onto the origin label's side.
    const labels = layoutTimeLabels(300, { left: 298, text: 'now' }, [{ left: 290, text: 'last sample 3m ago' }]);
    const now = labels.find((l) => l.kind === 'now')!;
    const origin = labels.find((l) => l.kind === 'origin')!;
    expect(now.flip).toBe(true);
    expect(origin.row).toBe(1);
    for (const l of labels) {
      const [from, to] = extent(l);
      expect(from).toBeGreaterThanOrEqual(0);
      expect(to).toBeLessThanOrEqual(300);
    }
  });

  it('an origin near the left edge keeps its label inside the plot (right of its line)', () => {
    const [origin] = layoutTimeLabels(600, undefined, [{ left: 10, text: 'last sample 2h ago' }]);
    expect(origin.flip).toBe(false);
  });

  it('knows a label that fits neither side of its line, so "now" can drop its suffix', () => {
    const [now] = layoutTimeLabels(350, { left: 175, text: 'now · forecast origin 18s ago' }, []);
    expect(insidePlot(now, 350)).toBe(false);
    const [short] = layoutTimeLabels(350, { left: 175, text: 'now' }, []);
    expect(insidePlot(short, 350)).toBe(true);
  });
});
