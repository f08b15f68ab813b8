import type { SavedModelMeta } from '../engine/api';
import { MemoryModelCache } from './memoryModelCache';
import { namedModelKey } from './ports';
import { checkCompatible, freshEnough, resolveModelUrl, resolveSavedModel } from './models';

const meta = { stepMs: 60_000, method: 'lstm', trainedAtMs: 1_000 } as SavedModelMeta;
const model = { meta, artifacts: { weights: [1] } };

describe('saved models', () => {
  it('resolves names against the base URL (tfjs layout: name/model.json)', () => {
    expect(resolveModelUrl('checkout', 'https://m.example/models/')).toBe(
      'https://m.example/models/checkout/model.json'
    );
    expect(resolveModelUrl('v2/model.json', 'https://m')).toBe('https://m/v2/model.json');
    expect(resolveModelUrl('https://x/y/model.json', undefined)).toBe('https://x/y/model.json');
    expect(() => resolveModelUrl('checkout', undefined)).toThrow(/no model base URL is set/);
  });

  it('loads by name from the browser cache, or says it is missing', async () => {
    const cache = new MemoryModelCache();
    await cache.put(namedModelKey('api'), model);
    const opts = { cache, storage: 'indexeddb' as const, stepMs: 60_000 };
    await expect(resolveSavedModel('api', opts)).resolves.toEqual({ savedModel: model });
    await expect(resolveSavedModel('nope', opts)).rejects.toMatchObject({ kind: 'model_not_found' });
    await expect(resolveSavedModel('', opts)).rejects.toThrow(/needs a model name or URL/);
  });

  it('hands URLs to the worker to load, for URL storage or a URL reference', async () => {
    const cache = new MemoryModelCache();
    await expect(
      resolveSavedModel('good', { cache, storage: 'url', baseUrl: 'https://m', stepMs: 60_000 })
    ).resolves.toEqual({
      savedModelUrl: 'https://m/good/model.json',
    });
    await expect(
      resolveSavedModel('https://x/model.json', { cache, storage: 'indexeddb', stepMs: 60_000 })
    ).resolves.toEqual({
      savedModelUrl: 'https://x/model.json',
    });
  });

  it('resolves root-relative model URLs against the page, not the worker (issue 13 item 8)', async () => {
    const page = 'http://grafana.local:3000/d/predictive?orgId=1';
    expect(resolveModelUrl('/models/elb/model.json', undefined, page)).toBe(
      'http://grafana.local:3000/models/elb/model.json'
    );
    expect(resolveModelUrl('elb', '/models', page)).toBe('http://grafana.local:3000/models/elb/model.json');
    const cache = new MemoryModelCache();
    await expect(
      resolveSavedModel('/models/elb/model.json', { cache, storage: 'indexeddb', stepMs: 60_000, pageUrl: page })
    ).resolves.toEqual({ savedModelUrl: 'http://grafana.local:3000/models/elb/model.json' });
  });

  it('reads tfjs-style indexeddb://NAME references from the one Foresight store', async () => {
    const cache = new MemoryModelCache();
    await cache.put(namedModelKey('api'), model);
    await expect(
      resolveSavedModel('indexeddb://api', { cache, storage: 'indexeddb', stepMs: 60_000 })
    ).resolves.toEqual({ savedModel: model });
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
