/** Models kept in memory only: pages without IndexedDB, tests, and one-shot headless runs. */
import type { SavedModel } from '../engine/api';
import type { ModelCache } from './ports';

export class MemoryModelCache implements ModelCache {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, SavedModel>();
  async get(key: string) {
    return this.entries.get(key);
  }
  async put(key: string, model: SavedModel) {
    this.entries.set(key, model);
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
}
