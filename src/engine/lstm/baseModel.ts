/**
 * The shipped base model: one LSTM pretrained on many series (`pretrain.ts`), used zero-shot
 * (`lstm_base`: no training, a forecast as soon as data arrives) and as the warm start of a
 * per-series fine-tune. Loaded only through the engine's one load path (`normaliseSavedModel`).
 *
 * Engine API for front doors (worker, CLI, bench):
 * - `setBaseModelSource(() => Promise<SavedModel-like>)` once at start-up (Node: `selectShippedBaseModel`
 *   in `baseModelNode.ts`; browser: a loader fetching `…/engine/lstm/base/model.json` via `loadModelFromUrl`);
 * - `getBaseModel()` → the loaded model (cached) or undefined when no source is set;
 * - `forecastMany(model, series[], horizon)` → one point forecast per series in one batched pass;
 * - `fineTuneBase(model, series, opts)` → a per-series copy, warm-started from the base.
 */
import { EngineError } from '../errors';
import { tf, type tfl } from '../tf';
import {
  BASE_DENSE_FEATURES,
  BASE_FEATURES,
  BASE_HORIZON,
  BASE_SEQ_FEATURES,
  BASE_STEP_MS,
  BASE_WINDOW,
  type BaseSeries,
  baseMinOrigin,
  baseSpec,
  buildBaseBatch,
} from './baseModelFeatures';
import { clipToEnvelope, firstNegative } from './envelope';
export { toBaseSeries, type BaseSeries } from './baseModelFeatures';
export { fineTuneBase, FINE_TUNE_DEFAULTS, type FineTuneOptions } from './baseModelFineTune';
import { type LstmMeta, assertCompatible, loadNetwork, normaliseSavedModel } from './persist';

/** One series of the pretraining corpus, as listed in the model's metadata and printed. */
export interface CorpusEntry {
  series: string;
  points: number;
  stepSeconds: number;
  /** Points used for training (CSV series: the backtest test region is held out). */
  trainedPoints: number;
}

export interface BaseModelInfo {
  kind: 'foresight-base';
  features: string;
  window: number;
  horizon: number;
  seed: number;
  epochs: number;
  samplesPerEpoch: number;
  units: number;
  corpus: CorpusEntry[];
  valLossStart: number;
  valLossBest: number;
  /** Set on a per-series copy fine-tuned from the base (`baseModelFitter.ts`). */
  fineTuned?: boolean;
}

export interface BaseModelMeta extends LstmMeta {
  base: BaseModelInfo;
}

export interface BaseModel {
  meta: BaseModelMeta;
  network: tfl.LayersModel;
  dispose(): void;
}

/**
 * Through the one load path, checked against the base grid; refuses a model with other features.
 * `stepMs`: the shipped base is stored at 5 minutes; a fine-tuned copy at the step it was tuned for.
 */
export async function loadBaseModel(raw: unknown, stepMs = BASE_STEP_MS): Promise<BaseModel> {
  const normalised = normaliseSavedModel(raw);
  const meta = normalised.meta as Partial<BaseModelMeta>;
  if (!meta.base || meta.base.kind !== 'foresight-base' || meta.base.features !== BASE_FEATURES) {
    throw new EngineError(
      `This is not a Foresight base model for features "${BASE_FEATURES}" (found ${meta.base?.features ?? 'none'}); rerun pretrain.`,
      'incompatible_model'
    );
  }
  // A fine-tuned copy records the horizon its user asked for; its network keeps the base's outputs.
  assertCompatible({ ...meta, horizon: BASE_HORIZON }, { stepMs, horizon: BASE_HORIZON, window: BASE_WINDOW });
  const network = await loadNetwork(normalised);
  return { meta: meta as BaseModelMeta, network, dispose: () => network.dispose() };
}

let source: (() => Promise<unknown>) | undefined;
let loaded: Promise<BaseModel> | undefined;

/** Where the base model comes from; replaces (and disposes) any model loaded before. */
export function setBaseModelSource(load: (() => Promise<unknown>) | undefined): void {
  releaseBaseModel();
  source = load;
}

