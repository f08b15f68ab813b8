/**
 * Which saved model a series starts from, per model mode:
 * - `train`: the cached model for this fingerprint when there is one (fine-tuned on the fresh
 *   window, so a refresh does not train from scratch), else none; the result is cached under its
 *   fingerprint (and the model name, if set).
 * - `auto-retrain`: the cached model for this fingerprint as is, unless older than `maxModelAge`.
 * - `load`: a model saved under a name in this browser (the one `foresight-models` IndexedDB store,
 *   `indexeddb://NAME` accepted as NAME), or published at a URL as tfjs `model.json` + weights
 *   (loaded and validated by the engine inside the worker; root-relative URLs resolved here
 *   against the page, because the worker would resolve them against its own script).
 */
import type { SavedModel } from '../engine/api';
import { namedModelKey, type ModelCache } from './ports';
import { configError, ForesightError } from './errors';

export type SavedModelSource =
  { savedModel: SavedModel; savedModelUrl?: undefined } | { savedModel?: undefined; savedModelUrl: string };

/** tfjs' own scheme for browser models; named models now live in the one Foresight store. */
const TFJS_IDB_PREFIX = 'indexeddb://';

function isAbsoluteUrl(ref: string): boolean {
  return /^(https?:)?\/\//i.test(ref) || ref.startsWith('/');
}

/** Makes `/models/x/model.json` (and `//host/…`) absolute against the page; full URLs stay as they are. */
export function absoluteToPage(url: string, pageUrl: string | undefined): string {
  if (!url.startsWith('/') || !pageUrl) {
    return url;
  }
  return new URL(url, pageUrl).href;
}

/** A reference that is a URL rather than a name saved in the browser. */
export function isUrlRef(ref: string): boolean {
  return isAbsoluteUrl(ref) || ref.endsWith('.json');
}

/**
 * `name` → `<base>/name/model.json`; `x.json` → `<base>/x.json`; full URLs as they are;
 * root-relative ones (`/models/x/model.json`, or under a root-relative base) against the page.
 */
export function resolveModelUrl(
  ref: string,
  baseUrl: string | undefined,
  pageUrl: string | undefined = globalThis.location?.href
): string {
  if (isAbsoluteUrl(ref)) {
    return absoluteToPage(ref, pageUrl);
  }
  if (!baseUrl) {
    throw configError(
      `The saved model "${ref}" is not a full URL and no model base URL is set: set one in the data source settings, or give the full URL.`
    );
  }
  const base = baseUrl.replace(/\/+$/, '');
  return absoluteToPage(ref.endsWith('.json') ? `${base}/${ref}` : `${base}/${ref}/model.json`, pageUrl);
}

/** Rejects a saved model that cannot answer this question (other step) before the engine runs. */
export function checkCompatible(model: SavedModel, stepMs: number, source: string): SavedModel {
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
  options: { cache: ModelCache; storage: 'indexeddb' | 'url'; baseUrl?: string; stepMs: number; pageUrl?: string }
): Promise<SavedModelSource> {
  let trimmed = ref.trim();
  if (trimmed.toLowerCase().startsWith(TFJS_IDB_PREFIX)) {
    trimmed = trimmed.slice(TFJS_IDB_PREFIX.length).trim();
  }
  if (!trimmed) {
    throw new ForesightError('model_not_found', 'Model mode "load" needs a model name or URL.');
  }
  if (options.storage === 'url' || isUrlRef(trimmed)) {
    return { savedModelUrl: resolveModelUrl(trimmed, options.baseUrl, options.pageUrl ?? globalThis.location?.href) };
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
export function freshEnough(model: SavedModel | undefined, nowMs: number, maxAgeMs: number): SavedModel | undefined {
  if (!model) {
    return undefined;
  }
  return nowMs - model.meta.trainedAtMs <= maxAgeMs ? model : undefined;
}
