/**
 * The worker side of the bridge, kept free of worker globals so it can be unit-tested: it receives
 * `MainToWorker` messages, initialises the engine once per settings, runs one forecast per message
 * with its own AbortController, and posts progress, result or error back.
 */
import type { ForecastOutcome, ForecastRequest, SavedModel, TrainProgress } from '../engine/api';
import type { InitOptions, InitResult } from '../engine/init';
import {
  toErrorPayload,
  type MainToWorker,
  type WorkerForecastRequest,
  type WorkerInit,
  type WorkerToMain,
} from './protocol';

export interface EngineApi {
  initEngine(opts: InitOptions): Promise<InitResult>;
  forecastSeries(req: ForecastRequest): Promise<ForecastOutcome>;
  /** Loads a published model (tfjs `model.json` + weights with Foresight metadata). */
  loadModelFromUrl?(url: string, options?: { timeoutMs?: number }): Promise<SavedModel>;
}

/** Runs one bridge request on an engine: loads the saved model from its URL first when given one. */
export async function runEngineRequest(
  engine: EngineApi,
  request: WorkerForecastRequest,
  signal: AbortSignal | undefined,
  onProgress: ((progress: TrainProgress) => void) | undefined
): Promise<ForecastOutcome> {
  const { savedModelUrl, savedModelTimeoutMs, ...rest } = request;
  let savedModel = rest.savedModel;
  if (savedModelUrl) {
    if (!engine.loadModelFromUrl) {
      throw new Error(`Loading saved models from a URL is not available here (${savedModelUrl}).`);
    }
    savedModel = await engine.loadModelFromUrl(savedModelUrl, { timeoutMs: savedModelTimeoutMs });
  }
  return engine.forecastSeries({ ...rest, savedModel, signal, onProgress });
}

export function createWorkerHost(
  engine: EngineApi,
  post: (msg: WorkerToMain) => void,
  setPublicPath?: (url: string) => void
) {
  const running = new Map<number, AbortController>();
  let initKey: string | undefined;
  let initPromise: Promise<InitResult> | undefined;

  function ensureInit(init: WorkerInit): Promise<InitResult> {
    const key = JSON.stringify(init);
    if (!initPromise || key !== initKey) {
      initKey = key;
      if (init.publicPath && setPublicPath) {
        setPublicPath(init.publicPath);
      }
      initPromise = engine.initEngine({
        wasmBaseUrl: init.wasmBaseUrl,
        backend: init.backend,
        baseModelUrl: init.baseModelUrl,
      });
      // A failed init is retried on the next request rather than cached forever.
      initPromise.catch(() => {
        initPromise = undefined;
      });
    }
    return initPromise;
  }

  async function runForecast(msg: Extract<MainToWorker, { type: 'forecast' }>): Promise<void> {
    const controller = new AbortController();
    running.set(msg.id, controller);
    try {
      const status = await ensureInit(msg.init);
      const outcome = await runEngineRequest(engine, msg.request, controller.signal, (progress) =>
        post({ type: 'progress', id: msg.id, progress })
      );
      post({ type: 'result', id: msg.id, outcome, backend: status.backend });
    } catch (err) {
      post({ type: 'error', id: msg.id, error: toErrorPayload(err) });
    } finally {
      running.delete(msg.id);
    }
  }

  return function handle(msg: MainToWorker): Promise<void> {
    if (msg.type === 'cancel') {
      running.get(msg.id)?.abort();
      return Promise.resolve();
    }
    return runForecast(msg);
  };
}
