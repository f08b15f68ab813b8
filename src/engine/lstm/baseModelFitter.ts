/**
 * The base model inside the engine's pipeline (validated on the same origins as every method):
 * - `baseZeroShotFitter` (`lstm_base`): no training; the user's windows through the base model;
 * - `lstmFromBaseFitter` (`lstm` while a base model source is set): the base fine-tuned on this
 *   series (warm start, a few short epochs, the epoch kept on the stretch before validation, the
 *   base itself included) when the base fits the request; otherwise, or with a saved model of the
 *   user's own, the per-series LSTM trained as before (`lstmFitter`), with a note saying why.
 *   The fine-tuned copy is exportable, so a dashboard's cache keeps it like any trained LSTM; a saved
 *   copy comes back through `loadBaseModel` (reused as is, or fine-tuned again on fresh data).
 */
import { ensureBackend } from '../backend';
import { EngineError } from '../errors';
import type { ExportableModel, FittedModel } from '../model';
import type { FitContext, MethodFitter } from '../pipeline';
import type { BaseMethod, SavedModel } from '../api';
import type { tfl } from '../tf';
import {
  type BaseModel,
  type BaseModelMeta,
  type BaseSeries,
  fineTuneBase,
  loadBaseModel,
  getBaseModel,
  hasBaseModelSource,
  predictRows,
  toBaseSeries,
} from './baseModel';
import { BASE_HORIZON, BASE_WINDOW, baseMinOrigin, baseUnfit } from './baseModelFeatures';
import { earlyStoppingLength, lstmFitter } from './fitter';
import { isBaseCopy, modelToArtifacts } from './persist';

/** The base model for this request, or an EngineError ('unavailable' / 'too_short') saying why not. */
async function baseFor(ctx: FitContext): Promise<{ model: BaseModel; lag: number }> {
  const unfit = baseUnfit(ctx.stepMs, ctx.horizon);
  if (unfit) {
    throw new EngineError(unfit, 'unavailable');
  }
  await ensureBackend();
  const model = await getBaseModel();
  if (!model) {
    throw new EngineError('no base model is loaded in this runtime', 'unavailable');
  }
  const probe = toBaseSeries('series', ctx.values, ctx.observed, ctx.stepMs, ctx.end);
  if (ctx.end < baseMinOrigin(probe.lag)) {
    throw new EngineError(
      `The base model needs a day plus ${baseMinOrigin(probe.lag) - probe.lag} steps before the validation region; this history gives ${ctx.end} points.`,
      'too_short'
    );
  }
  return { model, lag: probe.lag };
}

function fitted(
  method: BaseMethod,
  network: tfl.LayersModel,
  ctx: FitContext,
  fitMs: number,
  notes: string[],
  own: boolean
): FittedModel {
  return {
    method,
    fitMs,
    notes,
    async predict(values, origins, horizon) {
      if (horizon > BASE_HORIZON) {
        throw new EngineError(
          `The base model forecasts at most ${BASE_HORIZON} steps, not ${horizon}.`,
          'incompatible_model'
        );
      }
      // The fallback scaler sees only the data the model was fitted on (values[0..end)).
      const series: BaseSeries[] = [toBaseSeries('series', values, ctx.observed, ctx.stepMs, ctx.end)];
      return predictRows(
        network,
        series,
        origins.map((o): [number, number] => [0, o]),
        horizon
      );
    },
    dispose() {
      // The shared base network lives in the cache (releaseBaseModel); a fine-tuned copy is ours.
      if (own) {
        network.dispose();
      }
    },
  };
}

/**
 * A fine-tuned copy of the base, exportable: its metadata is the base's (the same features, checked
 * again on load) with this fit's times; forecastSeries fills in trainedFrom/To and the fingerprint.
 */