/** Whether `load` is the source in use (a runner selecting the same one again keeps the loaded model). */
export function isBaseModelSource(load: () => Promise<unknown>): boolean {
  return source === load;
}

/** Whether a base model source is set (then `lstm_base` joins `auto`, and `lstm` starts from the base). */
export function hasBaseModelSource(): boolean {
  return source !== undefined;
}

/** The base model, loaded once; undefined when no source was set. A failed load is retried next call. */
export async function getBaseModel(): Promise<BaseModel | undefined> {
  if (!source) {
    return undefined;
  }
  const load = source;
  loaded ??= load().then((raw) => loadBaseModel(raw));
  try {
    return await loaded;
  } catch (e) {
    loaded = undefined;
    // Whatever stopped it (a 404, a network error, a bad file) is said in words: lstm_base is then
    // skipped with this reason and lstm trains from scratch with a note (`baseModelFitter.ts`).
    if (e instanceof EngineError) {
      throw e;
    }
    throw new EngineError(
      `the base model could not be loaded (${e instanceof Error ? e.message : String(e)})`,
      'unavailable'
    );
  }
}

/** Frees the cached network (its tensors live until then). */
export function releaseBaseModel(): void {
  const p = loaded;
  loaded = undefined;
  p?.then((m) => m.dispose()).catch(() => undefined);
}

/**
 * Point forecasts for rows [series index, origin] in one batched pass (chunks of 4,096 rows), each
 * `horizon` (≤ 24) steps, in the series' units: y[o-1] + scale · output, clipped to the envelope.
 */
export function predictRows(
  network: tfl.LayersModel,
  series: BaseSeries[],
  rows: Array<[number, number]>,
  horizon: number
): Float64Array[] {
  const out: Float64Array[] = [];
  const firstNeg = series.map((s) => firstNegative(s.values));
  for (let i = 0; i < rows.length; i += 4096) {
    const chunk = rows.slice(i, i + 4096);
    const b = buildBaseBatch(series, chunk, false);
    const res = tf.tidy(() => {
      const xs = tf.tensor3d(b.seq, [b.n, BASE_WINDOW, BASE_SEQ_FEATURES]);
      const xd = tf.tensor2d(b.dense, [b.n, BASE_DENSE_FEATURES]);
      return (network.predict([xs, xd], { batchSize: 4096 }) as tf.Tensor).dataSync();
    });
    chunk.forEach(([s, o], r) => {
      const { offset, scale } = b.scalers[r];
      const row = new Float64Array(horizon);
      for (let h = 0; h < horizon; h++) {
        row[h] = offset + scale * res[r * BASE_HORIZON + h];
      }
      // The same output envelope as the per-series LSTM (a pure function of values before o).
      const { values, lag } = series[s];
      clipToEnvelope(values, o, row, { ...baseSpec(lag), horizon }, firstNeg[s]);
      out.push(row);
    });
  }
  return out;
}

/**
 * Zero-shot forecasts of many series at once, from each series' end: their windows are stacked
 * into one tensor. Throws (naming the series) when one is too short for the base model's inputs.
 */
export function forecastMany(model: BaseModel, series: BaseSeries[], horizon: number): Float64Array[] {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > BASE_HORIZON) {
    throw new EngineError(`The base model forecasts 1 to ${BASE_HORIZON} steps; got ${horizon}.`, 'bad_input');
  }
  const rows = series.map((s, i): [number, number] => {
    if (s.lag === 0 || s.values.length < baseMinOrigin(s.lag)) {
      throw new EngineError(
        `${s.name}: the base model needs ${baseMinOrigin(Math.max(s.lag, 2))} points (a day plus ${BASE_WINDOW} steps) and a daily season; it has ${s.values.length}.`,
        'too_short'
      );
    }
    return [i, s.values.length];
  });
  return predictRows(model.network, series, rows, horizon);
}

export function evenlySpaced<T>(xs: T[], k: number): T[] {
  if (xs.length <= k) {
    return xs;
  }
  return Array.from({ length: k }, (_, i) => xs[Math.floor((i * xs.length) / k)]);
}
