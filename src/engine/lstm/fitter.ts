import { ensureBackend } from '../backend';
import { EngineError } from '../errors';
import type { ExportableModel } from '../model';
import type { FitContext, MethodFitter } from '../pipeline';
import { DEFAULT_LSTM_WINDOW, MIN_LSTM_TRAIN_WINDOWS } from '../requirements';
import { dailySeasonSteps } from '../seasons';
import { tf } from '../tf';
import { ENGINE_VERSION } from '../version';
import {
  type FeatureSpec,
  type Scaler,
  buildBatch,
  denseFeatureCount,
  fitScaler,
  minOrigin,
  seqFeatureCount,
  trainingOrigins,
} from './features';
import { buildNetwork } from './network';
import {
  type LstmArtifacts,
  type LstmMeta,
  artifactsToModel,
  assertCompatible,
  metaFromArtifacts,
  modelToArtifacts,
} from './persist';
import { trainNetwork } from './train';

/**
 * Epochs (not the clock) bound training, so results repeat run to run; 16 epochs of 2048 windows
 * took 1.2 s on the 2-core machine. The time budget is only a safety net on a loaded machine.
 */
export const LSTM_DEFAULTS = {
  window: DEFAULT_LSTM_WINDOW,
  units: 16,
  epochs: 16,
  batchSize: 256,
  patience: 4,
  learningRate: 0.005,
  maxTrainMs: 4000,
  samplesPerEpoch: 2048,
  seed: 42,
};

/** Daily lag when the training data holds a day plus enough windows; weekly too with 3+ weeks. */
export function chooseLags(stepMs: number, end: number, window: number, horizon: number): number[] {
  const day = dailySeasonSteps(stepMs);
  if (day === 0) {
    return [];
  }
  const lags: number[] = [];
  if (end >= day + window + horizon + MIN_LSTM_TRAIN_WINDOWS) {
    lags.push(day);
  }
  if (end >= 21 * day) {
    lags.push(7 * day);
  }
  return lags;
}

/**
 * Trains (or loads / fine-tunes) the LSTM on values[0..end) with early stopping on the validation
 * origins. The fitted model is reused for the final forecast (refitFinal = false).
 */
