import type { SavedModelMeta } from '../api';
import { EngineError } from '../errors';
import { tf } from '../tf';
import { type Expected, type LstmArtifacts, assertCompatible, metaFromArtifacts } from './persist';

export interface StoredModel {
  meta: SavedModelMeta;
  artifacts: unknown;
}

/**
 * Browser-safe persistence through tfjs IO handlers:
 * - `indexeddb://name` (browser / worker),
 * - `http(s)://…/model.json` (load only: any server that serves model.json + weights),
 * - any other tfjs-registered scheme (e.g. `localstorage://`).
 * Node file storage lives in `./fileStore` (it needs fs).
 */
export async function saveModelToUrl(url: string, model: StoredModel): Promise<void> {
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

/** Loads and validates; `expected` (when given) refuses a model that cannot answer the request. */
export async function loadModelFromUrl(url: string, expected?: Expected): Promise<StoredModel> {
  let handler: tf.io.IOHandler | undefined;
  if (/^https?:\/\//.test(url)) {
    handler = tf.io.http(url);
  } else {
    handler = tf.io.getLoadHandlers(url)[0];
  }
  if (!handler?.load) {
    throw new EngineError(`No way to load a model from "${url}" here.`, 'bad_input');
  }
  let artifacts: LstmArtifacts;
  try {
    artifacts = await handler.load();
  } catch (e) {
    throw new EngineError(
      `Could not load model from ${url}: ${e instanceof Error ? e.message : String(e)}`,
      'bad_input'
    );
  }
  return validateStored(artifacts, expected);
}

export function validateStored(loaded: LstmArtifacts, expected?: Expected): StoredModel {
  // Topology and specs are plain JSON; re-creating them drops foreign-realm objects a storage layer
  // may hand back (structured clones from another JS realm break tfjs-layers' instanceof checks).
  const artifacts: LstmArtifacts = {
    ...loaded,
    modelTopology: loaded.modelTopology ? JSON.parse(JSON.stringify(loaded.modelTopology)) : loaded.modelTopology,
    weightSpecs: loaded.weightSpecs ? JSON.parse(JSON.stringify(loaded.weightSpecs)) : loaded.weightSpecs,
    userDefinedMetadata: loaded.userDefinedMetadata
      ? JSON.parse(JSON.stringify(loaded.userDefinedMetadata))
      : undefined,
  };
  const meta = metaFromArtifacts(artifacts);
  if (expected) {
    assertCompatible(meta, expected);
  } else if (!meta) {
    throw new EngineError(
      'Saved model has no Foresight metadata; it was not saved by this engine.',
      'incompatible_model'
    );
  }
  return { meta: meta as SavedModelMeta, artifacts };
}
