import { PanelPlugin } from '@grafana/data';
import { ForecastPanel } from './components/ForecastPanel';
import { migrationHandler, shouldMigrate } from './migrations';
import { buildPanelOptions } from './options';
import type { ForesightPanelOptions } from './types';

export const plugin = new PanelPlugin<ForesightPanelOptions>(ForecastPanel)
  // Standard field options (unit, decimals, min/max, display name) apply to the metric values.
  .useFieldConfig()
  .setPanelOptions(buildPanelOptions)
  .setMigrationHandler(migrationHandler, shouldMigrate);
