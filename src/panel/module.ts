import { PanelPlugin } from '@grafana/data';
import { fieldConfig } from './fieldConfig';
import { ForecastPanel } from './components/ForecastPanel';
import { migrationHandler, panelChangeHandler, shouldMigrate } from './migrations';
import { buildPanelOptions } from './options';
import type { ForesightPanelOptions } from './types';

export const plugin = new PanelPlugin<ForesightPanelOptions>(ForecastPanel)
  .useFieldConfig(fieldConfig)
  .setPanelOptions(buildPanelOptions)
  // Options are migrated when a dashboard loads them and when a panel becomes this type, not on
  // render; the component still migrates defensively (memoised) for hosts that do neither.
  .setMigrationHandler(migrationHandler, shouldMigrate)
  .setPanelChangeHandler(panelChangeHandler)
  // Grafana hands a panel the dashboard's annotations only when it asks; they are drawn on the chart.
  .setDataSupport({ annotations: true, alertStates: false });
