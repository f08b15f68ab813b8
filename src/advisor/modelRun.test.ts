import type { ForecastOutcome, SavedModelMeta } from '../engine/api';
import { MemoryModelCache } from './memoryModelCache';
import { namedModelKey, type ForecastRunner, type RunnerRequest } from './ports';
import { quickAnswerNeed, runWithModelMode, type ModelRunInput } from './modelRun';
import { withSpecDefaults, type ForecastSpec } from './spec';

const NOW = 1_000_000;

function fakeRunner(opts: { relMae?: number; rejectSaved?: boolean } = {}) {
  const calls: RunnerRequest[] = [];
  const runner: ForecastRunner = {
    mode: 'worker',
    dispose: () => undefined,
    run: async (req) => {
      calls.push(req);
      if (opts.rejectSaved && req.savedModel) {
        throw Object.assign(new Error('Saved model is incompatible: engine version 0.0.1. Retrain it.'), {
          name: 'EngineError',
          code: 'incompatible_model',
        });
      }
      const outcome = {
        forecast: {},
        report: { relMaeVsSeasonalNaive: opts.relMae ?? 0.5 },
        model: {
          meta: { stepMs: req.stepMs, trainedAtMs: NOW, fingerprint: req.fingerprint } as SavedModelMeta,
          artifacts: { n: calls.length },
        },
      } as unknown as ForecastOutcome;
      return { outcome, backend: 'wasm' };
    },
  };
  return { runner, calls };
}

function input(query: Partial<ForecastSpec>, runner: ForecastRunner, cache = new MemoryModelCache()): ModelRunInput {
  return {
    query: withSpecDefaults({ refId: 'A', expr: 'x', ...query }),
    request: { series: { times: [1], values: [1] }, stepMs: 60_000, horizon: 60, method: 'auto', fingerprint: 'fp' },
    fingerprint: 'fp',
    nameKey: query.modelRef ? namedModelKey(query.modelRef) : undefined,
    nowMs: NOW,
    cache,
    runner,
    storage: 'indexeddb',
    options: {},
  };
}

