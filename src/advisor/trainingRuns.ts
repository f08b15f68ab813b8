/**
 * Training runs that outlive the query that started them, one per model fingerprint.
 *
 * Why: a dashboard on auto-refresh cancels its query at every refresh. Until 2026-12-05 that
 * cancelled the series' training in the worker too, and the next refresh started it again from
 * nothing: at Grafana's 5 s minimum refresh, a series whose training took longer than the gap
 * between two refreshes was never trained. Now the caller stops waiting, the training goes on, keeps
 * its model in the cache when it lands, and the next query for the same model joins it instead of
 * starting another. Two panels that ask for the same model share one training the same way.
 *
 * A training nobody waits for any more gives way as soon as a different one starts (the user edited
 * the query, so that model is no longer what the panel asks for): the worker trains one thing at a
 * time that someone is waiting for, plus at most the one that was cut short.
 */
import type { TrainProgress } from '../engine/api';
import { ForesightError } from './errors';
import type { RunOptions } from './ports';

interface InFlight<T> {
  done: Promise<T>;
  stop: AbortController;
  /** Progress callbacks of the queries waiting for it. */
  listeners: Set<(progress: TrainProgress) => void>;
}

export class TrainingRuns<T> {
  private readonly runs = new Map<string, InFlight<T>>();

  /** Whether a training for this model is under way (a dashboard trains those first: they are the closest to done). */
  has(key: string): boolean {
    return this.runs.has(key);
  }

  /**
   * Waits for the training of `key`: joins the one in flight, or starts `train` with a signal of its
   * own. The caller's signal ends only the caller's wait (as cancelled); the training goes on.
   * `joined`: the answer came from a training another query started (on the data it had fetched).
   */
  async join(
    key: string,
    train: (options: RunOptions) => Promise<T>,
    options: RunOptions
  ): Promise<{ value: T; joined: boolean }> {
    if (options.signal?.aborted) {
      throw cancelled();
    }
    const waiting = this.runs.get(key);
    const run = waiting ?? this.start(key, train);
    const listener = (p: TrainProgress) => options.onProgress?.(p);
    run.listeners.add(listener);
    try {
      return { value: await untilCancelled(run.done, options.signal), joined: waiting !== undefined };
    } finally {
      run.listeners.delete(listener);
    }
  }

  private start(key: string, train: (options: RunOptions) => Promise<T>): InFlight<T> {
    // A training cut short that nobody joined is for a model no query asks for now.
    for (const [other, run] of this.runs) {
      if (other !== key && run.listeners.size === 0) {
        run.stop.abort();
        this.runs.delete(other);
      }
    }
    const stop = new AbortController();
    const listeners = new Set<(progress: TrainProgress) => void>();
    const done = train({ signal: stop.signal, onProgress: (p) => listeners.forEach((l) => l(p)) });
    const run: InFlight<T> = { done, stop, listeners };
    this.runs.set(key, run);
    const forget = () => {
      if (this.runs.get(key) === run) {
        this.runs.delete(key);
      }
    };
    // Nobody may be waiting when it fails (its query was cancelled): that is not an unhandled rejection.
    done.then(forget, forget);
    return run;
  }
}

const cancelled = () => new ForesightError('cancelled', 'Forecast cancelled (the query was superseded).');

/** `done`, or a cancellation as soon as `signal` aborts (`done` goes on). `join` checked it had not yet. */
function untilCancelled<T>(done: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) {
    return done;
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    done.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
