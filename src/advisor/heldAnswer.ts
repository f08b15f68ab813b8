/**
 * When the answer a series last showed is still its answer: a refresh that fetched exactly the data
 * that answer was computed on, and (for a model's own run) the same model in the cache, would compute
 * the same forecast again. The engine is deterministic, so recomputing it only takes the CPU from
 * the trainings under way. Why it matters: on a 5-minute grid a dashboard refreshed every 5 or 10 s
 * fetches the same points 30 to 60 times per new sample, and until 2026-12-05 every refresh
 * recomputed each series' quick forecast and each cached model's forecast; on the model-serving
 * dashboard set to a 7-day window those reruns left a training that outlives the refresh too little
 * CPU to finish (browser test `progressive.spec.ts`, 64 units at a 5 s refresh: still training
 * after 36 refreshes, 3 min).
 */
import type { PromSeries } from '../io/prometheus/types';
import type { FittedSeries } from './fitQuery';

function sameTimes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * Same timestamps and values, NaN equal to NaN (a gap is the same gap), and the same gaps that were
 * NaN or ±Inf in Prometheus's answer (the held answer's warning line says those).
 */
export function sameData(a: PromSeries, b: PromSeries): boolean {
  if (a === b) {
    return true;
  }
  if (a.values.length !== b.values.length || !sameTimes(a.times, b.times)) {
    return false;
  }
  if (!sameTimes(a.nonFiniteTimes ?? [], b.nonFiniteTimes ?? [])) {
    return false;
  }
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i];
    const y = b.values[i];
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) {
      return false;
    }
  }
  return true;
}

/**
 * The held answer as this run's answer from the cached model trained at `cachedTrainedAtMs`, when it
 * came from that very model (trained, fine-tuned or reused) on the same data; else undefined. It is
 * then a reuse of the cached model (`cache`), with none of the previous run's notes (a retrain's
 * "the cached model could not be used" was that run's news, not this one's).
 */
export function heldModelAnswer(
  held: FittedSeries | undefined,
  fetched: PromSeries,
  cachedTrainedAtMs: number | undefined
): FittedSeries | undefined {
  if (
    !held ||
    cachedTrainedAtMs === undefined ||
    held.run.origin === 'base' ||
    held.run.origin === 'loaded' ||
    held.run.modelTrainedAtMs !== cachedTrainedAtMs ||
    !sameData(held.series, fetched)
  ) {
    return undefined;
  }
  return { ...held, run: { ...held.run, origin: 'cache', notes: [], reused: undefined } };
}
