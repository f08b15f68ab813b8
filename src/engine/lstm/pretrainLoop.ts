/**
 * The training loop of the base model, shared by pretraining (many series) and fine-tuning (one):
 * Adam on MAE, **balanced** sampling (each series gives the same number of windows per epoch, so a
 * 215-day series does not drown a 14-day one), a fixed number of epochs (reproducible: the clock
 * never ends training), best weights on held-out windows kept (epoch 0 counts, so fine-tuning can
 * only keep or beat the base). Disposes every tensor it makes, the optimizer's included.
 */
import { EngineError } from '../errors';
import { tf, type tfl } from '../tf';
import {
  BASE_DENSE_FEATURES,
  BASE_HORIZON,
  BASE_SEQ_FEATURES,
  BASE_WINDOW,
  type BaseSeries,
  buildBaseBatch,
} from './baseModelFeatures';
import { rng } from './features';

export interface LoopOptions {
  epochs: number;
  /** Windows per epoch over all series together (split evenly between them). */
  samplesPerEpoch: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  signal?: AbortSignal;
  onEpoch?: (e: { epoch: number; epochs: number; loss: number; valLoss: number }) => void;
}

export interface LoopSummary {
  epochsRun: number;
  bestEpoch: number;
  valLossStart: number;
  valLossBest: number;
  trainMs: number;
}

/** Training rows per series (origins) and held-out rows ([series, origin]) for keeping the best epoch. */
export interface LoopData {
  series: BaseSeries[];
  train: number[][];
  held: Array<[number, number]>;
}

const yieldNow = (): Promise<void> =>
  typeof setImmediate === 'function' ? new Promise((r) => setImmediate(r)) : new Promise((r) => setTimeout(r, 0));

function toTensors(series: BaseSeries[], rows: Array<[number, number]>) {
  const b = buildBaseBatch(series, rows, true);
  return {
    xs: tf.tensor3d(b.seq, [b.n, BASE_WINDOW, BASE_SEQ_FEATURES]),
    xd: tf.tensor2d(b.dense, [b.n, BASE_DENSE_FEATURES]),
    y: tf.tensor2d(b.target as Float32Array, [b.n, BASE_HORIZON]),
  };
}

/** Balanced picks: `per` windows from every series with training rows (with replacement when short). */
export function balancedPicks(train: number[][], samplesPerEpoch: number, rand: () => number): Array<[number, number]> {
  const active = train.map((t, s) => [s, t] as const).filter(([, t]) => t.length > 0);
  const per = Math.max(1, Math.ceil(samplesPerEpoch / Math.max(1, active.length)));
  const picks: Array<[number, number]> = [];
  for (const [s, t] of active) {
    for (let k = 0; k < per; k++) {
      picks.push([s, t[Math.floor(rand() * t.length)]]);
    }
  }
  for (let i = picks.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [picks[i], picks[j]] = [picks[j], picks[i]];
  }
  return picks;
}

export async function trainBase(model: tfl.LayersModel, data: LoopData, opts: LoopOptions): Promise<LoopSummary> {
  const t0 = performance.now();
  const rand = rng(opts.seed);
  const optimizer = tf.train.adam(opts.learningRate);
  model.compile({ optimizer, loss: 'meanAbsoluteError' });
  const held = data.held.length ? toTensors(data.series, data.held) : undefined;
  const valLoss = (): number =>
    held
      ? tf.tidy(() => {
          const pred = model.predict([held.xs, held.xd], { batchSize: 1024 }) as tf.Tensor;
          return tf.mean(tf.abs(tf.sub(pred, held.y))).dataSync()[0];
        })
      : NaN;
  let best = valLoss();
  const valLossStart = best;
  let bestWeights = model.getWeights().map((w) => w.clone());
  let bestEpoch = 0;
  let epochsRun = 0;
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const picks = balancedPicks(data.train, opts.samplesPerEpoch, rand);
      let lossSum = 0;
      let batches = 0;
      for (let i = 0; i < picks.length; i += opts.batchSize) {
        if (opts.signal?.aborted) {
          throw new EngineError('Training cancelled.', 'cancelled');
        }
        const { xs, xd, y } = toTensors(data.series, picks.slice(i, i + opts.batchSize));
        try {
          const loss = await model.trainOnBatch([xs, xd], y);
          lossSum += Array.isArray(loss) ? loss[0] : loss;
          batches++;
        } finally {
          tf.dispose([xs, xd, y]);
        }
        await yieldNow();
      }
      epochsRun = epoch;
      const v = valLoss();
      opts.onEpoch?.({ epoch, epochs: opts.epochs, loss: lossSum / Math.max(1, batches), valLoss: v });
      // Without held-out rows every epoch is kept (the last one wins).
      if (!held || v < best - 1e-6) {
        best = v;
        bestEpoch = epoch;
        tf.dispose(bestWeights);
        bestWeights = model.getWeights().map((w) => w.clone());
      }
    }
    model.setWeights(bestWeights);
  } finally {
    tf.dispose(bestWeights);
    if (held) {
      tf.dispose([held.xs, held.xd, held.y]);
    }
    optimizer.dispose();
  }
  return { epochsRun, bestEpoch, valLossStart, valLossBest: best, trainMs: performance.now() - t0 };
}
