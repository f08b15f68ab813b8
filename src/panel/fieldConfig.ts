/**
 * Which of Grafana's standard field options the panel offers, and only those it honours: unit,
 * decimals, min / max (the value axis), display name (a series' name) and colour scheme (a series'
 * colour, for schemes that give a series one colour). The others are not offered, since the panel
 * draws lines of its own (forecast, bands, capacity, replicas) that they would not reach, and an
 * option that silently does nothing is worse than none: thresholds (the panel draws the scaling
 * policy's own), value mappings, data links, actions, "no value", filtering and min/max per field.
 */
import { FieldColorModeId, FieldConfigProperty, type SetFieldConfigOptionsArgs } from '@grafana/data';

export const fieldConfig: SetFieldConfigOptionsArgs = {
  standardOptions: {
    [FieldConfigProperty.Color]: {
      settings: { byValueSupport: false, bySeriesSupport: true, preferThresholdsMode: false },
      defaultValue: { mode: FieldColorModeId.PaletteClassic },
    },
  },
  disableStandardOptions: [
    FieldConfigProperty.Thresholds,
    FieldConfigProperty.Mappings,
    FieldConfigProperty.Links,
    FieldConfigProperty.Actions,
    FieldConfigProperty.NoValue,
    FieldConfigProperty.Filterable,
    FieldConfigProperty.FieldMinMax,
  ],
};
