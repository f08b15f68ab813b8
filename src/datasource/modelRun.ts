/**
 * Runs one series' forecast under the query's model mode, using and filling the model cache:
 * - `train`: warm-starts from the cached model for this fingerprint (fine-tuned on the fresh window),
 *   so a dashboard refresh does not train from scratch; an incompatible cached model is dropped.
 * - `auto-retrain`: reuses the cached model as is while it is young and still beats the bar.
 * - `load`: starts from a model saved under a name or published at a URL (optionally fine-tuned).
 */
import type { ForesightRunInfo } from '../contract/frames';
import type { CachedModel, ModelCache } from '../worker/modelCache';
import type { WorkerForecastRequest } from '../worker/protocol';
import type { ForecastRunner, RunOptions, RunResult } from '../worker/runner';
import { parseDurationMs } from './duration';
import { toForesightError } from './errors';
import { freshEnough, resolveSavedModel } from './models';
import type { ForesightQuery, ModelStorage } from './types';

/** `fine-tuned` is reported to the panel as `model: 'trained'` with `warmStart: true`. */
export type ModelOrigin = ForesightRunInfo['model'] | 'fine-tuned';

export interface ModelRunInput {
  query: ForesightQuery;
  /** The request without any saved model. */
  request: WorkerForecastRequest;
  fingerprint: string;
  /** Cache key of the user's model name for this series, when the query names one. */
  nameKey?: string;
  /** The name to load in `load` mode (per series when the query returns several). */
  loadRef?: string;
  nowMs: number;
  cache: ModelCache;
  runner: ForecastRunner;
  storage: ModelStorage;
  baseUrl?: string;
  options: RunOptions;
}

async function cached(cache: ModelCache, key: string): Promise<CachedModel | undefined> {
  // A broken cache (private mode, quota) only costs a retrain.
  return cache.get(key).catch(() => undefined);
}

async function trainOrWarmStart(input: ModelRunInput): Promise<{ result: RunResult; origin: ModelOrigin }> {
  const { runner, request, options, cache, fingerprint } = input;
  const previous = await cached(cache, fingerprint);
  if (previous) {
    try {
      return {
        result: await runner.run({ ...request, savedModel: previous, fineTune: true }, options),
        origin: 'fine-tuned',
      };
    } catch (err) {
      if (toForesightError(err).kind !== 'incompatible_model') {
        throw err;
      }
      // Saved by an older engine or another layout: forget it and train afresh.
      await cache.delete(fingerprint).catch(() => undefined);
    }
  }
  return { result: await runner.run(request, options), origin: 'trained' };
}

async function choose(input: ModelRunInput): Promise<{ result: RunResult; origin: ModelOrigin }> {
  const { query, runner, request, options } = input;
  if (query.modelMode === 'load') {
    const source = await resolveSavedModel(input.loadRef ?? query.modelRef ?? '', {
      cache: input.cache,
      storage: input.storage,
      baseUrl: input.baseUrl,
      stepMs: request.stepMs,
    });
    return { result: await runner.run({ ...request, ...source, fineTune: query.fineTune }, options), origin: 'loaded' };
  }
  if (query.modelMode === 'auto-retrain') {
    const maxAgeMs = parseDurationMs(query.maxModelAge ?? '1d', 'maximum model age');
    const reusable = freshEnough(await cached(input.cache, input.fingerprint), input.nowMs, maxAgeMs);
    if (reusable) {
      const result = await runner.run({ ...request, savedModel: reusable }, options);
      // Accuracy on the fresh window fell below the bar: retrain from scratch once.
      if (!(result.outcome.report.relMaeVsSeasonalNaive > (query.maxRelMae ?? 1))) {
        return { result, origin: 'cache' };
      }
    }
    return { result: await runner.run(request, options), origin: 'trained' };
  }
  return trainOrWarmStart(input);
}

export async function runWithModelMode(input: ModelRunInput): Promise<{ result: RunResult; origin: ModelOrigin }> {
  const chosen = await choose(input);
  const model = chosen.result.outcome.model;
  const learned =
    chosen.origin === 'trained' ||
    chosen.origin === 'fine-tuned' ||
    (chosen.origin === 'loaded' && input.query.fineTune);
  if (model && learned) {
    await input.cache.put(input.fingerprint, model).catch(() => undefined);
    if (input.nameKey && input.query.modelMode !== 'load') {
      await input.cache.put(input.nameKey, model).catch(() => undefined);
    }
  }
  return chosen;
}
