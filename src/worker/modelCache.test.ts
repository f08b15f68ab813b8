/** @jest-environment node */
import { IDBFactory } from 'fake-indexeddb';
import type { SavedModelMeta } from '../engine/api';
import { MemoryModelCache } from '../advisor/memoryModelCache';
import { createModelCache, IndexedDbModelCache } from './modelCache';
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
