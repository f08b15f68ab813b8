import type { SavedModel } from '../api';
import { EngineError } from '../errors';
import { tf } from '../tf';
import { type Expected, type LstmArtifacts, type NormalisedModel, normaliseSavedModel } from './persist';
import { type UrlLoadOptions, fetchModelArtifacts } from './urlStore';

/**
 * Browser-safe persistence:
 * - `http(s)://…/model.json` and root-relative `/…/model.json` (load only; `./urlStore`: timeout,
 *   size caps, content type, weight paths kept in the model's folder),
 * - any other tfjs-registered scheme (e.g. `localstorage://`) through tfjs' own handlers.
 * Named models in the data source live in the one `foresight-models` IndexedDB store
 * (`src/worker/modelCache.ts`), not here. Node file storage lives in `./fileStore` (it needs fs).
 * Whatever the source, the result goes through `normaliseSavedModel`, the one load path.
 */
export async function saveModelToUrl(url: string, model: SavedModel): Promise<void> {
  const handlers = tf.io.getSaveHandlers(url);
  if (handlers.length === 0 || !handlers[0].save) {
    throw new EngineError(
      `No way to save a model to "${url}" here (use indexeddb://NAME in a browser, a directory in Node).`,
      'bad_input'
    );
  }
  const a = model.artifacts as LstmArtifacts;
  const withMeta: LstmArtifacts = {
    ...a,
    userDefinedMetadata: { ...(a.userDefinedMetadata ?? {}), foresight: model.meta as unknown as object },
  };
  await handlers[0].save!(withMeta);
}

/** Resolves a root-relative URL (`/models/x/model.json`) against the page (or worker) origin. */
export function absoluteModelUrl(url: string, base: string | undefined = globalThis.location?.href): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    return url;
  }
  if (url.startsWith('/') && base) {
    return new URL(url, base).href;
  }
  if (url.startsWith('/')) {
    throw new EngineError(
      `The model URL "${url}" is relative to a page, and there is no page here to resolve it against; give the full URL (https://…/model.json).`,
      'bad_input'
    );
  }
  throw new EngineError(
    `No way to load a model from "${url}" here: give a URL (https://…/model.json or /path/model.json).`,
    'bad_input'
  );
}

/** Loads and validates; `expected` (when given) refuses a model that cannot answer the request. */
export async function loadModelFromUrl(
  url: string,
  expected?: Expected,
  options?: UrlLoadOptions
): Promise<NormalisedModel> {
  const target = absoluteModelUrl(url);
  let artifacts: LstmArtifacts;
  if (/^https?:\/\//i.test(target)) {
    artifacts = await fetchModelArtifacts(target, options);
  } else {
    const handler = tf.io.getLoadHandlers(target)[0];
    if (!handler?.load) {
      throw new EngineError(`No way to load a model from "${url}" here.`, 'bad_input');
    }
    try {
      artifacts = await handler.load();
    } catch (e) {
      throw new EngineError(
        `Could not load model from ${url}: ${e instanceof Error ? e.message : String(e)}`,
        'bad_input'
      );
    }
  }
  return normaliseSavedModel({ artifacts }, expected);
}

/** Kept for callers of the old name: the same as `normaliseSavedModel` on bare artifacts. */
export function validateStored(loaded: LstmArtifacts, expected?: Expected): NormalisedModel {
  return normaliseSavedModel({ artifacts: loaded }, expected);
}
