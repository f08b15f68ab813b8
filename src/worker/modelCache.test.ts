/** @jest-environment node */
import { IDBFactory } from 'fake-indexeddb';
import type { SavedModelMeta } from '../engine/api';
import { MemoryModelCache } from '../advisor/memoryModelCache';
import {
  ACCESS_STORE,
  createModelCache,
  IndexedDbModelCache,
  MODEL_DB_NAME,
  MODEL_STORE,
  storedBytes,
} from './modelCache';
import { namedModelKey } from '../advisor/ports';

const model = {
  meta: { fingerprint: 'fs1-x', stepMs: 60_000 } as SavedModelMeta,
  artifacts: { weightData: new Float32Array([1, 2, 3]).buffer },
};

describe('model cache', () => {
  it('round-trips a model through IndexedDB, binary weights included', async () => {
    const cache = new IndexedDbModelCache(new IDBFactory());
    expect(await cache.get('fs1-x')).toBeUndefined();
    await cache.put('fs1-x', model);
    const back = await cache.get('fs1-x');
    expect(back?.meta).toEqual(model.meta);
    expect(Array.from(new Float32Array((back?.artifacts as { weightData: ArrayBuffer }).weightData))).toEqual([
      1, 2, 3,
    ]);
    await cache.delete('fs1-x');
    expect(await cache.get('fs1-x')).toBeUndefined();
    cache.close();
  });

  it('survives a new cache object on the same database (a dashboard refresh)', async () => {
    const factory = new IDBFactory();
    await new IndexedDbModelCache(factory).put(namedModelKey(' api '), model);
    expect((await new IndexedDbModelCache(factory).get('name:api'))?.meta.fingerprint).toBe('fs1-x');
  });

  it('falls back to memory without IndexedDB', async () => {
    expect(createModelCache(null)).toBeInstanceOf(MemoryModelCache);
    expect(createModelCache(new IDBFactory()).kind).toBe('indexeddb');
    const mem = new MemoryModelCache();
    await mem.put('k', model);
    expect(await mem.get('k')).toBe(model);
  });
});

describe('model cache budget', () => {
  const sized = (fingerprint: string, trainedAtMs = 0) => ({
    meta: { fingerprint, stepMs: 60_000, trainedAtMs } as SavedModelMeta,
    artifacts: { weightData: new ArrayBuffer(1000) },
  });
  const keysIn = (factory: IDBFactory, store: string): Promise<string[]> =>
    new Promise((resolve, reject) => {
      const open = factory.open(MODEL_DB_NAME);
      open.onsuccess = () => {
        const req = open.result.transaction(store, 'readonly').objectStore(store).getAllKeys();
        req.onsuccess = () => {
          open.result.close();
          resolve(req.result.map(String).sort());
        };
        req.onerror = () => reject(req.error);
      };
      open.onerror = () => reject(open.error);
    });

  it('evicts the least recently used cached models beyond the budget, never a named one or the one just kept', async () => {
    const factory = new IDBFactory();
    let clock = 0;
    const bytes = storedBytes(sized('a'));
    // room for three cached models
    const cache = new IndexedDbModelCache(factory, MODEL_DB_NAME, 3 * bytes, () => ++clock);
    for (const key of ['a', 'b', 'c']) {
      await cache.put(key, sized(key));
    }
    await cache.put(namedModelKey('mine'), sized('b'));
    expect(await cache.get('a')).toBeDefined(); // a is used again: b is now the least recently used
    await cache.put('d', sized('d'));
    expect(await keysIn(factory, MODEL_STORE)).toEqual(['a', 'c', 'd', 'name:mine']);
    expect(await keysIn(factory, ACCESS_STORE)).toEqual(['a', 'c', 'd']);
    // A model bigger than the whole budget is still kept (the run that made it needs it next refresh).
    const big = { ...sized('e'), artifacts: { weightData: new ArrayBuffer(4 * bytes) } };
    await cache.put('e', big);
    expect(await keysIn(factory, MODEL_STORE)).toEqual(['e', 'name:mine']);
    cache.close();
  });

  it('migrates a version-1 store: its models stay, last used when they were trained, and the oldest goes first', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const open = factory.open(MODEL_DB_NAME, 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore(MODEL_STORE);
        store.put(sized('old', 1_000), 'old');
        store.put(sized('new', 5_000), 'new');
        store.put(sized('named', 0), namedModelKey('kept'));
        store.put(null, 'junk'); // not a model: migrated as the oldest, then evicted first
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const bytes = storedBytes(sized('x'));
    const cache = new IndexedDbModelCache(factory, MODEL_DB_NAME, 2 * bytes, () => 10_000);
    expect((await cache.get('new'))?.meta.fingerprint).toBe('new');
    await cache.put('newest', sized('newest', 9_000));
    expect(await keysIn(factory, MODEL_STORE)).toEqual(['name:kept', 'new', 'newest']);
    cache.close();
  });
});
