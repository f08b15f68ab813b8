/**
 * Runs one series' forecast under the query's model mode, using and filling the model cache:
 * - `train` (default): reuses the cached model for this fingerprint as is while it is younger than
 *   `maxModelAge` (a reload, refresh or time-range change then forecasts with the same model instead
 *   of another one); an older cached model is fine-tuned on the fresh window; none: train.
 * - `auto-retrain`: reuses the cached model as is while it is young and still beats the bar,
 *   otherwise retrains from scratch.
 * - `load`: starts from a model saved under a name or published at a URL (optionally fine-tuned).
 * A cached model the run cannot use is dropped and a new one trained, and the run says so in words
 * (`notes`) for the visible warning line.
 */
import type { ForesightRunInfo } from '../contract/frames';
import type { SavedModel } from '../engine/api';
import type { ForecastRunner, ModelCache, RunnerRequest, RunOptions, RunResult } from './ports';
import { parseDurationMs } from '../common/duration';
import { toForesightError } from './errors';
import { freshEnough, resolveSavedModel } from './models';
import type { ForecastSpec, ModelStorage } from './spec';
import type { SlotTrainings } from './trainingRuns';

/** `fine-tuned` is reported to the panel as `model: 'trained'` with `warmStart: true`. */
export type ModelOrigin = ForesightRunInfo['model'] | 'fine-tuned';

export interface ModelRunInput {
  query: ForecastSpec;
  /** The request without any saved model. */
  request: RunnerRequest;
  fingerprint: string;
  /** Cache key of the user's model name for this series, when the query names one. */
  nameKey?: string;
  /** The name to load in `load` mode (per series when the query returns several). */
  loadRef?: string;
  nowMs: number;
  cache: ModelCache;
  runner: ForecastRunner;
  storage: ModelStorage;
  baseUrl?: string;
  options: RunOptions;
  /** Trainings shared by fingerprint that outlive a cancelled query (`trainingRuns.ts`); unset: each run trains on its own. */
  training?: SlotTrainings<KeptRun>;
}

/** A run and whether its model is in the cache now. */
export interface KeptRun {
  run: ModelRun;
  kept: boolean;
}

export interface ModelRun {
  result: RunResult;
  origin: ModelOrigin;
  /** When the model the forecast used was trained (the cached model's time when one was reused). */
  modelTrainedAtMs?: number;
  /** What this step replaced or dropped, in sentences for the visible warning line. */
  notes: string[];
  /** The cached model reused as is (origin `cache`), to be kept under the user's model name too. */
  reused?: SavedModel;
}

/**
 * The cached model for this run's fingerprint, read once per run: a progressive answer asks first
 * whether the series needs a quick forecast, then runs it (with 100 series, two IndexedDB reads each).
 */
const cachedReads = new WeakMap<ModelRunInput, Promise<SavedModel | undefined>>();
function cachedModel(input: ModelRunInput): Promise<SavedModel | undefined> {
  let read = cachedReads.get(input);
  if (!read) {
    // A broken cache (private mode, quota) only costs a retrain.
    read = input.cache.get(input.fingerprint).catch(() => undefined);
    cachedReads.set(input, read);
  }
  return read;
}

/** When the model cached for this run's fingerprint was trained, if there is one (the same single read). */
export async function cachedModelTrainedAt(input: ModelRunInput): Promise<number | undefined> {
  return (await cachedModel(input))?.meta.trainedAtMs;
}

function maxModelAgeMs(query: ForecastSpec): number {
  return parseDurationMs(query.maxModelAge ?? '1d', 'maximum model age');
}

function trainedAt(result: RunResult): number | undefined {
  return result.outcome.model?.meta.trainedAtMs ?? result.outcome.report.trainedAtMs;
}

/**
 * The engine skips a candidate that fails rather than failing the run; when the LSTM was skipped
 * while starting from a saved model, the saved model is what failed.
 */
