/**
 * The one model store: trained models cached by fingerprint, so a dashboard refresh reuses the model
 * instead of retraining, and models saved under a user-given name (model mode `load`), all in the
 * `foresight-models` IndexedDB database (memory where there is none). Entries are the engine's
 * `SavedModel` as a structured clone; what comes back is not trusted as is: the engine's one load
 * path (`normaliseSavedModel`) JSON-cleans and validates it before tfjs builds anything.
 */
import { MemoryModelCache } from '../advisor/memoryModelCache';
import type { ModelCache } from '../advisor/ports';
import type { SavedModel } from '../engine/api';

export const MODEL_DB_NAME = 'foresight-models';
/** The object store inside it (browser tests read it in the page). */
export const MODEL_STORE = 'models';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export class IndexedDbModelCache implements ModelCache {
  readonly kind = 'indexeddb' as const;
  private db?: Promise<IDBDatabase>;

  constructor(
    private readonly factory: IDBFactory,
    private readonly dbName = MODEL_DB_NAME
  ) {}

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise((resolve, reject) => {
        const req = this.factory.open(this.dbName, 1);
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains(MODEL_STORE)) {
            req.result.createObjectStore(MODEL_STORE);
          }
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error(`cannot open IndexedDB ${this.dbName}`));
        req.onblocked = () => reject(new Error(`IndexedDB ${this.dbName} is blocked by another tab`));
      });
    }
    return this.db;
  }

  async get(key: string): Promise<SavedModel | undefined> {
    const db = await this.open();
    return (await request(db.transaction(MODEL_STORE, 'readonly').objectStore(MODEL_STORE).get(key))) as
      SavedModel | undefined;
  }

  async put(key: string, model: SavedModel): Promise<void> {
    const db = await this.open();
    await request(db.transaction(MODEL_STORE, 'readwrite').objectStore(MODEL_STORE).put(model, key));
  }

  async delete(key: string): Promise<void> {
    const db = await this.open();
    await request(db.transaction(MODEL_STORE, 'readwrite').objectStore(MODEL_STORE).delete(key));
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = undefined;
  }
}

/** IndexedDB when the environment has it (browser, worker), memory otherwise (Node, tests). */
export function createModelCache(factory: IDBFactory | null = globalThis.indexedDB ?? null): ModelCache {
  return factory ? new IndexedDbModelCache(factory) : new MemoryModelCache();
}
