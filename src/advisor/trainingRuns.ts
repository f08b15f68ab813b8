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
 * Each query slot (dashboard/panel/refId) joins through its own view, `for(slot)`. A training nobody
 * waits for any more gives way as soon as **the same slot** starts a different one (the user edited
 * the query, so that model is no longer what the panel asks for): the worker trains what someone
 * waits for, plus at most one training cut short per slot. Why per slot: with one rule for the
 * whole dashboard, one panel's next training stopped the training another panel's refresh had just
 * cut short, before that panel's next run could join it, and it started again from nothing
 * (until 2026-12-05). A slot that is gone (a closed dashboard) leaves at most its one training to
 * finish, which keeps its model for the next visit; every training ends (epochs, time limit).
 */
import type { TrainProgress } from '../engine/api';
import { ForesightError } from './errors';
import type { RunOptions } from './ports';

/** The trainings as one query slot sees them. */
export interface SlotTrainings<T> {
  has(key: string): boolean;
  join(
    key: string,
    train: (options: RunOptions) => Promise<T>,
    options: RunOptions
  ): Promise<{ value: T; joined: boolean }>;
}

interface InFlight<T> {
  done: Promise<T>;
  /** The slot that asked for it last: only that slot's next training stops it once nobody waits. */
  slot: string;
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

  /** The view of one query slot (dashboard/panel/refId). */
  for(slot: string): SlotTrainings<T> {
    return { has: (key) => this.has(key), join: (key, train, options) => this.join(key, train, options, slot) };
  }

  /**
   * Waits for the training of `key`: joins the one in flight, or starts `train` with a signal of its
   * own. The caller's signal ends only the caller's wait (as cancelled); the training goes on.
   * `joined`: the answer came from a training another query started (on the data it had fetched).
   */
  async join(
    key: string,
    train: (options: RunOptions) => Promise<T>,
    options: RunOptions,
    slot = ''
  ): Promise<{ value: T; joined: boolean }> {
    if (options.signal?.aborted) {
      throw cancelled();
    }
    const waiting = this.runs.get(key);
    const run = waiting ?? this.start(key, train, slot);
    run.slot = slot;
    const listener = (p: TrainProgress) => options.onProgress?.(p);
    run.listeners.add(listener);
    try {
      return { value: await untilCancelled(run.done, options.signal), joined: waiting !== undefined };
    } finally {
      run.listeners.delete(listener);
    }
  }

  private start(key: string, train: (options: RunOptions) => Promise<T>, slot: string): InFlight<T> {
    // A training this slot cut short and did not join is for a model the slot no longer asks for.
    for (const [other, run] of this.runs) {
      if (other !== key && run.slot === slot && run.listeners.size === 0) {
        run.stop.abort();
        this.runs.delete(other);
      }
    }
    const stop = new AbortController();
    const listeners = new Set<(progress: TrainProgress) => void>();
    const done = train({ signal: stop.signal, onProgress: (p) => listeners.forEach((l) => l(p)) });
    const run: InFlight<T> = { done, slot, stop, listeners };
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
