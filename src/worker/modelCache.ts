/**
 * The one model store: trained models cached by fingerprint, so a dashboard refresh reuses the model
 * instead of retraining, and models saved under a user-given name (model mode `load`), all in the
 * `foresight-models` IndexedDB database (memory where there is none). Entries are the engine's
 * `SavedModel` as a structured clone; what comes back is not trusted as is: the engine's one load
 * path (`normaliseSavedModel`) JSON-cleans and validates it before tfjs builds anything.
 * Cached models are kept within `MODEL_CACHE_BUDGET_BYTES`, least recently used evicted first;
 * named models are never evicted.
 */
import { MemoryModelCache } from '../advisor/memoryModelCache';
import { keysOverBudget } from '../advisor/cacheBudget';
import { isNamedModelKey, type ModelCache } from '../advisor/ports';
import type { SavedModel } from '../engine/api';

export const MODEL_DB_NAME = 'foresight-models';
/** The object store inside it (browser tests read it in the page). */
export const MODEL_STORE = 'models';
/** When each cached model was last used and its size, keyed like the models. */
export const ACCESS_STORE = 'access';
/** Version 2 added `ACCESS_STORE`; a version 1 database is migrated in place, its models kept. */
const DB_VERSION = 2;

/**
 * Cached models (every key but a user's named ones) are kept within this many bytes, least recently
 * used evicted first. Why: a returning user adds one model per series and per query edit (a window,
 * a horizon, a method), and nothing else ever removed one, so the store only grew. A model counts
 * 55,744 bytes (the fine-tuned base, measured) to a few hundred KB (a wide LSTM of the user's own):
 * this keeps about 2,400 of the former, more than a user's dashboards hold at once, so only models
 * unused the longest go. Named models are the user's own saves and never evicted.
 */
export const MODEL_CACHE_BUDGET_BYTES = 128 * 1024 * 1024;
/** Counted per model beside its weights: topology, weight specs and metadata (about 10 KB as JSON). */
const ENTRY_OVERHEAD_BYTES = 16 * 1024;

interface AccessRecord {
  usedAtMs: number;
  bytes: number;
}

/** What a model takes in the store, near enough to budget by: its weights plus a fixed overhead. */
export function storedBytes(model: SavedModel | undefined): number {
  const weights = (model?.artifacts as { weightData?: ArrayBuffer | ArrayBuffer[] } | undefined)?.weightData;
  const parts = Array.isArray(weights) ? weights : weights ? [weights] : [];
  return parts.reduce((sum, b) => sum + (b?.byteLength ?? 0), ENTRY_OVERHEAD_BYTES);
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Version 1 held models only: give each an access record, last used when it was trained. */
function migrate(tx: IDBTransaction, oldVersion: number): void {
  const db = tx.db;
  if (!db.objectStoreNames.contains(MODEL_STORE)) {
    db.createObjectStore(MODEL_STORE);
  }
  if (db.objectStoreNames.contains(ACCESS_STORE)) {
    return;
  }
  const access = db.createObjectStore(ACCESS_STORE);
  if (oldVersion < 1) {
    return;
  }
  const cursor = tx.objectStore(MODEL_STORE).openCursor();
  cursor.onsuccess = () => {
    const c = cursor.result;
    if (!c) {
      return;
    }
    const key = String(c.key);
    if (!isNamedModelKey(key)) {
      // Whatever was stored (a record written by hand reads as the oldest, of its weights' size).
      const model = c.value as SavedModel | undefined;
      const record: AccessRecord = { usedAtMs: Number(model?.meta?.trainedAtMs) || 0, bytes: storedBytes(model) };
      access.put(record, key);
    }
    c.continue();
  };
}

export class IndexedDbModelCache implements ModelCache {
  readonly kind = 'indexeddb' as const;
  private db?: Promise<IDBDatabase>;

  constructor(
    private readonly factory: IDBFactory,
    private readonly dbName = MODEL_DB_NAME,
    private readonly budgetBytes = MODEL_CACHE_BUDGET_BYTES,
    private readonly now: () => number = Date.now
  ) {}

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const opening = new Promise<IDBDatabase>((resolve, reject) => {
        const req = this.factory.open(this.dbName, DB_VERSION);
        req.onupgradeneeded = (event) => migrate(req.transaction!, event.oldVersion);
        req.onsuccess = () => {
          const db = req.result;
          // Let a newer version of the plugin in another tab upgrade the database instead of blocking it.
          db.onversionchange = () => {
            db.close();
            this.db = undefined;
          };
          resolve(db);
        };
        req.onerror = () => reject(req.error ?? new Error(`cannot open IndexedDB ${this.dbName}`));
        req.onblocked = () => reject(new Error(`IndexedDB ${this.dbName} is blocked by another tab`));
      });
      // A failed open (another tab blocking an upgrade) is tried again at the next call.
      opening.catch(() => {
        if (this.db === opening) {
          this.db = undefined;
        }
      });
      this.db = opening;
    }
    return this.db;
  }

  async get(key: string): Promise<SavedModel | undefined> {
    const db = await this.open();
    const tx = db.transaction([MODEL_STORE, ACCESS_STORE], 'readwrite');
    const model = (await request(tx.objectStore(MODEL_STORE).get(key))) as SavedModel | undefined;
    if (model) {
      this.recordUse(tx, key, model);
    }
    await done(tx);
    return model;
  }

  async put(key: string, model: SavedModel): Promise<void> {
    const db = await this.open();
    const tx = db.transaction([MODEL_STORE, ACCESS_STORE], 'readwrite');
    tx.objectStore(MODEL_STORE).put(model, key);
    this.recordUse(tx, key, model);
    await done(tx);
    if (!isNamedModelKey(key)) {
      await this.evict(db, key);
    }
  }

  /** Notes that a cached model was kept or read now, with its size (named models are never evicted: no record). */
  private recordUse(tx: IDBTransaction, key: string, model: SavedModel): void {
    if (!isNamedModelKey(key)) {
      const record: AccessRecord = { usedAtMs: this.now(), bytes: storedBytes(model) };
      tx.objectStore(ACCESS_STORE).put(record, key);
    }
  }

  async delete(key: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction([MODEL_STORE, ACCESS_STORE], 'readwrite');
    tx.objectStore(MODEL_STORE).delete(key);
    tx.objectStore(ACCESS_STORE).delete(key);
    await done(tx);
  }

  /** Removes the least recently used cached models until the rest fit the budget; never `keep`. */
  private async evict(db: IDBDatabase, keep: string): Promise<void> {
    const tx = db.transaction([MODEL_STORE, ACCESS_STORE], 'readwrite');
    const access = tx.objectStore(ACCESS_STORE);
    const [keys, records] = await Promise.all([request(access.getAllKeys()), request(access.getAll())]);
    const entries = keys.map((k, i) => ({ key: String(k), ...(records[i] as AccessRecord) }));
    for (const key of keysOverBudget(entries, this.budgetBytes, keep)) {
      tx.objectStore(MODEL_STORE).delete(key);
      access.delete(key);
    }
    await done(tx);
  }

  close(): void {
    void this.db?.then((db) => db.close()).catch(() => undefined);
    this.db = undefined;
  }
}

/** IndexedDB when the environment has it (browser, worker), memory otherwise (Node, tests). */
export function createModelCache(factory: IDBFactory | null = globalThis.indexedDB ?? null): ModelCache {
  return factory ? new IndexedDbModelCache(factory) : new MemoryModelCache();
}
