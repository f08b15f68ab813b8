/**
 * Picks the runner for this environment: a Web Worker when `Worker` exists and can be constructed,
 * the in-thread engine otherwise.
 */
import type { EngineApi } from './workerHost';
import {
  InThreadForecastRunner,
  WorkerForecastRunner,
  type ForecastRunner,
  type RunOptions,
  type RunResult,
  type WorkerLike,
} from './runner';
import type { WorkerForecastRequest, WorkerInit } from './protocol';

export const NO_WORKER_REASON =
  'Web Workers are unavailable here, so training runs on the main thread and the page may pause while it trains';

async function loadBrowserEngine(): Promise<EngineApi> {
  const [engine, storage] = await Promise.all([import('../engine'), import('../engine/lstm/storage')]);
  return {
    forecastSeries: engine.forecastSeries,
    initEngine: engine.initEngine,
    loadModelFromUrl: storage.loadModelFromUrl,
  };
}

function inThread(init: WorkerInit, reason: string): InThreadForecastRunner {
  return new InThreadForecastRunner(
    loadBrowserEngine,
    (engine) => engine.initEngine({ wasmBaseUrl: init.wasmBaseUrl, backend: init.backend }),
    reason
  );
}

/**
 * Starts as a worker runner; if the worker cannot even be constructed (e.g. a CDN on another origin,
 * a strict CSP), switches to the in-thread runner for good and reports why.
 */
class FallbackRunner implements ForecastRunner {
  private current: ForecastRunner;
  constructor(
    private readonly init: WorkerInit,
    spawn: () => WorkerLike
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
      if (err instanceof SpawnError) {
        this.current = inThread(
          this.init,
          `The forecast worker could not start (${err.message}), so training runs on the main thread`
        );
        return this.current.run(request, options);
      }
      throw err;
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
