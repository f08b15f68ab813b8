/**
 * Fine-tuning the base model on one series, fast enough for the background of a 100-series query:
 * the LSTM layer (what the corpus taught: how windows evolve) is kept, and only the dense head on
 * top of it (join → hidden → residual) is trained. The LSTM's outputs for the series' windows are
 * computed once, so each epoch is a few small dense ops instead of back-propagation through 48
 * time steps (a full fine-tune took ~30× longer). Held-out windows after the training stretch pick
 * the epoch kept, epoch 0 (the base itself) included, so the result never validates worse than the
 * base there. Deterministic for a seed.
 *
 * Why up to 2,048 training and 512 held-out windows (256 and 64 until 2026-12-03): a 2,016-point
 * series has about a thousand training windows, and a sample of 256 left the head fitted to a
 * quarter of them and the epoch picked on 64 windows, a few hours of data; with every window the
 * fine-tuned LSTM is what the series says, not what one sample of it says. The LSTM's forward pass
 * over the windows, done once, is now most of the cost (0.43 s per 2,016-point series on this
 * 2-core machine in the bench, under its 1 s bound); the cap keeps long series (Twitter,
 * 16,000 points) at the same cost. Measured (`npm run bench`, nothing else changed): shared set
 * H = 12 `auto` 0.617 → 0.608 (geometric-mean MAE ÷ seasonal naive), H = 3 0.528 → 0.524; 25
 * nab-extra series (same code, experiment run) 0.615 → 0.613; stress set worst `auto` ÷ better
 * baseline 1.15 → 1.13, no series crossing 1.10 that was under it. 4,096 windows (0.608) or 24
 * epochs (0.606, 0.8 s) bought little more for the time.
 */
import type { SavedModel } from '../api';
import { EngineError } from '../errors';
import { tf, tfl } from '../tf';
import type { BaseModel } from './baseModel';
import {
  BASE_DENSE_FEATURES,
  BASE_HORIZON,
  BASE_SEQ_FEATURES,
  BASE_WINDOW,
  type BaseSeries,
  baseMinOrigin,
  baseTrainingOrigins,
  buildBaseBatch,
} from './baseModelFeatures';
import { rng, sample } from './features';
import { loadNetwork } from './persist';

