import type { SavedModelMeta } from '../api';
import { EngineError } from '../errors';
import { ENGINE_VERSION } from '../version';
import { tf, tfl } from '../tf';

/**
 * Saved LSTM = tfjs ModelArtifacts whose `userDefinedMetadata.foresight` holds SavedModelMeta, so
 * the metadata travels inside model.json through every tfjs IO handler (IndexedDB, files, HTTP).
 */
export type LstmArtifacts = tf.io.ModelArtifacts;

export interface LstmConfig {
  units: number;
  lags: number[];
  seqFeatures: number;
  denseFeatures: number;
}

/** SavedModelMeta plus the network layout needed to rebuild features. */
export interface LstmMeta extends SavedModelMeta {
  lstm: LstmConfig;
}

export async function modelToArtifacts(model: tfl.LayersModel, meta: LstmMeta): Promise<LstmArtifacts> {
  let captured: LstmArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      captured = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    })
  );
  if (!captured) {
    throw new Error('tfjs did not hand over model artifacts');
  }
  return { ...captured, userDefinedMetadata: { foresight: meta as unknown as object } };
}

export function metaFromArtifacts(a: LstmArtifacts): LstmMeta | undefined {
  const m = a.userDefinedMetadata?.foresight as LstmMeta | undefined;
  return m && typeof m === 'object' ? m : undefined;
}

export async function artifactsToModel(a: LstmArtifacts): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(tf.io.fromMemory(a));
}

/** What the current request needs from a saved model. */
export interface Expected {
  stepMs: number;
  horizon: number;
  window?: number;
  lags?: number[];
}

/**
 * Refuses a saved model that cannot answer this request, naming every mismatch:
 * engine version, method, step, horizon, window, seasonal lags, feature counts.
 */
export function assertCompatible(meta: Partial<LstmMeta> | undefined, want: Expected): asserts meta is LstmMeta {
  if (!meta || typeof meta !== 'object') {
    throw new EngineError(
      'Saved model has no Foresight metadata; it was not saved by this engine.',
      'incompatible_model'
    );
  }
  const problems: string[] = [];
  if (meta.engineVersion !== ENGINE_VERSION) {
    problems.push(`engine version ${meta.engineVersion} (this engine is ${ENGINE_VERSION})`);
  }
  if (meta.method !== 'lstm') {
    problems.push(`method ${meta.method} (expected lstm)`);
  }
  if (meta.stepMs !== want.stepMs) {
    problems.push(`step ${meta.stepMs} ms (request uses ${want.stepMs} ms)`);
  }
  if (meta.horizon !== want.horizon) {
    problems.push(`horizon ${meta.horizon} steps (request asks for ${want.horizon})`);
  }
  if (want.window !== undefined && meta.window !== want.window) {
    problems.push(`window ${meta.window} steps (request uses ${want.window})`);
  }
  const cfg = meta.lstm;
  if (!cfg || !Array.isArray(cfg.lags)) {
    problems.push('missing network layout');
  } else {
    if (want.lags && cfg.lags.join(',') !== want.lags.join(',')) {
      problems.push(`seasonal lags [${cfg.lags.join(', ')}] (this history supports [${want.lags.join(', ')}])`);
    }
    const seq = 1 + cfg.lags.length;
    const dense = 2 * cfg.lags.length * (meta.horizon ?? 0) + 1;
    if (cfg.seqFeatures !== seq || cfg.denseFeatures !== dense) {
      problems.push(`feature count ${cfg.seqFeatures}+${cfg.denseFeatures} (expected ${seq}+${dense})`);
    }
  }
  if (!meta.scaler || !(meta.scaler.scale > 0)) {
    problems.push('missing or invalid scaler');
  }
  if (problems.length) {
    throw new EngineError(`Saved model is incompatible: ${problems.join('; ')}. Retrain it.`, 'incompatible_model');
  }
}

/** Artifacts with (updated) metadata embedded, e.g. after the caller filled in report and times. */
export function withMeta(artifacts: unknown, meta: SavedModelMeta): LstmArtifacts {
  const a = artifacts as LstmArtifacts;
  return { ...a, userDefinedMetadata: { ...(a.userDefinedMetadata ?? {}), foresight: meta as unknown as object } };
}
