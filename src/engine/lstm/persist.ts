import type { SavedModel, SavedModelMeta } from '../api';
import { formatDuration } from '../../common/duration';
import { EngineError } from '../errors';
import { validationLength } from '../requirements';
import { dailySeasonSteps } from '../seasons';
import { ENGINE_VERSION } from '../version';
import { tf, tfl } from '../tf';
import { BASE_HORIZON } from './baseModelFeatures';
import { minOrigin } from './features';
import { type WeightSpec, assertModelBounded, assertWeightsFinite } from './modelBounds';

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

/** A saved model after the one load path: plain JSON, this realm's ArrayBuffer, bounded, with metadata. */
export interface NormalisedModel extends SavedModel {
  meta: LstmMeta;
  artifacts: LstmArtifacts & { weightData: ArrayBuffer };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * JSON round trip: drops `undefined`-valued keys (a structured clone read back from IndexedDB
 * keeps them, and tfjs-layers refuses such metadata: "User-defined metadata is expected to be a
 * JSON object, but is not"), functions and foreign-realm prototypes (tfjs' instanceof checks).
 */
function jsonClean<T>(x: T, what: string): T {
  if (x === undefined) {
    return x;
  }
  try {
    return JSON.parse(JSON.stringify(x)) as T;
  } catch (e) {
    throw new EngineError(
      `Refusing the saved model: its ${what} is not plain JSON (${e instanceof Error ? e.message : String(e)}).`,
      'bad_input'
    );
  }
}

function isArrayBufferLike(x: unknown): x is ArrayBuffer {
  // instanceof fails for buffers from another realm (a worker, an iframe, fake-indexeddb's clone).
  return Object.prototype.toString.call(x) === '[object ArrayBuffer]';
}

/** The weight data as one ArrayBuffer of this realm, whatever a storage layer handed back. */
function weightBuffer(data: unknown): ArrayBuffer {
  const parts: Uint8Array[] = [];
  const add = (p: unknown) => {
    if (isArrayBufferLike(p)) {
      parts.push(new Uint8Array(p));
    } else if (ArrayBuffer.isView(p)) {
      parts.push(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    } else {
      throw new EngineError('Refusing the saved model: its weight data is not binary.', 'bad_input');
    }
  };
  if (data === undefined || data === null) {
    return new ArrayBuffer(0);
  }
  if (Array.isArray(data)) {
    data.forEach(add);
  } else {
    add(data);
  }
  if (parts.length === 1 && data instanceof ArrayBuffer) {
    return data;
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out.buffer;
}

/**
 * The one load path every saved model takes (IndexedDB cache, named model, URL, file) before
 * tfjs sees it: JSON-cleans topology, manifest and metadata, joins the weights into one buffer,
 * bounds the network (`modelBounds`) and checks the metadata against the request when `expected`
 * is given. Throws EngineError with a sentence a user can act on.
 */
export function normaliseSavedModel(raw: unknown, expected?: Expected): NormalisedModel {
  if (!isRecord(raw) || !isRecord(raw.artifacts)) {
    throw new EngineError(
      `Refusing the saved model: it is ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}, not a { meta, artifacts } object.`,
      'bad_input'
    );
  }
  const loaded = raw.artifacts as LstmArtifacts;
  const weightData = weightBuffer(loaded.weightData);
  const modelTopology = jsonClean(loaded.modelTopology, 'topology');
  const weightSpecs = jsonClean(loaded.weightSpecs, 'weights manifest');
  assertModelBounded(modelTopology, weightSpecs, weightData.byteLength);
  assertWeightsFinite(weightSpecs as WeightSpec[], weightData);
  const udm = jsonClean(isRecord(loaded.userDefinedMetadata) ? loaded.userDefinedMetadata : {}, 'metadata');
  const candidate = isRecord(raw.meta) ? raw.meta : udm.foresight;
  const meta = jsonClean(isRecord(candidate) ? (candidate as Partial<LstmMeta>) : undefined, 'metadata');
  if (expected) {
    assertCompatible(meta, expected);
  } else if (!meta) {
    throw new EngineError(
      'Saved model has no Foresight metadata; it was not saved by this engine.',
      'incompatible_model'
    );
  }
  const artifacts: NormalisedModel['artifacts'] = {
    modelTopology,
    weightSpecs,
    weightData,
    format: typeof loaded.format === 'string' ? loaded.format : undefined,
    generatedBy: typeof loaded.generatedBy === 'string' ? loaded.generatedBy : undefined,
    convertedBy: typeof loaded.convertedBy === 'string' ? loaded.convertedBy : undefined,
    trainingConfig: jsonClean(loaded.trainingConfig, 'training config'),
    userDefinedMetadata: { ...udm, foresight: meta as object },
  };
  return { meta: meta as LstmMeta, artifacts: dropUndefined(artifacts) };
}

function dropUndefined<T extends object>(x: T): T {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as T;
}

/** Builds the network of a saved model; the only call of tfl.loadLayersModel in the project. */
export async function loadNetwork(saved: unknown): Promise<tfl.LayersModel> {
  const { artifacts } = normaliseSavedModel(saved);
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts));
}

/**
 * Refuses a saved model whose inputs reach further back than the data does: without this check
 * its seasonal inputs read before the first sample and every forecast is NaN.
 * `points`: the series length; `beforeValidation`: the index where validation origins start.
 */
export function assertHistoryCovers(
  meta: LstmMeta,
  have: { points: number; beforeValidation: number; stepMs: number }
): void {
  const { stepMs } = have;
  const lags = meta.lstm.lags;
  const need = minOrigin({ window: meta.window, horizon: meta.horizon, lags });
  if (have.beforeValidation >= need) {
    return;
  }
  let n = have.points + (need - have.beforeValidation);
  while (n - validationLength(n, meta.horizon, stepMs) < need) {
    n++;
  }
  const maxLag = lags.length ? Math.max(...lags) : 0;
  const day = dailySeasonSteps(stepMs);
  const lagName =
    maxLag === 7 * day && day > 0 ? 'weekly lag' : maxLag === day && day > 0 ? 'daily lag' : 'seasonal lag';
  const unit = n * stepMs >= 86_400_000 ? 86_400_000 : 3_600_000;
  const widen = Math.ceil((n * stepMs) / unit) * unit;
  const lookBack = lags.length
    ? `${formatDuration(maxLag * stepMs)} (${lagName}) plus a ${formatDuration(meta.window * stepMs)} window`
    : `a ${formatDuration(meta.window * stepMs)} window`;
  throw new EngineError(
    `This model looks back ${lookBack}, but the data covers ${formatDuration(have.points * stepMs)}; widen the training window to ${formatDuration(widen)} or retrain the model.`,
    'incompatible_model'
  );
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
    // A copy of the base model (`train` and the dashboards save one fine-tuned from it) keeps the
    // base's outputs and answers the first `horizon` of them.
    const outputs = isBaseCopy(meta) ? BASE_HORIZON : (meta.horizon ?? 0);
    const dense = 2 * cfg.lags.length * outputs + 1;
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

/** Whether a saved model's metadata is the base model's (`baseModel.ts` `BaseModelMeta`): the base or a fine-tuned copy. */
export function isBaseCopy(meta: object | undefined): boolean {
  const base = (meta as { base?: { kind?: unknown } } | undefined)?.base;
  return typeof base === 'object' && base !== null && base.kind === 'foresight-base';
}

/** Artifacts with (updated) metadata embedded, e.g. after the caller filled in report and times. */
export function withMeta(artifacts: unknown, meta: SavedModelMeta): LstmArtifacts {
  const a = artifacts as LstmArtifacts;
  return { ...a, userDefinedMetadata: { ...(a.userDefinedMetadata ?? {}), foresight: meta as unknown as object } };
}
