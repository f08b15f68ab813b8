import { PanelOptionsEditorBuilder, standardEditorsRegistry } from '@grafana/data';
import { DEFAULT_OPTIONS, OPTIONS_VERSION, buildPanelOptions } from './options';
import { migrateOptions, migrationHandler, shouldMigrate } from './migrations';
import type { ForesightPanelOptions } from './types';

function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], obj);
}

// Grafana fills this registry at start-up; unit tests register stand-ins for the editors used.
standardEditorsRegistry.setInit(() =>
  ['radio', 'slider', 'boolean', 'number', 'multi-select', 'color'].map((id) => ({ id, name: id, editor: () => null }))
);

describe('panel options', () => {
  const builder = new PanelOptionsEditorBuilder<ForesightPanelOptions>();
  buildPanelOptions(builder);
  const items = builder.getItems();

  it('gives every editor item the default from DEFAULT_OPTIONS', () => {
    expect(items.length).toBeGreaterThan(15);
    for (const item of items) {
      expect({ path: item.path, value: item.defaultValue }).toEqual({
        path: item.path,
        value: valueAt(DEFAULT_OPTIONS, item.path),
      });
    }
  });

  it('groups options into categories', () => {
    const categories = new Set(items.map((i) => i.category?.[0]));
    expect(categories).toEqual(
      new Set(['Forecast chart', 'Scaling', 'Table and model card', 'Tooltip', 'Legend', 'Colours'])
    );
  });

  it('covers bands, replicas, actions, table, model card, replica axis and colours', () => {
    const paths = items.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bands',
        'showReplicas',
        'showActions',
        'view',
        'showModelCard',
        'replicaAxis',
        'colors.replicas',
      ])
    );
  });
});

describe('option migration', () => {
  it('fills defaults for a new panel', () => {
    expect(migrateOptions({})).toEqual(DEFAULT_OPTIONS);
    expect(migrateOptions(undefined)).toEqual(DEFAULT_OPTIONS);
  });

  it('renames version-1 options', () => {
    const migrated = migrateOptions({
      showBands: false,
      showTable: true,
      replicasAxis: 'left',
      showModelSummary: false,
      actionColors: { up: 'green', retire: 'dark-red' },
    });
    expect(migrated).toMatchObject({
      optionsVersion: OPTIONS_VERSION,
      bands: 'none',
      view: 'table',
      replicaAxis: 'left',
      showModelCard: false,
      colors: { ...DEFAULT_OPTIONS.colors, scaleUp: 'green', retire: 'dark-red' },
    });
    expect(migrated).not.toHaveProperty('showBands');
  });

  it("keeps a time-series panel's tooltip options when switched to this type, and repairs invalid ones", () => {
    expect(
      migrateOptions({ tooltip: { mode: 'single', sort: 'desc', maxHeight: 300, hideZeros: true } }).tooltip
    ).toEqual({
      mode: 'single',
      sort: 'desc',
      hideZeros: true,
      maxWidth: undefined,
      maxHeight: 300,
    });
    expect(migrateOptions({ tooltip: { mode: 'popup', sort: 7, maxWidth: 5, maxHeight: 'tall' } }).tooltip).toEqual({
      ...DEFAULT_OPTIONS.tooltip,
      maxWidth: 100,
    });
    expect(migrateOptions({ tooltip: 'all' }).tooltip).toEqual(DEFAULT_OPTIONS.tooltip);
  });

  it('keeps valid current options and repairs invalid ones', () => {
    const migrated = migrateOptions({
      bands: '80',
      bandOpacity: 400,
      maxSeries: -3,
      replicaAxis: 'top',
      view: 42,
      legend: { showLegend: false, calcs: 'max' },
    });
    expect(migrated.bands).toBe('80');
    expect(migrated.bandOpacity).toBe(100);
    expect(migrated.maxSeries).toBe(1);
    expect(migrated.replicaAxis).toBe('right');
    expect(migrated.view).toBe('chart');
    expect(migrated.legend.showLegend).toBe(false);
    expect(migrated.legend.calcs).toEqual(DEFAULT_OPTIONS.legend.calcs);
  });

  it('turns version-2 boolean "extend to horizon" into auto / never', () => {
    expect(migrateOptions({ optionsVersion: 2, extendToHorizon: true }).extendToHorizon).toBe('auto');
    expect(migrateOptions({ optionsVersion: 2, extendToHorizon: false }).extendToHorizon).toBe('never');
    expect(migrateOptions({ extendToHorizon: 'always' }).extendToHorizon).toBe('always');
    expect(migrateOptions({ extendToHorizon: 'sometimes' }).extendToHorizon).toBe('auto');
    expect(shouldMigrate({ options: { ...DEFAULT_OPTIONS, optionsVersion: 2 } })).toBe(true);
  });

  it('is wired as a handler that only runs for older shapes', async () => {
    const panel = {
      id: 1,
      type: 'foresight-forecast-panel',
      options: { showTable: true },
      fieldConfig: { defaults: {}, overrides: [] },
    };
    expect(shouldMigrate(panel)).toBe(true);
    expect(await migrationHandler(panel as never)).toMatchObject({ view: 'table' });
    expect(shouldMigrate({ options: DEFAULT_OPTIONS })).toBe(false);
  });
});
