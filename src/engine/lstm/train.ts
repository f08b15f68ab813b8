import { EngineError } from '../errors';
import { tf, tfl } from '../tf';
import { type FeatureSpec, type Scaler, buildBatch, rng, sample } from './features';

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  patience: number;
  learningRate: number;
  maxTrainMs: number;
  samplesPerEpoch: number;
  seed: number;
  signal?: AbortSignal;
  onEpoch?: (e: { epoch: number; epochs: number; loss: number; valLoss: number }) => void;
}

export interface TrainSummary {
  epochsRun: number;
  bestEpoch: number;
  /** Validation MAE in scaled units before training (= naive) and at the best epoch. */
  valLossStart: number;
  valLossBest: number;
  trainMs: number;
  stoppedBy: 'patience' | 'epochs' | 'time';
}

const MAX_VAL_WINDOWS = 512;

/**
 * Lets messages (cancel, progress) through between batches. setTimeout(0) is clamped to 1–4 ms,
 * which over ~130 batches costs up to half a second, so use setImmediate (Node) or a
 * MessageChannel (browser / worker) when available.
 */
const yieldToEventLoop: () => Promise<void> = (() => {
  if (typeof setImmediate === 'function') {
    return () => new Promise<void>((r) => setImmediate(r));
  }
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const waiting: Array<() => void> = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    (channel.port1 as unknown as { unref?: () => void }).unref?.();
    (channel.port2 as unknown as { unref?: () => void }).unref?.();
    return () =>
      new Promise<void>((r) => {
        waiting.push(r);
        channel.port2.postMessage(0);
      });
  }
  return () => new Promise<void>((r) => setTimeout(r, 0));
})();

/** One optimiser step on one batch of windows; its tensors are freed whatever happens. */
async function trainBatch(
  model: tfl.LayersModel,
  values: Float64Array,
  origins: number[],
  spec: FeatureSpec,
  scaler: Scaler
): Promise<number> {
  const b = buildBatch(values, origins, spec, scaler, true);
  const xs = tf.tensor3d(b.seq, [b.n, spec.window, b.seq.length / b.n / spec.window]);
  const xd = tf.tensor2d(b.dense, [b.n, b.dense.length / b.n]);
  const y = tf.tensor2d(b.target as Float32Array, [b.n, spec.horizon]);
  try {
    const loss = await model.trainOnBatch([xs, xd], y);
    return Array.isArray(loss) ? loss[0] : loss;
  } finally {
    xs.dispose();
    xd.dispose();
    y.dispose();
  }
}

/** The validation windows as tensors, and the model's MAE on them (NaN targets are masked points, dropped). */
function validationLoss(
  model: tfl.LayersModel,
  values: Float64Array,
  origins: number[],
  spec: FeatureSpec,
  scaler: Scaler
): { loss(): number; dispose(): void } {
  const vb = buildBatch(values, origins, spec, scaler, true);
  const valSeq = tf.tensor3d(vb.seq, [vb.n, spec.window, vb.seq.length / vb.n / spec.window]);
  const valDense = tf.tensor2d(vb.dense, [vb.n, vb.dense.length / vb.n]);
  const valTarget = tf.tensor2d(vb.target as Float32Array, [vb.n, spec.horizon]);
  return {
    loss: () =>
      tf.tidy(() => {
        const pred = model.predict([valSeq, valDense], { batchSize: 1024 }) as tf.Tensor;
        const diff = tf.abs(tf.sub(pred, valTarget));
        const finite = tf.logicalNot(tf.isNaN(diff));
        const sum = tf.sum(tf.where(finite, diff, tf.zerosLike(diff)));
        const n = tf.sum(tf.cast(finite, 'float32'));
        return tf.div(sum, tf.maximum(n, 1)).dataSync()[0];
      }),
    dispose: () => tf.dispose([valSeq, valDense, valTarget]),
  };
}

/**
 * Trains with Adam on MAE (robust to the spikes infrastructure metrics have), sampling
 * `samplesPerEpoch` windows per epoch, early-stopping on the validation windows and restoring the
 * best weights (epoch 0 = untrained = naive counts as a candidate). Yields to the event loop after
 * every batch so a worker stays responsive and `signal` can cancel. Disposes every tensor it makes,
 * including the optimizer's.
 */
export async function trainNetwork(
  model: tfl.LayersModel,
  values: Float64Array,
  trainOrigins: number[],
  valOrigins: number[],
  spec: FeatureSpec,
  scaler: Scaler,
  opts: TrainOptions
): Promise<TrainSummary> {
  const t0 = performance.now();
  const rand = rng(opts.seed);
  const optimizer = tf.train.adam(opts.learningRate);
  model.compile({ optimizer, loss: 'meanAbsoluteError' });
  const validation = validationLoss(model, values, sample(valOrigins, MAX_VAL_WINDOWS, rand), spec, scaler);
  const valLoss = validation.loss;
  let best = valLoss();
  const valLossStart = best;
  let bestWeights: tf.Tensor[] = model.getWeights().map((w) => w.clone());
  let bestEpoch = 0;
  let wait = 0;
  let epochsRun = 0;
  let stoppedBy: TrainSummary['stoppedBy'] = 'epochs';
  try {
    outer: for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const picks = sample(trainOrigins, opts.samplesPerEpoch, rand);
      let lossSum = 0;
      let batches = 0;
      for (let i = 0; i < picks.length; i += opts.batchSize) {
        if (opts.signal?.aborted) {
          throw new EngineError('Training cancelled.', 'cancelled');
        }
        lossSum += await trainBatch(model, values, picks.slice(i, i + opts.batchSize), spec, scaler);
        batches++;
        await yieldToEventLoop();
        if (performance.now() - t0 > opts.maxTrainMs) {
          stoppedBy = 'time';
          epochsRun = epoch;
          const v = valLoss();
          opts.onEpoch?.({ epoch, epochs: opts.epochs, loss: lossSum / Math.max(1, batches), valLoss: v });
          if (v < best) {
            best = v;
            bestEpoch = epoch;
            tf.dispose(bestWeights);
            bestWeights = model.getWeights().map((w) => w.clone());
          }
          break outer;
        }
      }
      epochsRun = epoch;
      const v = valLoss();
      opts.onEpoch?.({ epoch, epochs: opts.epochs, loss: lossSum / Math.max(1, batches), valLoss: v });
      if (v < best - 1e-6) {
        best = v;
        bestEpoch = epoch;
        wait = 0;
        tf.dispose(bestWeights);
        bestWeights = model.getWeights().map((w) => w.clone());
      } else if (++wait >= opts.patience) {
        stoppedBy = 'patience';
        break;
      }
    }
    model.setWeights(bestWeights);
  } finally {
    tf.dispose(bestWeights);
    validation.dispose();
    optimizer.dispose();
  }
  return { epochsRun, bestEpoch, valLossStart, valLossBest: best, trainMs: performance.now() - t0, stoppedBy };
}
