import { createTheme } from '@grafana/data';
import { AxisPlacement, LineInterpolation } from '@grafana/schema';
import { DEFAULT_OPTIONS } from '../options';
import { DRAW_ORDER, type FieldRole, graphConfig, LINE_STYLES, lineColor, type StyleContext } from './lineStyles';

const theme = createTheme();
const names = Object.fromEntries(Object.keys(LINE_STYLES).map((r) => [r, `s ${r}`])) as Record<FieldRole, string>;

function ctx(overrides: Partial<StyleContext> = {}): StyleContext {
  return {
    options: DEFAULT_OPTIONS,
    theme,
    seriesColor: '#abcdef',
    seriesCount: 1,
    drawn: () => true,
    ...overrides,
  };
}

describe('line style table', () => {
  it('draws every role exactly once, bands underneath and the shortfall on top', () => {
    expect([...DRAW_ORDER].sort()).toEqual(Object.keys(LINE_STYLES).sort());
    expect(DRAW_ORDER.slice(0, 4)).toEqual(['upper95', 'lower95', 'upper80', 'lower80']);
    expect(DRAW_ORDER.indexOf('capacity')).toBeGreaterThan(DRAW_ORDER.indexOf('replicas'));
    expect(DRAW_ORDER[DRAW_ORDER.length - 1]).toBe('shortfall');
  });

  it('shades a fill only down to a line that is drawn', () => {
    const shortfall = LINE_STYLES.shortfall;
    expect(graphConfig(shortfall, names, ctx())).toMatchObject({ fillOpacity: 45, fillBelowTo: 's capacity' });
    const alone = graphConfig(shortfall, names, ctx({ drawn: () => false }));
    expect(alone.fillOpacity).toBe(0);
    expect(alone.fillBelowTo).toBeUndefined();
  });

  it('halves the band opacity for the 95 % band and clamps it to 0–100', () => {
    const options = { ...DEFAULT_OPTIONS, bandOpacity: 180 };
    expect(graphConfig(LINE_STYLES.upper80, names, ctx({ options })).fillOpacity).toBe(100);
    expect(graphConfig(LINE_STYLES.upper95, names, ctx({ options })).fillOpacity).toBe(50);
  });

  it('puts replicas on their own step-line axis, named by its label only when alone', () => {
    const one = graphConfig(LINE_STYLES.replicas, names, ctx());
    expect(one).toMatchObject({
      lineInterpolation: LineInterpolation.StepAfter,
      axisPlacement: AxisPlacement.Right,
      axisLabel: 'replicas',
      hideFrom: { legend: true, tooltip: false, viz: false },
    });
    expect(graphConfig(LINE_STYLES.replicas, names, ctx({ seriesCount: 2 })).hideFrom).toBeUndefined();
  });

  it('colours replicas with the option when alone and with the series colour among several', () => {
    const replicas = theme.visualization.getColorByName(DEFAULT_OPTIONS.colors.replicas);
    expect(lineColor(LINE_STYLES.replicas, ctx())).toBe(replicas);
    expect(lineColor(LINE_STYLES.replicas, ctx({ seriesCount: 3 }))).toBe('#abcdef');
    expect(lineColor(LINE_STYLES.forecast, ctx())).toBe('#abcdef');
  });
});
