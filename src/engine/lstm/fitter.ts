import { ensureBackend } from '../backend';
import { formatDuration } from '../../common/duration';
import { EngineError } from '../errors';
import type { ExportableModel } from '../model';
import type { FitContext, MethodFitter } from '../pipeline';
import { MIN_LSTM_TRAIN_WINDOWS } from '../requirements';
import { tf, tfl } from '../tf';
import { ENGINE_VERSION } from '../version';
import {
  type FeatureSpec,
  type Scaler,
  buildBatch,
  chooseLags,
  denseFeatureCount,
  fitScaler,
  minOrigin,
  recentSteps,
  seqFeatureCount,
  trainingOrigins,
} from './features';
import { clipToEnvelope, firstNegative } from './envelope';
import { buildNetwork } from './network';
import {
  type LstmMeta,
  type NormalisedModel,
  assertHistoryCovers,
  loadNetwork,
  modelToArtifacts,
  normaliseSavedModel,
} from './persist';
import { trainNetwork } from './train';
import { LSTM_DEFAULTS } from '../options';

export { chooseLags } from './features';

export { LSTM_DEFAULTS } from '../options';

/**
 * Trains (or loads / fine-tunes) the LSTM on values[0..end) with early stopping on the validation
 * origins. The fitted model is reused for the final forecast (refitFinal = false).
 */
export const lstmFitter: MethodFitter = {
  refitFinal: false,
  async fit(ctx: FitContext): Promise<ExportableModel> {
    await ensureBackend();
    const o = { ...LSTM_DEFAULTS, ...definedOnly(ctx.lstm ?? {}) };
    const notes: string[] = [];
    const loaded = loadSaved(ctx, notes);
    const meta: LstmMeta | undefined = loaded?.meta;
    const window = meta?.window ?? o.window;
    const esLen = earlyStoppingLength(ctx.end, ctx.stepMs, ctx.horizon);
    const trainEnd = ctx.end - esLen;
    const lags = meta?.lstm.lags ?? chooseLags(ctx.stepMs, trainEnd, window, ctx.horizon);
    const spec: FeatureSpec = {
      window,
      horizon: ctx.horizon,
      lags,
      recent: recentSteps(ctx.stepMs, window, ctx.horizon),
    };
    // Each window is normalised by its own recent scale (features.ts); this scaler is only the floor
    // of that scale, and it is fitted on the history at hand even for a saved model: the one stored
    // with the model is in the units it was trained in, so on the same series in other units (× 1e-3)
    // it became the scale itself and the forecast collapsed to 0 (MASE 0.77 → 1.14; × 1e-9: 1.21).
    const scaler: Scaler = fitScaler(ctx.values, ctx.end);
    // Early stopping uses its own stretch just before the validation region, so the validation
    // error that selects and calibrates the LSTM is never the one its epochs were picked on.
    const origins = trainingOrigins(ctx.observed, trainEnd, spec);
    const esOrigins = earlyStoppingOrigins(ctx, spec, trainEnd);
    const needTraining = !loaded || ctx.fineTune;
    if (needTraining && origins.length < MIN_LSTM_TRAIN_WINDOWS) {
      throw new EngineError(
        `The LSTM needs at least ${MIN_LSTM_TRAIN_WINDOWS} training windows before the validation region; this history gives ${origins.length}.`,
        'too_short'
      );
    }
    const t0 = performance.now();
    const model = loaded ? await loadNetwork(loaded) : buildNetwork(spec, o.units, o.seed);
    let trainedToIdx = ctx.end;
    try {
      if (needTraining) {
        const epochs = loaded ? Math.min(o.epochs, 10) : o.epochs;
        const summary = await trainNetwork(
          model,
          ctx.values,
          origins,
          esOrigins.length ? esOrigins : origins.slice(-64),
          spec,
          scaler,
          trainOptions(o, epochs, loaded !== undefined, ctx)
        );
        if (summary.stoppedBy === 'time') {
          notes.push(timeLimitNote(o.maxTrainMs, summary.epochsRun, epochs));
        }
      } else {
        trainedToIdx = Math.round((meta!.trainedToMs - meta!.trainedFromMs) / ctx.stepMs) + 1;
      }
    } catch (e) {
      model.dispose();
      throw e;
    }
    const fitMs = performance.now() - t0;
    return {
      method: 'lstm',
      fitMs,
      notes,
      async predict(values, predOrigins, horizon) {
        if (horizon !== spec.horizon) {
          throw new EngineError(`This LSTM forecasts ${spec.horizon} steps, not ${horizon}.`, 'incompatible_model');
        }
        return predictLstm(model, values, predOrigins, spec, scaler);
      },
      async exportModel() {
        const m = exportMeta(ctx.stepMs, spec, scaler, meta, meta?.lstm.units ?? o.units, trainedToIdx);
        return { meta: m, artifacts: await modelToArtifacts(model, m) };
      },
      dispose() {
        model.dispose();
      },
    };
  },
};

