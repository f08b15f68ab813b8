/** @jest-environment node */
import { IDBFactory } from 'fake-indexeddb';
import type { SavedModelMeta } from '../engine/api';
import { namedModelKey } from '../advisor/ports';
import { IndexedDbModelCache, MODEL_DB_NAME } from './modelCache';
import { savedModelNames } from './savedModelNames';

const model = {
  meta: { fingerprint: 'fs1-x', stepMs: 60_000 } as SavedModelMeta,
  artifacts: { weightData: new Float32Array([1, 2, 3]).buffer },
};

describe('names of the models saved in this browser', () => {
  it('lists each name once, sorted, without cached fingerprints or series suffixes', async () => {
    const factory = new IDBFactory();
    const cache = new IndexedDbModelCache(factory);
    await cache.put('fs1-abc', model);
    await cache.put(namedModelKey('checkout-rps'), model);
    await cache.put(namedModelKey('model-serving {model_name="a"}'), model);
    await cache.put(namedModelKey('model-serving {model_name="b"}'), model);
    await cache.put(namedModelKey('Alpha'), model);
    cache.close();
    expect(await savedModelNames(factory)).toEqual(['Alpha', 'checkout-rps', 'model-serving']);
  });

  it('has none without a database, and does not create one (the worker creates it at its version)', async () => {
    const factory = new IDBFactory();
    expect(await savedModelNames(factory)).toEqual([]);
    const names = (await factory.databases()).map((d) => d.name);
    expect(names).not.toContain(MODEL_DB_NAME);
    expect(await savedModelNames(undefined)).toEqual([]);
  });
});