function savedModelFailure(result: RunResult): string | undefined {
  const skip = result.outcome.report.skipped?.find((s) => s.method === 'lstm');
  if (skip) {
    return skip.reason;
  }
  const note = result.outcome.report.notes?.find((n) => /^lstm skipped:/i.test(n));
  return note?.replace(/^lstm skipped:\s*/i, '');
}

/** Runs from a cached model; when it cannot be used, forgets it and trains afresh, saying why. */
async function fromCached(
  input: ModelRunInput,
  previous: SavedModel,
  origin: 'cache' | 'fine-tuned'
): Promise<ModelRun> {
  const { runner, request, options, cache, fingerprint } = input;
  let why: string | undefined;
  try {
    const result = await runner.run(
      { ...request, savedModel: previous, fineTune: origin === 'fine-tuned' ? true : undefined },
      options
    );
    why = savedModelFailure(result);
    if (!why) {
      return {
        result,
        origin,
        modelTrainedAtMs: previous.meta.trainedAtMs,
        notes: [],
        reused: origin === 'cache' ? previous : undefined,
      };
    }
  } catch (err) {
    const e = toForesightError(err);
    if (e.kind !== 'incompatible_model') {
      throw err;
    }
    why = e.message;
  }
  await cache.delete(fingerprint).catch(() => undefined);
  const result = await runner.run(request, options);
  return {
    result,
    origin: 'trained',
    modelTrainedAtMs: trainedAt(result),
    notes: [`The cached model could not be used (${why.replace(/\.$/, '')}); a new model was trained instead`],
  };
}

async function choose(input: ModelRunInput): Promise<ModelRun> {
  const { query, runner, request, options } = input;
  if (query.modelMode === 'load') {
    const source = await resolveSavedModel(input.loadRef ?? query.modelRef ?? '', {
      cache: input.cache,
      storage: input.storage,
      baseUrl: input.baseUrl,
      stepMs: request.stepMs,
    });
    const result = await runner.run({ ...request, ...source, fineTune: query.fineTune }, options);
    return {
      result,
      origin: 'loaded',
      modelTrainedAtMs: source.savedModel?.meta.trainedAtMs ?? trainedAt(result),
      notes: [],
    };
  }
  const previous = await cachedModel(input);
  const young = freshEnough(previous, input.nowMs, maxModelAgeMs(query));
  if (query.modelMode === 'auto-retrain') {
    if (young) {
      const run = await fromCached(input, young, 'cache');
      // Accuracy on the fresh window fell below the bar: retrain from scratch once.
      const rel = run.result.outcome.report.relMaeVsSeasonalNaive;
      const bar = query.maxRelMae ?? 1;
      if (run.origin === 'trained' || !(rel > bar)) {
        return run;
      }
      const result = await runner.run(request, options);
      return {
        result,
        origin: 'trained',
        modelTrainedAtMs: trainedAt(result),
        notes: [
          `The cached model's error on the fresh data is ${rel.toFixed(2)}× seasonal naive's, above the bar of ${bar}; it was retrained`,
        ],
      };
    }
    const result = await runner.run(request, options);
    return { result, origin: 'trained', modelTrainedAtMs: trainedAt(result), notes: [] };
  }
  if (young) {
    return fromCached(input, young, 'cache');
  }
  if (previous) {
    return fromCached(input, previous, 'fine-tuned');
  }
  const result = await runner.run(request, options);
  return { result, origin: 'trained', modelTrainedAtMs: trainedAt(result), notes: [] };
}

/**
 * What a quick first answer would stand in for: `none` when the user loads a model of their own or
 * asked for a method that trains nothing; `cached` when a young cached model answers (fast, but with
 * many series not instant); `training` when the series' own model must be trained first.
 */