function ownCopy(
  network: tfl.LayersModel,
  base: BaseModelMeta,
  ctx: FitContext,
  trainedToIdx: number,
  fitMs: number
): ExportableModel {
  return {
    ...fitted('lstm', network, ctx, fitMs, [], true),
    async exportModel(): Promise<SavedModel> {
      const meta: BaseModelMeta = {
        ...base,
        // The base's inputs are scale-free and its season follows the step: a copy is for this step
        // and reports the horizon it was tuned for (its network keeps the base's 24 outputs).
        stepMs: ctx.stepMs,
        horizon: ctx.horizon,
        trainedFromMs: 0,
        trainedToMs: (trainedToIdx - 1) * ctx.stepMs,
        trainedAtMs: Date.now(),
        fingerprint: '',
        base: { ...base.base, fineTuned: true },
      };
      return { meta, artifacts: await modelToArtifacts(network, meta) };
    },
  };
}

/** Reuses (or fine-tunes again) a saved copy of the base; unusable here → 'incompatible_model'. */
async function fromSavedBase(ctx: FitContext, saved: SavedModel): Promise<FittedModel> {
  const unfit = baseUnfit(ctx.stepMs, ctx.horizon);
  if (unfit) {
    throw new EngineError(`The saved model starts from the base model, which ${unfit}.`, 'incompatible_model');
  }
  await ensureBackend();
  const t0 = performance.now();
  const loaded = await loadBaseModel(saved, ctx.stepMs);
  if (!ctx.fineTune) {
    return ownCopy(loaded.network, loaded.meta, ctx, ctx.end, performance.now() - t0);
  }
  try {
    const trainEnd = ctx.end - earlyStoppingLength(ctx.end, ctx.stepMs, ctx.horizon);
    const series = toBaseSeries('series', ctx.values, ctx.observed, ctx.stepMs, trainEnd);
    const { network } = await fineTuneBase(loaded, series, {
      trainEnd,
      heldEnd: ctx.end,
      seed: ctx.lstm?.seed,
      signal: ctx.signal,
    });
    return ownCopy(network, loaded.meta, ctx, ctx.end, performance.now() - t0);
  } finally {
    loaded.dispose();
  }
}

export const baseZeroShotFitter: MethodFitter = {
  refitFinal: false,
  async fit(ctx: FitContext): Promise<FittedModel> {
    const t0 = performance.now();
    const { model } = await baseFor(ctx);
    return fitted('lstm_base', model.network, ctx, performance.now() - t0, [], false);
  },
};

/**
 * The user sized the LSTM (units) or gave it a window other than the base's: they asked for a
 * network of their own, so it is trained from scratch as asked (no note: nothing was dropped).
 */
function ownShapeAsked(ctx: FitContext): boolean {
  const { window, units } = ctx.lstm ?? {};
  return (window !== undefined && window !== BASE_WINDOW) || units !== undefined;
}

export const lstmFromBaseFitter: MethodFitter = {
  refitFinal: false,
  async fit(ctx: FitContext): Promise<FittedModel> {
    if (ctx.saved && isBaseCopy(ctx.saved.meta)) {
      return fromSavedBase(ctx, ctx.saved);
    }
    if (ctx.saved || !hasBaseModelSource() || ownShapeAsked(ctx)) {
      return lstmFitter.fit(ctx);
    }
    let base: { model: BaseModel; lag: number };
    try {
      base = await baseFor(ctx);
    } catch (e) {
      if (!(e instanceof EngineError) || e.code === 'cancelled') {
        throw e;
      }
      const m = await lstmFitter.fit(ctx);
      // the statement only: its advice ("— … the LSTM trained on this series has no such limit") is what happens now
      const why = e.message.split(' — ')[0].replace(/\.$/, '');
      return {
        ...m,
        notes: [...(m.notes ?? []), `The LSTM was trained from scratch, not from the base model (${why}).`],
      };
    }
    const t0 = performance.now();
    const trainEnd = ctx.end - earlyStoppingLength(ctx.end, ctx.stepMs, ctx.horizon);
    const series = toBaseSeries('series', ctx.values, ctx.observed, ctx.stepMs, trainEnd);
    const { network } = await fineTuneBase(base.model, series, {
      trainEnd,
      heldEnd: ctx.end,
      seed: ctx.lstm?.seed,
      signal: ctx.signal,
    });
    return ownCopy(network, base.model.meta, ctx, ctx.end, performance.now() - t0);
  },
};
