/**
 * Runs forecasts for the data source: in a Web Worker when the environment has one, otherwise on
 * the calling thread (and says so, so the frame meta can tell the user why the page may stutter).
 *
 * One worker is kept between queries (the engine and its wasm stay warm). Cancelling asks the worker
 * to abort at the engine's next checkpoint; a worker that does not answer within a grace period is
 * terminated and a fresh one is spawned for the next request.
 */
import type { ForecastOutcome, TrainProgress } from '../engine/api';
import type { InitResult } from '../engine/init';
import { ForecastCancelledError, reviveError, WorkerCrashError } from './errors';
import type { MainToWorker, WorkerForecastRequest, WorkerInit, WorkerToMain } from './protocol';
import { runEngineRequest, type EngineApi } from './workerHost';

export interface RunOptions {
  onProgress?: (progress: TrainProgress) => void;
  signal?: AbortSignal;
}

export interface RunResult {
  outcome: ForecastOutcome;
  backend: string;
}

export interface ForecastRunner {
  readonly mode: 'worker' | 'in-thread';
  /** Why computation runs on the main thread, when it does. */
  readonly fallbackReason?: string;
  run(request: WorkerForecastRequest, options?: RunOptions): Promise<RunResult>;
  dispose(): void;
}

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
}

export class WorkerForecastRunner implements ForecastRunner {
  readonly mode = 'worker' as const;
  private worker?: WorkerLike;
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
    worker.onmessage = (event) => this.onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.crash(event.message || 'uncaught error in the worker');
    };
    worker.onmessageerror = () => this.crash('a message could not be read');
    this.worker = worker;
    return worker;
  }

  private onMessage(msg: WorkerToMain): void {
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

  /** Fails every request in flight and drops the worker; the next request spawns a new one. */
  private crash(detail: string): void {
    this.worker?.terminate();
    this.worker = undefined;
    const all = Array.from(this.pending.values());
    this.pending.clear();
    for (const p of all) {
      p.reject(new WorkerCrashError(detail));
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
        worker.postMessage({ type: 'cancel', id });
        graceTimer = setTimeout(() => {
          // The engine did not reach a checkpoint in time: stop the computation the hard way.
          if (this.pending.has(id) && this.worker === worker) {
            this.pending.delete(id);
            this.crash('terminated after cancellation');
            reject(new ForecastCancelledError());
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
      });
      options.signal?.addEventListener('abort', onAbort);
      worker.postMessage({ type: 'forecast', id, init: this.init, request });
    });
  }

  dispose(): void {
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
    const status = await this.initPromise;
    try {
      const outcome = await runEngineRequest(engine, request, options.signal, options.onProgress);
      return { outcome, backend: status.backend };
    } catch (err) {
      throw options.signal?.aborted ? new ForecastCancelledError() : err;
    }
  }

  dispose(): void {}
}
