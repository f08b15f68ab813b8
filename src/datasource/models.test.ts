import type { SavedModelMeta } from '../engine/api';
import { MemoryModelCache, namedModelKey } from '../worker/modelCache';
import { checkCompatible, freshEnough, loadNamedModel, resolveModelUrl } from './models';

const meta = { stepMs: 60_000, method: 'lstm', trainedAtMs: 1_000 } as SavedModelMeta;
const model = { meta, artifacts: { weights: [1] } };

describe('saved models', () => {
  it('resolves names against the base URL', () => {
    expect(resolveModelUrl('checkout', 'https://m.example/models/')).toBe('https://m.example/models/checkout.json');
    expect(resolveModelUrl('https://x/y.json', 'https://m')).toBe('https://x/y.json');
  });

  it('loads by name from the browser cache, or says it is missing', async () => {
    const cache = new MemoryModelCache();
    await cache.put(namedModelKey('api'), model);
    const opts = { cache, storage: 'indexeddb' as const, fetchJson: jest.fn(), stepMs: 60_000 };
    await expect(loadNamedModel('api', opts)).resolves.toBe(model);
    await expect(loadNamedModel('nope', opts)).rejects.toMatchObject({ kind: 'model_not_found' });
    await expect(loadNamedModel('', opts)).rejects.toThrow(/needs a model name or URL/);
  });

  it('loads from a URL and rejects files that are not saved models', async () => {
    const cache = new MemoryModelCache();
    const fetchJson = jest.fn(async (url: string) => (url.endsWith('good.json') ? model : { hello: 1 }));
    const opts = { cache, storage: 'url' as const, baseUrl: 'https://m', fetchJson, stepMs: 60_000 };
    await expect(loadNamedModel('good', opts)).resolves.toEqual(model);
    expect(fetchJson).toHaveBeenCalledWith('https://m/good.json');
    await expect(loadNamedModel('bad', opts)).rejects.toMatchObject({ kind: 'incompatible_model' });
    const failing = { ...opts, fetchJson: async () => Promise.reject(new Error('HTTP 404 Not Found')) };
    await expect(loadNamedModel('gone', failing)).rejects.toThrow('Could not load the saved model from https://m/gone.json: HTTP 404 Not Found');
  });

  it('rejects a model trained at another step', () => {
    expect(() => checkCompatible(model, 300_000, '"api"')).toThrow(/trained at a 60s step but this query uses 300s/);
  });

  it('reuses a cached model only while it is young enough', () => {
    expect(freshEnough(model, 1_000 + 500, 1_000)).toBe(model);
    expect(freshEnough(model, 1_000 + 5_000, 1_000)).toBeUndefined();
    expect(freshEnough(undefined, 0, 1)).toBeUndefined();
  });
});
