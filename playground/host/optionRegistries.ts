/**
 * Grafana core (not its npm packages) fills @grafana/data's option registries at boot: the panel
 * option editors (`radio`, `boolean`, …) that `setPanelOptions` builders look up, and the standard
 * field config properties (unit, min, max, thresholds, …) that `applyFieldOverrides` processes.
 * The playground registers the same ids and processors. It has no options pane, so the editor
 * components are empty stand-ins; the processing of values is Grafana's own (from @grafana/data).
 */
import {
  FieldColorModeId,
  ThresholdsMode,
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  unitOverrideProcessor,
  valueMappingsOverrideProcessor,
  type FieldConfigPropertyItem,
  type StandardEditorsRegistryItem,
} from '@grafana/data';

/** The ids @grafana/data's PanelOptionsEditorBuilder looks up. */
export const STANDARD_EDITOR_IDS = [
  'boolean',
  'color',
  'dashboard-uid',
  'field-name',
  'multi-select',
  'number',
  'radio',
  'select',
  'slider',
  'strings',
  'text',
  'timezone',
  'unit',
] as const;

/** The playground has no options pane: editors are never mounted. */
const NoEditor = () => null;

const always = () => true;

function property(
  id: string,
  process: FieldConfigPropertyItem['process'],
  defaultValue?: unknown,
  shouldApply: FieldConfigPropertyItem['shouldApply'] = always
): FieldConfigPropertyItem {
  return { id, path: id, name: id, editor: NoEditor, override: NoEditor, process, shouldApply, defaultValue };
}

export function standardFieldConfigProperties(): FieldConfigPropertyItem[] {
  return [
    property('displayName', displayNameOverrideProcessor),
    property('unit', unitOverrideProcessor),
    property('fieldMinMax', booleanOverrideProcessor),
    property('min', numberOverrideProcessor),
    property('max', numberOverrideProcessor),
    property('decimals', numberOverrideProcessor),
    property('thresholds', thresholdsOverrideProcessor, {
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'green' },
        { value: 80, color: 'red' },
      ],
    }),
    property('mappings', valueMappingsOverrideProcessor, []),
    property('noValue', stringOverrideProcessor),
    property('links', dataLinksOverrideProcessor),
    property('actions', identityOverrideProcessor),
    property('color', identityOverrideProcessor, { mode: FieldColorModeId.PaletteClassic }),
    property('filterable', booleanOverrideProcessor),
  ];
}

export function registerStandardOptions(): void {
  const editors: StandardEditorsRegistryItem[] = STANDARD_EDITOR_IDS.map((id) => ({ id, name: id, editor: NoEditor }));
  standardEditorsRegistry.setInit(() => editors);
  standardFieldConfigEditorRegistry.setInit(standardFieldConfigProperties);
}
