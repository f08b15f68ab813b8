/**
 * The options in the current shape, migrated once per options object. Grafana migrates saved
 * options on load (`setMigrationHandler`) and on a panel-type change (`setPanelChangeHandler`), but
 * hosts that do neither (the playground, a hand-written dashboard JSON) still reach the panel; so
 * the panel migrates defensively, and this cache makes that cost one call per change of options
 * (not one per render or per remount), and keeps the result's identity stable for memoisation.
 */
import { migrateOptions } from '../migrations';
import type { ForesightPanelOptions } from '../types';

const migrated = new WeakMap<object, ForesightPanelOptions>();

export function migratedOptions(stored: object | null | undefined): ForesightPanelOptions {
  if (!stored) {
    return migrateOptions(undefined);
  }
  let options = migrated.get(stored);
  if (!options) {
    options = migrateOptions(stored as Record<string, unknown>);
    migrated.set(stored, options);
  }
  return options;
}