export interface FineTuneOptions {
  /** Training windows end here (exclusive); windows in [trainEnd, heldEnd) pick the epoch kept. */
  trainEnd: number;
  heldEnd: number;
  epochs?: number;
  /** Training windows used (sampled once, seeded). */
  windows?: number;
  learningRate?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** Every training window up to 2,048 (see the header); timed in bench/baseModel.ts (≤ 1 s per 2,016-point series). */
export const FINE_TUNE_DEFAULTS = { epochs: 12, windows: 2048, batchSize: 128, learningRate: 2e-3, seed: 7 };
/** Held-out windows that pick the epoch kept (up to this many). */
const HELD_WINDOWS = 512;

export interface FineTuneSummary {
  epochsRun: number;
  bestEpoch: number;
  heldMaeStart: number;
  heldMaeBest: number;
}

interface Stacked {
  lstm: tf.Tensor;
  dense: tf.Tensor;
  target: tf.Tensor;
}

/** The LSTM layer's output, dense inputs and targets of `rows`, computed once. */
function stack(features: tfl.LayersModel, series: BaseSeries, rows: number[]): Stacked {
  const b = buildBaseBatch(
    [series],
    rows.map((o): [number, number] => [0, o]),
    true
  );
  return tf.tidy(() => {
    const xs = tf.tensor3d(b.seq, [b.n, BASE_WINDOW, BASE_SEQ_FEATURES]);
    return {
      lstm: features.predict(xs, { batchSize: 1024 }) as tf.Tensor,
      dense: tf.tensor2d(b.dense, [b.n, BASE_DENSE_FEATURES]),
      target: tf.tensor2d(b.target as Float32Array, [b.n, BASE_HORIZON]),
    };
  });
}

/** A head sharing `network`'s dense layers (training it trains them) on inputs [lstm output, dense]. */
function headOf(network: tfl.LayersModel): tfl.LayersModel {
  const units = (network.getLayer('lstm').getConfig() as { units: number }).units;
  const lstmIn = tfl.input({ shape: [units], name: 'lstm_out' });
  const denseIn = tfl.input({ shape: [BASE_DENSE_FEATURES], name: 'lags_in' });
  const joined = network.getLayer('join').apply([lstmIn, denseIn]) as tfl.SymbolicTensor;
  const hidden = network.getLayer('hidden').apply(joined) as tfl.SymbolicTensor;
  const all = network.getLayer('skip').apply([joined, hidden]) as tfl.SymbolicTensor;
  const out = network.getLayer('residual').apply(all) as tfl.SymbolicTensor;
  return tfl.model({ inputs: [lstmIn, denseIn], outputs: out });
}

/**
 * A copy of the base network fine-tuned on one series; the caller disposes it. Throws 'too_short'
 * when the series has no training window before `trainEnd`.
 */
export async function fineTuneBase(
  model: BaseModel,
  series: BaseSeries,
  opts: FineTuneOptions
): Promise<{ network: tfl.LayersModel; summary: FineTuneSummary }> {
  const o = { ...FINE_TUNE_DEFAULTS, ...definedOnly(opts) };
  const rand = rng(o.seed);
  const trainRows = sample(baseTrainingOrigins(series, opts.trainEnd), o.windows, rand);
  if (trainRows.length === 0) {
    throw new EngineError('Too little history to fine-tune the base model on this series.', 'too_short');
  }
  const heldRows: number[] = [];
  for (let v = Math.max(opts.trainEnd, baseMinOrigin(series.lag)); v + BASE_HORIZON <= opts.heldEnd; v++) {
    heldRows.push(v);
  }
  const network = await copyNetwork(model);
  const features = tfl.model({
    inputs: network.inputs[0],
    outputs: network.getLayer('lstm').output as tfl.SymbolicTensor,
  });
  const head = headOf(network);
  const train = stack(features, series, trainRows);
  const held = heldRows.length ? stack(features, series, sample(heldRows, HELD_WINDOWS, rand)) : undefined;
  const optimizer = tf.train.adam(o.learningRate);
  head.compile({ optimizer, loss: 'meanAbsoluteError' });
  const heldMae = (): number =>
    held
      ? tf.tidy(
          () => tf.mean(tf.abs(tf.sub(head.predict([held.lstm, held.dense]) as tf.Tensor, held.target))).dataSync()[0]
        )
      : NaN;
  let best = heldMae();
  const heldMaeStart = best;
  let bestWeights = head.getWeights().map((w) => w.clone());
  let bestEpoch = 0;
  let epochsRun = 0;
  try {
    const n = trainRows.length;
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      if (opts.signal?.aborted) {
        throw new EngineError('Fine-tuning cancelled.', 'cancelled');
      }
      for (let i = 0; i < n; i += o.batchSize) {
        const size = Math.min(o.batchSize, n - i);
        const [xl, xd, y] = [train.lstm, train.dense, train.target].map((t) => tf.slice(t, i, size));
        try {
          await head.trainOnBatch([xl, xd], y);
        } finally {
          tf.dispose([xl, xd, y]);
        }
      }
      epochsRun = epoch;
      const v = heldMae();
      // Without held-out windows the last epoch is kept.
      if (!held || v < best - 1e-6) {
        best = v;
        bestEpoch = epoch;
        tf.dispose(bestWeights);
        bestWeights = head.getWeights().map((w) => w.clone());
      }
    }
    head.setWeights(bestWeights);
  } catch (e) {
    network.dispose();
    throw e;
  } finally {
    tf.dispose(bestWeights);
    tf.dispose([train.lstm, train.dense, train.target]);
    if (held) {
      tf.dispose([held.lstm, held.dense, held.target]);
    }
    optimizer.dispose();
    // `head` re-applied `network`'s dense layers, which counts as a second owner: release it, so
    // disposing `network` frees them. (`features` reuses the network's own graph: no extra owner.)
    head.dispose();
  }
  return { network, summary: { epochsRun, bestEpoch, heldMaeStart, heldMaeBest: best } };
}

/** A second network with the base's weights, through the same load path (the cached base stays intact). */
async function copyNetwork(model: BaseModel): Promise<tfl.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.network.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = { ...a, userDefinedMetadata: { foresight: model.meta } };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    })
  );
  const saved: SavedModel = { meta: model.meta, artifacts };
  return loadNetwork(saved);
}

function definedOnly<T extends object>(x: T): Partial<T> {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as Partial<T>;
}