export const lstmFitter: MethodFitter = {
  refitFinal: false,
  async fit(ctx: FitContext): Promise<ExportableModel> {
    await ensureBackend();
    const o = { ...LSTM_DEFAULTS, ...definedOnly(ctx.lstm ?? {}) };
    const saved = ctx.saved;
    let meta: LstmMeta | undefined;
    if (saved) {
      const m = (saved.meta as Partial<LstmMeta>) ?? metaFromArtifacts(saved.artifacts as LstmArtifacts);
      assertCompatible(m, { stepMs: ctx.stepMs, horizon: ctx.horizon, window: ctx.lstm?.window });
      meta = m;
    }
    const window = meta?.window ?? o.window;
    const esLen = earlyStoppingLength(ctx.end, ctx.stepMs, ctx.horizon);
    const trainEnd = ctx.end - esLen;
    const lags = meta?.lstm.lags ?? chooseLags(ctx.stepMs, trainEnd, window, ctx.horizon);
    const spec: FeatureSpec = { window, horizon: ctx.horizon, lags };
    const scaler: Scaler = meta?.scaler ?? fitScaler(ctx.values, ctx.end);
    // Early stopping uses its own stretch just before the validation region, so the validation
    // error that selects and calibrates the LSTM is never the one its epochs were picked on.
    const origins = trainingOrigins(ctx.observed, trainEnd, spec);
    const esOrigins: number[] = [];
    for (let v = trainEnd; v + ctx.horizon <= ctx.end; v++) {
      if (v >= minOrigin(spec) && fullyObserved(ctx.observed, v, ctx.horizon)) {
        esOrigins.push(v);
      }
    }
    const needTraining = !saved || ctx.fineTune;
    if (needTraining && origins.length < MIN_LSTM_TRAIN_WINDOWS) {
      throw new EngineError(
        `The LSTM needs at least ${MIN_LSTM_TRAIN_WINDOWS} training windows before the validation region; this history gives ${origins.length}.`,
        'too_short'
      );
    }
    const t0 = performance.now();
    const model = saved
      ? await artifactsToModel(saved.artifacts as LstmArtifacts)
      : buildNetwork(spec, o.units, o.seed);
    let trainedToIdx = ctx.end;
    try {
      if (needTraining) {
        await trainNetwork(
          model,
          ctx.values,
          origins,
          esOrigins.length ? esOrigins : origins.slice(-64),
          spec,
          scaler,
          {
            epochs: saved ? Math.min(o.epochs, 10) : o.epochs,
            batchSize: o.batchSize,
            patience: saved ? 2 : o.patience,
            learningRate: saved ? o.learningRate * 0.3 : o.learningRate,
            maxTrainMs: o.maxTrainMs,
            samplesPerEpoch: o.samplesPerEpoch,
            seed: o.seed,
            signal: ctx.signal,
            onEpoch: (e) =>
              ctx.onProgress?.({
                phase: 'train',
                fraction: 0.1 + (0.8 * e.epoch) / e.epochs,
                epoch: e.epoch,
                epochs: e.epochs,
                loss: e.loss,
                valLoss: e.valLoss,
              }),
          }
        );
      } else {
        trainedToIdx = Math.round((meta!.trainedToMs - meta!.trainedFromMs) / ctx.stepMs) + 1;
      }
    } catch (e) {
      model.dispose();
      throw e;
    }
    const fitMs = performance.now() - t0;
    // The fitter sees indices, not times: forecastSeries fills trainedFrom/To in the exported meta.
    const startMs = 0;
    return {
      method: 'lstm',
      fitMs,
      async predict(values, predOrigins, horizon) {
        if (horizon !== spec.horizon) {
          throw new EngineError(`This LSTM forecasts ${spec.horizon} steps, not ${horizon}.`, 'incompatible_model');
        }
        const out: Float64Array[] = [];
        for (let i = 0; i < predOrigins.length; i += 1024) {
          const chunk = predOrigins.slice(i, i + 1024);
          const b = buildBatch(values, chunk, spec, scaler, false);
          const res = tf.tidy(() => {
            const xs = tf.tensor3d(b.seq, [b.n, spec.window, seqFeatureCount(spec)]);
            const xd = tf.tensor2d(b.dense, [b.n, denseFeatureCount(spec)]);
            return (model.predict([xs, xd]) as tf.Tensor).dataSync();
          });
          chunk.forEach((origin, r) => {
            const base = values[origin - 1];
            const row = new Float64Array(horizon);
            for (let h = 0; h < horizon; h++) {
              row[h] = base + scaler.scale * res[r * horizon + h];
            }
            out.push(row);
          });
        }
        return out;
      },
      async exportModel() {
        const m: LstmMeta = {
          engineVersion: ENGINE_VERSION,
          method: 'lstm',
          stepMs: ctx.stepMs,
          horizon: spec.horizon,
          window: spec.window,
          seasonSteps: lags[0] ?? 0,
          trainedFromMs: meta?.trainedFromMs ?? startMs,
          trainedToMs: meta?.trainedToMs ?? startMs + (trainedToIdx - 1) * ctx.stepMs,
          trainedAtMs: Date.now(),
          fingerprint: meta?.fingerprint ?? '',
          scaler,
          lstm: {
            units: meta?.lstm.units ?? o.units,
            lags,
            seqFeatures: seqFeatureCount(spec),
            denseFeatures: denseFeatureCount(spec),
          },
        };
        return { meta: m, artifacts: await modelToArtifacts(model, m) };
      },
      dispose() {
        model.dispose();
      },
    };
  },
};

/** 15 % of the training history, at least H + 30 origins, at most two days (or that minimum). */
export function earlyStoppingLength(end: number, stepMs: number, horizon: number): number {
  const min = horizon + 30;
  const twoDays = Math.round((2 * 86_400_000) / stepMs);
  return Math.min(Math.max(min, twoDays), Math.max(min, Math.round(0.15 * end)));
}

function fullyObserved(observed: Uint8Array, o: number, horizon: number): boolean {
  for (let h = 0; h < horizon; h++) {
    if (!observed[o + h]) {
      return false;
    }
  }
  return true;
}

function definedOnly<T extends object>(x: T): Partial<T> {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as Partial<T>;
}
