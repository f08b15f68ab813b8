/**
 * A narrow panel lists its legend without the values the user chose (they stay in the tooltip), so
 * every entry fits instead of scrolling out of sight; the warning line says so, or the option would
 * look broken.
 */
import { fieldReducers } from '@grafana/data';
import type { VizLegendOptions } from '@grafana/schema';
import { NARROW_LEGEND_WIDTH } from './layout';

/** The warning line's sentence when the panel's width hides the legend's values. */
export function hiddenLegendValuesNote(legend: VizLegendOptions, width: number): string | undefined {
  if (!legend.showLegend || legend.calcs.length === 0 || width >= NARROW_LEGEND_WIDTH) {
    return undefined;
  }
  const names = legend.calcs.map((id) => (fieldReducers.getIfExists(id)?.name ?? id).replace(/ \*$/, ''));
  return `Legend values (${names.join(', ')}) are left out below ${NARROW_LEGEND_WIDTH} px wide so every series fits; they show in the tooltip, or widen the panel.`;
}
