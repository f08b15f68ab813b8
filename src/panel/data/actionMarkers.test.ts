import { createTheme } from '@grafana/data';
import { DEFAULT_OPTIONS } from '../options';
import { DEFAULT_ACTIONS, T0 } from '../testing/fixtures';
import { buildActionMarkers } from './actionMarkers';
import type { ActionRow } from '../../contract/types';

const theme = createTheme();
const rows: ActionRow[] = [
  ...DEFAULT_ACTIONS.map((a) => ({ ...a, series: '' })),
  { timeMs: T0, action: 'retire', from: 2, to: 0, reason: 'upper 95 % below 1 req/s for 24 h', series: 'old' },
];
const series = [
  { key: 'k', name: 'checkout' },
  { key: 'old', name: 'fraud-detector v1' },
];

describe('buildActionMarkers', () => {
  const markers = buildActionMarkers(rows, series, DEFAULT_OPTIONS.colors, theme, 'utc');

  it('makes up / down / retire markers and no marker for hold', () => {
    expect(markers.map((m) => m.kind)).toEqual(['up', 'down', 'retire']);
    expect(markers.map((m) => m.glyph)).toEqual(['▲', '▼', '✕']);
  });

  it('says what, when and why', () => {
    expect(markers[0]).toMatchObject({
      title: 'Scale up 3 → 4',
      timeText: '2026-11-21 00:10',
      reason: 'forecast 172 req/s at 00:15 exceeds 160',
    });
    expect(markers[2]).toMatchObject({ title: 'Retire (2 → 0)', seriesName: 'fraud-detector v1' });
  });

  it('uses the configured colours', () => {
    expect(markers[0].color).toBe(theme.visualization.getColorByName(DEFAULT_OPTIONS.colors.scaleUp));
    expect(markers[1].color).toBe(theme.visualization.getColorByName(DEFAULT_OPTIONS.colors.scaleDown));
    expect(markers[2].color).toBe(theme.visualization.getColorByName(DEFAULT_OPTIONS.colors.retire));
  });

  it('leaves out actions of series that are not drawn', () => {
    const only = buildActionMarkers(rows, [series[0]], DEFAULT_OPTIONS.colors, theme);
    expect(only.map((m) => m.kind)).toEqual(['up', 'down']);
  });

  it('a retire marker shows no replica counts when the series has no scaling policy', () => {
    const unplanned = [series[0], { ...series[1], policy: undefined }];
    const retire = buildActionMarkers(rows, unplanned, DEFAULT_OPTIONS.colors, theme).find((m) => m.kind === 'retire')!;
    expect(retire.title).toBe('Retire');
    expect(retire.title).not.toMatch(/→/);
    expect(Number.isFinite(retire.to)).toBe(false);
  });

  it('shows a fallback when the reason is empty', () => {
    const [m] = buildActionMarkers([{ ...rows[0], reason: '' }], series, DEFAULT_OPTIONS.colors, theme);
    expect(m.reason).toBe('No reason given.');
  });
});