/** The saved-model metadata of this fit (a loaded model keeps its own times and fingerprint). */
function exportMeta(
  stepMs: number,
  spec: FeatureSpec,
  scaler: Scaler,
  meta: LstmMeta | undefined,
  units: number,
  trainedToIdx: number
): LstmMeta {
  // The fitter sees indices, not times: forecastSeries fills trainedFrom/To in the exported meta.
  const startMs = 0;
  return {
    engineVersion: ENGINE_VERSION,
    method: 'lstm',
    stepMs,
    horizon: spec.horizon,
    window: spec.window,
    seasonSteps: spec.lags[0] ?? 0,
    trainedFromMs: meta?.trainedFromMs ?? startMs,
    trainedToMs: meta?.trainedToMs ?? startMs + (trainedToIdx - 1) * stepMs,
    trainedAtMs: Date.now(),
    fingerprint: meta?.fingerprint ?? '',
    scaler,
    lstm: {
      units,
      lags: spec.lags,
      seqFeatures: seqFeatureCount(spec),
      denseFeatures: denseFeatureCount(spec),
    },
  };
}

/** Origins of the early-stopping stretch [trainEnd, end) whose inputs exist and targets are observed. */
function earlyStoppingOrigins(ctx: FitContext, spec: FeatureSpec, trainEnd: number): number[] {
  const out: number[] = [];
  for (let v = trainEnd; v + ctx.horizon <= ctx.end; v++) {
    if (v >= minOrigin(spec) && fullyObserved(ctx.observed, v, ctx.horizon)) {
      out.push(v);
    }
  }
  return out;
}

/** Training settings: a warm start (fine-tuning a saved model) trains fewer epochs, more gently. */
function trainOptions(
  o: typeof LSTM_DEFAULTS,
  epochs: number,
  warm: boolean,
  ctx: FitContext
): Parameters<typeof trainNetwork>[6] {
  return {
    epochs,
    batchSize: o.batchSize,
    patience: warm ? 2 : o.patience,
    learningRate: warm ? o.learningRate * 0.3 : o.learningRate,
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
  };
}

/**
 * Forecasts from each origin: the network's residuals in each window's own scale, mapped back
 * (ŷ = y[o-1] + s_o · out) and clipped to the recent envelope (`envelope.ts`).
 */
function predictLstm(
  model: tfl.LayersModel,
  values: Float64Array,
  origins: number[],
  spec: FeatureSpec,
  scaler: Scaler
): Float64Array[] {
  const horizon = spec.horizon;
  const out: Float64Array[] = [];
  const firstNeg = firstNegative(values);
  for (let i = 0; i < origins.length; i += 1024) {
    const chunk = origins.slice(i, i + 1024);
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
        row[h] = base + b.scales[r] * res[r * horizon + h];
      }
      clipToEnvelope(values, origin, row, spec, firstNeg);
      out.push(row);
    });
  }
  return out;
}

/**
 * Every saved model (cache, name, URL, file) takes the one load path: JSON-cleaned, bounded,
 * checked against this request, and refused when its seasonal inputs reach before the data.
 */
function loadSaved(ctx: FitContext, notes: string[]): NormalisedModel | undefined {
  if (!ctx.saved) {
    return undefined;
  }
  try {
    const loaded = normaliseSavedModel(ctx.saved, {
      stepMs: ctx.stepMs,
      horizon: ctx.horizon,
      window: ctx.lstm?.window,
    });
    assertHistoryCovers(loaded.meta, { points: ctx.values.length, beforeValidation: ctx.end, stepMs: ctx.stepMs });
    return loaded;
  } catch (e) {
    // Asked to fine-tune anyway (a refresh in train mode): an unusable saved model (an older
    // engine's features included) must not drop the LSTM on every refresh; train a new one, say why.
    if (!ctx.fineTune || !(e instanceof EngineError) || e.code === 'cancelled') {
      throw e;
    }
    notes.push(`The saved LSTM could not be reused (${e.message.replace(/\.$/, '')}), so a new one was trained.`);
    return undefined;
  }
}

/** "LSTM training stopped by the 60 s safety limit after 7 of 16 epochs; …" */
export function timeLimitNote(maxTrainMs: number, epochsRun: number, epochs: number): string {
  const limit =
    maxTrainMs < 1000
      ? `${maxTrainMs} ms`
      : maxTrainMs < 120_000
        ? `${Math.round(maxTrainMs / 100) / 10} s`
        : formatDuration(maxTrainMs);
  return (
    `LSTM training stopped by the ${limit} safety limit after ${epochsRun} of ${epochs} epochs, so results may ` +
    `differ between runs; the machine is busy or the model is large — lower the LSTM units or samples per epoch.`
  );
}

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
