/**
 * Which saved model a series starts from, per model mode:
 * - `train`: none (train now); the result is cached under its fingerprint (and the model name, if set).
 * - `auto-retrain`: the cached model for this fingerprint, unless older than `maxModelAge`.
 * - `load`: a model saved under a name (IndexedDB) or published at a URL.
 */
import type { SavedModelMeta } from '../engine/api';
import { namedModelKey, type CachedModel, type ModelCache } from '../worker/modelCache';
import { ForesightError } from './errors';

export type FetchJson = (url: string) => Promise<unknown>;

function isSavedModel(value: unknown): value is CachedModel {
  const v = value as { meta?: Partial<SavedModelMeta>; artifacts?: unknown } | null;
  return !!v && typeof v === 'object' && !!v.meta && typeof v.meta.stepMs === 'number' && typeof v.meta.method === 'string' && 'artifacts' in v;
}

export function isUrl(ref: string): boolean {
  return /^(https?:)?\/\//i.test(ref) || ref.startsWith('/') || ref.endsWith('.json');
}

export function resolveModelUrl(ref: string, baseUrl: string | undefined): string {
  if (/^(https?:)?\/\//i.test(ref) || ref.startsWith('/')) {
    return ref;
  }
  if (!baseUrl) {
    return ref;
  }
  const file = ref.endsWith('.json') ? ref : `${ref}.json`;
  return `${baseUrl.replace(/\/+$/, '')}/${file}`;
}

/** Rejects a saved model that cannot answer this question (other step) before the engine runs. */
export function checkCompatible(model: CachedModel, stepMs: number, source: string): CachedModel {
  if (model.meta.stepMs !== stepMs) {
    throw new ForesightError(
      'incompatible_model',
      `The saved model ${source} was trained at a ${model.meta.stepMs / 1000}s step but this query uses ${stepMs / 1000}s. ` +
        'Set the training step to match, or train a new model.'
    );
  }
  return model;
}

export async function loadNamedModel(
  ref: string,
  options: { cache: ModelCache; storage: 'indexeddb' | 'url'; baseUrl?: string; fetchJson: FetchJson; stepMs: number }
): Promise<CachedModel> {
  const trimmed = ref.trim();
  if (!trimmed) {
    throw new ForesightError('model_not_found', 'Model mode "load" needs a model name or URL.');
  }
  if (options.storage === 'url' || isUrl(trimmed)) {
    const url = resolveModelUrl(trimmed, options.baseUrl);
    let body: unknown;
    try {
      body = await options.fetchJson(url);
    } catch (err) {
      throw new ForesightError('model_not_found', `Could not load the saved model from ${url}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!isSavedModel(body)) {
      throw new ForesightError('incompatible_model', `${url} is not a Foresight saved model (expected { meta, artifacts } as the engine saves it).`);
    }
    return checkCompatible(body, options.stepMs, `"${trimmed}"`);
  }
  const model = await options.cache.get(namedModelKey(trimmed));
  if (!model) {
    throw new ForesightError('model_not_found', `No model is saved in this browser under the name "${trimmed}". Train one first with model mode "train" and this name.`);
  }
  return checkCompatible(model, options.stepMs, `"${trimmed}"`);
}

/** A cached model younger than `maxAgeMs`, or undefined (train again). */
export function freshEnough(model: CachedModel | undefined, nowMs: number, maxAgeMs: number): CachedModel | undefined {
  if (!model) {
    return undefined;
  }
  return nowMs - model.meta.trainedAtMs <= maxAgeMs ? model : undefined;
}