export async function quickAnswerNeed(input: ModelRunInput): Promise<'none' | 'cached' | 'training'> {
  const { query } = input;
  if (query.modelMode === 'load' || (query.method !== 'auto' && query.method !== 'lstm')) {
    return 'none';
  }
  const young = freshEnough(await cachedModel(input), input.nowMs, maxModelAgeMs(query));
  return young ? 'cached' : 'training';
}

/**
 * The quick first answer: `auto` among the untrained methods (the base model zero-shot included).
 * Where the series has a cached model (one older than the maximum model age, being updated; or one
 * of many cached models, still loading) the answer says so, with the model's time, instead of
 * "nothing trained yet".
 */
export async function runQuick(input: ModelRunInput): Promise<ModelRun> {
  const cached = await cachedModel(input);
  // No progress ticks: quick answers take tens of ms, and the bar follows the series' own runs.
  const result = await input.runner.run({ ...input.request, quick: true }, { signal: input.options.signal });
  return {
    result,
    origin: 'base',
    modelTrainedAtMs: cached?.meta.trainedAtMs,
    notes: [
      cached
        ? "Quick forecast while this series' cached model runs on the fresh data: its forecast replaces this as soon as it is ready"
        : "Quick forecast (nothing trained yet): this series' own model replaces it as soon as it is ready",
    ],
  };
}

/**
 * The key a training is shared under: the model's fingerprint and the method, because `auto` and
 * `lstm` share a model (`modelFingerprint.ts`) but not a forecast, and a query that joins another's
 * training is answered with that training's run when its model could not be cached.
 */
export function trainingKey(input: ModelRunInput): string {
  return `${input.fingerprint} ${input.query.method}`;
}

/**
 * The series' own run. A run that trains goes through the shared trainings when there are some: a
 * refresh that cancels the query leaves the training going, and the next query joins it. A query
 * that joined a training another one started (on the data that query fetched) forecasts with the
 * model it left in the cache, on the data it fetched itself.
 */
export async function runWithModelMode(input: ModelRunInput): Promise<ModelRun> {
  const { training } = input;
  if (!training || (await quickAnswerNeed(input)) !== 'training') {
    return (await chooseAndKeep(input)).run;
  }
  const shared = await training.join(
    trainingKey(input),
    (options) => chooseAndKeep({ ...input, options }),
    input.options
  );
  if (!shared.joined || !shared.value.kept) {
    return shared.value.run;
  }
  // A new input object reads the cache again (`cachedModel` remembers one read per input).
  return (await chooseAndKeep({ ...input })).run;
}

/** Runs under the model mode and keeps what it learned: under the fingerprint, and the user's model name. */
async function chooseAndKeep(input: ModelRunInput): Promise<KeptRun> {
  const chosen = await choose(input);
  const model = chosen.result.outcome.model;
  const learned =
    chosen.origin === 'trained' ||
    chosen.origin === 'fine-tuned' ||
    (chosen.origin === 'loaded' && input.query.fineTune);
  const nameKey = input.query.modelMode !== 'load' ? input.nameKey : undefined;
  let kept = false;
  if (model && learned) {
    kept = await input.cache.put(input.fingerprint, model).then(
      () => true,
      () => false
    );
    if (nameKey) {
      await input.cache.put(nameKey, model).catch(() => undefined);
    }
  } else if (nameKey && chosen.reused) {
    // A name typed while a young cached model answers: that model is the one the name must load
    // (until 2026-12-04 only a trained model was named, and "Load" then said nothing was saved).
    await keepNamed(input.cache, nameKey, chosen.reused);
  }
  return { run: chosen, kept };
}

/** Writes `model` under `key` unless that very model is there already (one read, not a write per refresh). */
async function keepNamed(cache: ModelCache, key: string, model: SavedModel): Promise<void> {
  const there = await cache.get(key).catch(() => undefined);
  const same = there?.meta.trainedAtMs === model.meta.trainedAtMs && there?.meta.fingerprint === model.meta.fingerprint;
  if (!same) {
    await cache.put(key, model).catch(() => undefined);
  }
}
