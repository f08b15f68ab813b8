/**
 * Picks the runner for this environment: a Web Worker when `Worker` exists and can be constructed,
 * the in-thread engine otherwise.
 */
import type { EngineApi } from './workerHost';
import type { ForecastRunner, RunOptions, RunResult } from '../advisor/ports';
import { InThreadForecastRunner, WorkerForecastRunner, type WorkerLike } from './runner';
import { WorkerStartError } from './errors';
import type { WorkerForecastRequest, WorkerInit } from './protocol';

export const NO_WORKER_REASON =
  'Web Workers are unavailable here, so training runs on the main thread and the page may pause while it trains';

async function loadBrowserEngine(): Promise<EngineApi> {
  const [engine, storage] = await Promise.all([import('../engine'), import('../engine/lstm/storage')]);
  return {
    forecastSeries: engine.forecastSeries,
    initEngine: engine.initEngine,
    loadModelFromUrl: (url, options) => storage.loadModelFromUrl(url, undefined, options),
  };
}

function inThread(init: WorkerInit, reason: string): InThreadForecastRunner {
  return new InThreadForecastRunner(
    loadBrowserEngine,
    (engine) =>
      engine.initEngine({ wasmBaseUrl: init.wasmBaseUrl, backend: init.backend, baseModelUrl: init.baseModelUrl }),
    reason
  );
}

/**
 * Starts as a worker runner; if the worker cannot even be constructed (e.g. a CDN on another origin,
 * a strict CSP) or its script fails to load (404, syntax error), switches to the in-thread runner
 * for good, runs the request there and reports why. A worker that crashes mid-run (e.g. out of
 * memory) is not retried on the main thread, where the same run would freeze or kill the page.
 */
export class FallbackRunner implements ForecastRunner {
  private current: ForecastRunner;
  constructor(
    init: WorkerInit,
    spawn: () => WorkerLike,
    private readonly fallback: (reason: string) => ForecastRunner = (reason) => inThread(init, reason)
  ) {
    this.current = new WorkerForecastRunner(() => {
      try {
        return spawn();
      } catch (err) {
        throw new SpawnError(err instanceof Error ? err.message : String(err));
      }
    }, init);
  }
  get mode() {
    return this.current.mode;
  }
  get fallbackReason() {
    return this.current.fallbackReason;
  }
  async run(request: WorkerForecastRequest, options?: RunOptions): Promise<RunResult> {
    try {
      return await this.current.run(request, options);
    } catch (err) {
      const detail = err instanceof SpawnError ? err.message : err instanceof WorkerStartError ? err.detail : undefined;
      if (detail === undefined) {
        throw err;
      }
      if (this.current.mode === 'worker') {
        this.current.dispose();
        this.current = this.fallback(
          `The forecast worker could not start (${detail}), so training runs on the main thread and the page may pause while it trains`
        );
      }
      return this.current.run(request, options);
    }
  }
  dispose() {
    this.current.dispose();
  }
}

class SpawnError extends Error {}

export async function createForecastRunner(init: WorkerInit): Promise<ForecastRunner> {
  if (typeof Worker === 'undefined') {
    return inThread(init, NO_WORKER_REASON);
  }
  const { spawnForecastWorker } = await import(/* webpackMode: "eager" */ './spawnWorker');
  return new FallbackRunner(init, spawnForecastWorker as () => WorkerLike);
}
