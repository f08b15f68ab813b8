/**
 * Runs forecasts for the data source: in a Web Worker when the environment has one, otherwise on
 * the calling thread (and says so, so the frame meta can tell the user why the page may stutter).
 *
 * One worker is kept between queries (the engine and its wasm stay warm). Cancelling asks the worker
 * to abort at the engine's next checkpoint; a worker that does not stop within a grace period is
 * terminated, the cancelled request ends as cancelled, and requests still waiting on that worker
 * move to a fresh one.
 */
import type { TrainProgress } from '../engine/api';
import type { ForecastRunner, RunOptions, RunResult } from '../advisor/ports';
import type { InitResult } from '../engine/init';
import { ForecastCancelledError, reviveError, WorkerCrashError, WorkerStartError } from './errors';
import type { MainToWorker, WorkerForecastRequest, WorkerInit, WorkerToMain } from './protocol';
import { runEngineRequest, type EngineApi } from './workerHost';

/** The subset of `Worker` the runner uses (so tests can pass a fake). */
export interface WorkerLike {
  postMessage(msg: MainToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerToMain>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
}

interface Pending {
  resolve(result: RunResult): void;
  reject(err: Error): void;
  onProgress?: (progress: TrainProgress) => void;
  /** Kept so a request can be re-posted when its worker is replaced. */
  request: WorkerForecastRequest;
  /** The worker the request is running on now. */
  worker: WorkerLike;
  /** The caller cancelled it: it ends as cancelled, never as a crash. */
  cancelled: boolean;
}

export class WorkerForecastRunner implements ForecastRunner {
  readonly mode = 'worker' as const;
  private worker?: WorkerLike;
  /** The current worker announced that its script loaded (see `WorkerStartError`). */
  private ready = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly init: WorkerInit,
    private readonly cancelGraceMs = 2_000
  ) {}

  private ensureWorker(): WorkerLike {
    if (this.worker) {
      return this.worker;
    }
    const worker = this.spawn();
    worker.onmessage = (event) => {
      if (this.worker === worker) {
        this.onMessage(event.data);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.worker === worker) {
        this.crash(event.message || 'uncaught error in the worker');
      }
    };
    worker.onmessageerror = () => this.worker === worker && this.crash('a message could not be read');
    this.worker = worker;
    this.ready = false;
    return worker;
  }

  private onMessage(msg: WorkerToMain): void {
    if (msg.type === 'ready') {
      this.ready = true;
      return;
    }
    this.ready = true;
    const pending = this.pending.get(msg.id);
    if (!pending) {
      return;
    }
    if (msg.type === 'progress') {
      pending.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === 'result') {
      pending.resolve({ outcome: msg.outcome, backend: msg.backend });
    } else {
      pending.reject(reviveError(msg.error));
    }
  }

  /**
   * Fails every request in flight and drops the worker; the next request spawns a new one.
   * A worker that dies before its script announced itself never started: that is a
   * `WorkerStartError` (the caller may fall back to the main thread), not a crash.
   */
  private crash(detail: string): void {
    const started = this.ready;
    this.worker?.terminate();
    this.worker = undefined;
    const all = Array.from(this.pending.values());
    this.pending.clear();
    for (const p of all) {
      p.reject(
        p.cancelled
          ? new ForecastCancelledError()
          : started
            ? new WorkerCrashError(detail)
            : new WorkerStartError(detail)
      );
    }
  }

  /**
   * A cancelled run did not stop within the grace period: terminate its worker, end the cancelled
   * request(s) as cancelled, and move every other request (e.g. the query that superseded it) to a
   * fresh worker, so cancelling never fails the next query.
   */
  private replaceStuckWorker(stuck: WorkerLike): void {
    if (this.worker !== stuck) {
      return;
    }
    stuck.terminate();
    this.worker = undefined;
    for (const [id, p] of Array.from(this.pending.entries())) {
      if (p.worker === stuck && p.cancelled) {
        this.pending.delete(id);
        p.reject(new ForecastCancelledError());
      }
    }
    const moving = Array.from(this.pending.entries()).filter(([, p]) => p.worker === stuck);
    if (moving.length === 0) {
      return;
    }
    const fresh = this.ensureWorker();
    for (const [id, p] of moving) {
      p.worker = fresh;
      fresh.postMessage({ type: 'forecast', id, init: this.init, request: p.request });
    }
  }

  run(request: WorkerForecastRequest, options: RunOptions = {}): Promise<RunResult> {
    if (options.signal?.aborted) {
      return Promise.reject(new ForecastCancelledError());
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<RunResult>((resolve, reject) => {
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        const entry = this.pending.get(id);
        if (!entry) {
          return;
        }
        entry.cancelled = true;
        const runningOn = entry.worker;
        runningOn.postMessage({ type: 'cancel', id });
        graceTimer = setTimeout(() => {
          // The engine did not reach a checkpoint in time: stop the computation the hard way.
          if (this.pending.get(id)?.worker === runningOn) {
            this.replaceStuckWorker(runningOn);
          }
        }, this.cancelGraceMs);
      };
      const cleanup = () => {
        options.signal?.removeEventListener('abort', onAbort);
        if (graceTimer !== undefined) {
          clearTimeout(graceTimer);
        }
      };
      this.pending.set(id, {
        resolve: (r) => {
          cleanup();
          resolve(r);
        },
        reject: (e) => {
          cleanup();
          reject(options.signal?.aborted ? new ForecastCancelledError() : e);
        },
        onProgress: options.onProgress,
        request,
        worker,
        cancelled: false,
      });
      options.signal?.addEventListener('abort', onAbort);
      worker.postMessage({ type: 'forecast', id, init: this.init, request });
    });
  }

  /** Ends the runner: its requests end as cancelled (nobody is waiting for them any more). */
  dispose(): void {
    for (const p of this.pending.values()) {
      p.cancelled = true;
    }
    this.crash('disposed');
  }
}

/** Same contract on the calling thread, for environments without Web Workers (Node, old browsers). */
export class InThreadForecastRunner implements ForecastRunner {
  readonly mode = 'in-thread' as const;
  private initPromise?: Promise<InitResult>;

  constructor(
    private readonly loadEngine: () => Promise<EngineApi>,
    private readonly initEngine: (engine: EngineApi) => Promise<InitResult>,
    readonly fallbackReason: string
  ) {}

  async run(request: WorkerForecastRequest, options: RunOptions = {}): Promise<RunResult> {
    if (options.signal?.aborted) {
      throw new ForecastCancelledError();
    }
    const engine = await this.loadEngine();
    if (!this.initPromise) {
      this.initPromise = this.initEngine(engine);
      this.initPromise.catch(() => {
        this.initPromise = undefined;
      });
    }
    // A backend that cannot start here still leaves the baselines (they need no tfjs): the engine
    // then skips the LSTM with its own reason instead of the whole forecast failing.
    const status = await this.initPromise.catch((e: unknown) => ({
      backend: `unavailable (${e instanceof Error ? e.message : String(e)})`,
      mstl: false,
    }));
    try {
      const outcome = await runEngineRequest(engine, request, options.signal, options.onProgress);
      return { outcome, backend: status.backend };
    } catch (err) {
      throw options.signal?.aborted ? new ForecastCancelledError() : err;
    }
  }

  dispose(): void {}
}
