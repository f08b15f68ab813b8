/**
 * Pretraining of the base model: ONE LSTM on windows from many series at once (real CSVs plus the
 * synthetic corpus), balanced per series, fixed seeds, fixed epochs → the same corpus and seed give
 * the same weights. Real series keep their backtest test region (the last min(20 %, 7 days), as in
 * `backtest.ts`) out of training, so `lstm_base`'s benchmark figures are out-of-sample.
 */
import type { SavedModel } from '../api';
import { ensureBackend } from '../backend';
import { EngineError } from '../errors';
import { medianSpacing, prepareSeries } from '../prepare';
import { ENGINE_VERSION } from '../version';
import { type BaseModelInfo, type BaseModelMeta, type CorpusEntry, evenlySpaced } from './baseModel';
import {
  BASE_DENSE_FEATURES,
  BASE_FEATURES,
  BASE_HORIZON,
  BASE_SEQ_FEATURES,
  BASE_STEP_MS,
  BASE_WINDOW,
  type BaseSeries,
  baseSpec,
  baseTrainingOrigins,
  toBaseSeries,
} from './baseModelFeatures';
import { buildNetwork } from './network';
import { modelToArtifacts } from './persist';
import { type LoopOptions, trainBase } from './pretrainLoop';
import type { NamedSeries } from './pretrainSynthetic';

export const PRETRAIN_DEFAULTS = {
  seed: 42,
  epochs: 10,
  samplesPerEpoch: 8192,
  batchSize: 256,
  units: 32,
  learningRate: 2e-3,
};

export interface PretrainOptions {
  seed?: number;
  epochs?: number;
  samplesPerEpoch?: number;
  units?: number;
  /** Real series (CSV) hold out their backtest test region; synthetic ones do not need to. */
  holdOutTestRegion?: (name: string) => boolean;
  onEpoch?: LoopOptions['onEpoch'];
  signal?: AbortSignal;
}

const SEVEN_DAYS_MS = 7 * 86_400_000;
/** Held-out windows per series (the last 10 % of its training origins) that pick the best epoch. */
const HELD_PER_SERIES = 32;

/** Grid, daily lag and the points used for training, per series; series the base cannot use are listed as skipped. */
export function prepareCorpus(
  raw: NamedSeries[],
  holdOut: (name: string) => boolean
): { series: BaseSeries[]; corpus: CorpusEntry[]; ends: number[]; skipped: string[] } {
  const series: BaseSeries[] = [];
  const corpus: CorpusEntry[] = [];
  const ends: number[] = [];
  const skipped: string[] = [];
  for (const r of raw) {
    const stepMs = medianSpacing([...r.times].filter(Number.isFinite).sort((a, b) => a - b));
    const prep = prepareSeries(r, stepMs);
    const n = prep.values.length;
    const testLen = holdOut(r.name) ? Math.min(Math.floor(0.2 * n), Math.round(SEVEN_DAYS_MS / prep.stepMs)) : 0;
    const end = n - testLen;
    const s = toBaseSeries(r.name, prep.values, prep.observed, prep.stepMs, end);
    if (s.lag === 0 || baseTrainingOrigins(s, end).length < 50) {
      skipped.push(`${r.name} (${n} points at ${prep.stepMs / 1000} s: too short or no daily season)`);
      continue;
    }
    series.push(s);
    ends.push(end);
    corpus.push({ series: r.name, points: n, stepSeconds: prep.stepMs / 1000, trainedPoints: end });
  }
  return { series, corpus, ends, skipped };
}

/** Trains the base model; returns it as a SavedModel (tfjs artifacts + Foresight metadata with the corpus). */
export async function pretrainBase(
  raw: NamedSeries[],
  opts: PretrainOptions = {}
): Promise<{ model: SavedModel; meta: BaseModelMeta; skipped: string[] }> {
  await ensureBackend();
  const o = { ...PRETRAIN_DEFAULTS, ...definedOnly(opts) };
  const { series, corpus, ends, skipped } = prepareCorpus(raw, opts.holdOutTestRegion ?? (() => true));
  if (series.length === 0) {
    throw new EngineError(
      'No series in the corpus can train the base model (each needs a day plus 72 steps).',
      'too_short'
    );
  }
  const train: number[][] = [];
  const held: Array<[number, number]> = [];
  series.forEach((s, i) => {
    const origins = baseTrainingOrigins(s, ends[i]);
    const cut = Math.floor(origins.length * 0.9);
    // Held-out origins start a horizon after the last training target, so no target is shared.
    train.push(origins.slice(0, Math.max(0, cut - BASE_HORIZON)));
    for (const v of evenlySpaced(origins.slice(cut), HELD_PER_SERIES)) {
      held.push([i, v]);
    }
  });
  const network = buildNetwork(baseSpec(1), o.units, o.seed);
  try {
    const summary = await trainBase(
      network,
      { series, train, held },
      {
        epochs: o.epochs,
        samplesPerEpoch: o.samplesPerEpoch,
        batchSize: o.batchSize,
        learningRate: o.learningRate,
        seed: o.seed,
        signal: opts.signal,
        onEpoch: opts.onEpoch,
      }
    );
    const base: BaseModelInfo = {
      kind: 'foresight-base',
      features: BASE_FEATURES,
      window: BASE_WINDOW,
      horizon: BASE_HORIZON,
      seed: o.seed,
      epochs: o.epochs,
      samplesPerEpoch: o.samplesPerEpoch,
      units: o.units,
      corpus,
      valLossStart: summary.valLossStart,
      valLossBest: summary.valLossBest,
    };
    const day = Math.round(86_400_000 / BASE_STEP_MS);
    const meta: BaseModelMeta = {
      engineVersion: ENGINE_VERSION,
      method: 'lstm',
      stepMs: BASE_STEP_MS,
      horizon: BASE_HORIZON,
      window: BASE_WINDOW,
      seasonSteps: day,
      trainedFromMs: 0,
      trainedToMs: 0,
      // Fixed, so the same seed and corpus give byte-identical files.
      trainedAtMs: 0,
      fingerprint: `foresight-base:${BASE_FEATURES}:seed=${o.seed}`,
      // Each window is normalised by its own statistics; this scaler is the identity, never used.
      scaler: { offset: 0, scale: 1, log: false },
      lstm: { units: o.units, lags: [day], seqFeatures: BASE_SEQ_FEATURES, denseFeatures: BASE_DENSE_FEATURES },
      base,
    };
    const artifacts = await modelToArtifacts(network, meta);
    return { model: { meta, artifacts }, meta, skipped };
  } finally {
    network.dispose();
  }
}

function definedOnly<T extends object>(x: T): Partial<T> {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as Partial<T>;
}
