import type { PanelModel } from '@grafana/data';
import { plugin } from './module';
import { DEFAULT_OPTIONS, OPTIONS_VERSION } from './options';

function panel(options: Record<string, unknown>): PanelModel {
  return { id: 1, options, fieldConfig: { defaults: {}, overrides: [] } } as unknown as PanelModel;
}

describe('panel plugin', () => {
  it("asks Grafana for the dashboard's annotations, which the chart draws", () => {
    expect(plugin.dataSupport).toEqual({ annotations: true, alertStates: false });
  });

  it('migrates saved options when a dashboard loads them, only when their version is not current', () => {
    expect(plugin.shouldMigrate?.(panel({ showTable: true }))).toBe(true);
    expect(plugin.shouldMigrate?.(panel({ ...DEFAULT_OPTIONS }))).toBe(false);
    expect(plugin.onPanelMigration?.(panel({ showTable: true }))).toMatchObject({
      view: 'table',
      optionsVersion: OPTIONS_VERSION,
    });
  });

  it('writes current options when a panel is switched to this type', () => {
    const changed = plugin.onPanelTypeChanged?.(
      panel({}),
      'timeseries',
      { legend: { showLegend: false } },
      {
        defaults: {},
        overrides: [],
      }
    );
    expect(changed).toEqual(DEFAULT_OPTIONS);
  });
});
