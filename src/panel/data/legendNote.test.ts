import { LegendDisplayMode } from '@grafana/schema';
import { hiddenLegendValuesNote } from './legendNote';

const legend = {
  showLegend: true,
  displayMode: LegendDisplayMode.List,
  placement: 'bottom' as const,
  calcs: ['lastNotNull', 'max'],
};

describe('hiddenLegendValuesNote', () => {
  it('says which values a narrow panel leaves out of its legend, by the names Grafana gives them', () => {
    expect(hiddenLegendValuesNote(legend, 450)).toBe(
      'Legend values (Last, Max) are left out below 600 px wide so every series fits; they show in the tooltip, or widen the panel.'
    );
  });

  it('says nothing when they are drawn, none were chosen or the legend is off', () => {
    expect(hiddenLegendValuesNote(legend, 600)).toBeUndefined();
    expect(hiddenLegendValuesNote({ ...legend, calcs: [] }, 450)).toBeUndefined();
    expect(hiddenLegendValuesNote({ ...legend, showLegend: false }, 450)).toBeUndefined();
  });
});
