/**
 * Which saved model a series starts from, per model mode:
 * - `train`: the cached model for this fingerprint when there is one (fine-tuned on the fresh
 *   window, so a refresh does not train from scratch), else none; the result is cached under its
 *   fingerprint (and the model name, if set).
 * - `auto-retrain`: the cached model for this fingerprint as is, unless older than `maxModelAge`.
 * - `load`: a model saved under a name in this browser (IndexedDB), or published at a URL as tfjs
 *   `model.json` + weights (loaded and validated by the engine inside the worker).
 */
import { namedModelKey, type CachedModel, type ModelCache } from '../worker/modelCache';
import { configError, ForesightError } from './errors';

export type SavedModelSource =
  { savedModel: CachedModel; savedModelUrl?: undefined } | { savedModel?: undefined; savedModelUrl: string };

function isAbsoluteUrl(ref: string): boolean {
  return /^(https?:)?\/\//i.test(ref) || ref.startsWith('/');
}

/** A reference that is a URL rather than a name saved in the browser. */
export function isUrlRef(ref: string): boolean {
  return isAbsoluteUrl(ref) || ref.endsWith('.json');
}

/** `name` → `<base>/name/model.json`; `x.json` → `<base>/x.json`; absolute URLs as they are. */
export function resolveModelUrl(ref: string, baseUrl: string | undefined): string {
  if (isAbsoluteUrl(ref)) {
    return ref;
  }
  if (!baseUrl) {
    throw configError(
      `The saved model "${ref}" is not a full URL and no model base URL is set: set one in the data source settings, or give the full URL.`
    );
  }
  const base = baseUrl.replace(/\/+$/, '');
  return ref.endsWith('.json') ? `${base}/${ref}` : `${base}/${ref}/model.json`;
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

export async function resolveSavedModel(
  ref: string,
  options: { cache: ModelCache; storage: 'indexeddb' | 'url'; baseUrl?: string; stepMs: number }
): Promise<SavedModelSource> {
  const trimmed = ref.trim();
  if (!trimmed) {
    throw new ForesightError('model_not_found', 'Model mode "load" needs a model name or URL.');
  }
  if (options.storage === 'url' || isUrlRef(trimmed)) {
    return { savedModelUrl: resolveModelUrl(trimmed, options.baseUrl) };
  }
  const model = await options.cache.get(namedModelKey(trimmed));
  if (!model) {
    throw new ForesightError(
      'model_not_found',
      `No model is saved in this browser under the name "${trimmed}". Train one first with model mode "train" and this name.`
    );
  }
  return { savedModel: checkCompatible(model, options.stepMs, `"${trimmed}"`) };
}

/** A cached model younger than `maxAgeMs`, or undefined (train again). */
export function freshEnough(model: CachedModel | undefined, nowMs: number, maxAgeMs: number): CachedModel | undefined {
  if (!model) {
    return undefined;
  }
  return nowMs - model.meta.trainedAtMs <= maxAgeMs ? model : undefined;
}