describe('runWithModelMode', () => {
  it('reads the cached model once per run, whether a quick answer was asked about first or not', async () => {
    const { runner } = fakeRunner();
    const cache = new MemoryModelCache();
    await runWithModelMode(input({}, runner, cache));
    const get = jest.spyOn(cache, 'get');
    const run = input({}, runner, cache);
    expect(await quickAnswerNeed(run)).toBe('cached');
    expect((await runWithModelMode(run)).origin).toBe('cache');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('train: trains and caches; a refresh reuses the young cached model as is, an old one is fine-tuned', async () => {
    const { runner, calls } = fakeRunner();
    const cache = new MemoryModelCache();
    expect((await runWithModelMode(input({ modelRef: 'api' }, runner, cache))).origin).toBe('trained');
    expect(await cache.get('fp')).toBeDefined();
    expect(await cache.get(namedModelKey('api'))).toBeDefined();
    const again = await runWithModelMode(input({}, runner, cache));
    expect(again).toMatchObject({ origin: 'cache', modelTrainedAtMs: NOW, notes: [] });
    expect(calls[1]).toMatchObject({ savedModel: { artifacts: { n: 1 } } });
    expect(calls[1].fineTune).toBeUndefined();

    const later = { ...input({ maxModelAge: '1h' }, runner, cache), nowMs: NOW + 2 * 3_600_000 };
    expect((await runWithModelMode(later)).origin).toBe('fine-tuned');
    expect(calls[2]).toMatchObject({ fineTune: true, savedModel: { artifacts: { n: 1 } } });
  });

  it('train: a name given while the young cached model answers saves that model under the name, once', async () => {
    const { runner } = fakeRunner();
    const cache = new MemoryModelCache();
    await runWithModelMode(input({}, runner, cache));
    const named = await runWithModelMode(input({ modelRef: 'api' }, runner, cache));
    expect(named.origin).toBe('cache');
    expect(await cache.get(namedModelKey('api'))).toMatchObject({ artifacts: { n: 1 } });
    const put = jest.spyOn(cache, 'put');
    await runWithModelMode(input({ modelRef: 'api' }, runner, cache));
    expect(put).not.toHaveBeenCalled();
  });

  it('train: a cached model the engine could not use (LSTM skipped) is dropped, retrained, and said', async () => {
    const calls: RunnerRequest[] = [];
    const runner: ForecastRunner = {
      mode: 'worker',
      dispose: () => undefined,
      run: async (req) => {
        calls.push(req);
        const skipped = req.savedModel
          ? [{ method: 'lstm', reason: 'User-defined metadata is expected to be a JSON object' }]
          : [];
        const outcome = {
          forecast: {},
          report: { relMaeVsSeasonalNaive: 0.5, skipped, trainedAtMs: NOW },
          model: req.savedModel
            ? undefined
            : { meta: { trainedAtMs: NOW } as SavedModelMeta, artifacts: { fresh: true } },
        } as unknown as ForecastOutcome;
        return { outcome, backend: 'wasm' };
      },
    };
    const cache = new MemoryModelCache();
    await cache.put('fp', { meta: { stepMs: 60_000, trainedAtMs: NOW - 1_000 } as SavedModelMeta, artifacts: {} });
    const out = await runWithModelMode(input({}, runner, cache));
    expect(out.origin).toBe('trained');
    expect(out.notes[0]).toMatch(/cached model could not be used \(User-defined metadata/);
    expect(calls.map((c) => !!c.savedModel)).toEqual([true, false]);
    expect((await cache.get('fp'))?.artifacts).toEqual({ fresh: true });
  });

  it('train: drops an incompatible cached model and trains afresh', async () => {
    const { runner, calls } = fakeRunner({ rejectSaved: true });
    const cache = new MemoryModelCache();
    await cache.put('fp', { meta: { stepMs: 60_000, trainedAtMs: NOW } as SavedModelMeta, artifacts: {} });
    expect((await runWithModelMode(input({}, runner, cache))).origin).toBe('trained');
    expect(calls).toHaveLength(2);
    expect(calls[1].savedModel).toBeUndefined();
    expect((await cache.get('fp'))?.artifacts).toEqual({ n: 2 });
  });

  it('auto-retrain: reuses a young model as is, retrains when it is old or no longer accurate', async () => {
    const cache = new MemoryModelCache();
    await cache.put('fp', { meta: { stepMs: 60_000, trainedAtMs: NOW - 1_000 } as SavedModelMeta, artifacts: {} });
    const good = fakeRunner({ relMae: 0.5 });
    expect((await runWithModelMode(input({ modelMode: 'auto-retrain' }, good.runner, cache))).origin).toBe('cache');
    expect(good.calls[0].fineTune).toBeUndefined();

    const worse = fakeRunner({ relMae: 1.4 });
    expect(
      (await runWithModelMode(input({ modelMode: 'auto-retrain', maxRelMae: 1 }, worse.runner, cache))).origin
    ).toBe('trained');
    expect(worse.calls.map((c) => !!c.savedModel)).toEqual([true, false]);

    const old = new MemoryModelCache();
    await old.put('fp', {
      meta: { stepMs: 60_000, trainedAtMs: NOW - 2 * 86_400_000 } as SavedModelMeta,
      artifacts: {},
    });
    const fresh = fakeRunner();
    expect(
      (await runWithModelMode(input({ modelMode: 'auto-retrain', maxModelAge: '1d' }, fresh.runner, old))).origin
    ).toBe('trained');
    expect(fresh.calls[0].savedModel).toBeUndefined();
  });

  it('load: passes a URL for the worker to load, with fine-tuning when asked', async () => {
    const { runner, calls } = fakeRunner();
    const run = input({ modelMode: 'load', modelRef: 'checkout', fineTune: true }, runner);
    const out = await runWithModelMode({ ...run, storage: 'url', baseUrl: 'https://models.example/foresight' });
    expect(out.origin).toBe('loaded');
    expect(calls[0]).toMatchObject({
      savedModelUrl: 'https://models.example/foresight/checkout/model.json',
      fineTune: true,
    });
  });
});
