/**
 * Messages between the data source (main thread) and the forecast worker. Everything here must
 * survive structured cloning: no functions, no AbortSignals, no class instances.
 */
import type { RunnerRequest } from '../advisor/ports';
import type { ComputeBackend, ForecastOutcome, TrainProgress } from '../engine/api';

/** The runner's request, as it crosses to the worker. */
export type WorkerForecastRequest = RunnerRequest;

export interface WorkerInit {
  /** Absolute URL of the folder holding the tfjs and augurs `.wasm` files (the plugin's `wasm/`). */
  wasmBaseUrl?: string;
  /** Absolute URL of the bundle root, so chunks the worker loads lazily resolve like the main bundle's. */
  publicPath?: string;
  /** Absolute URL of the shipped base model (`engine/lstm/base/model.json` under the bundle root). */
  baseModelUrl?: string;
  backend?: ComputeBackend;
}

export type MainToWorker =
  { type: 'forecast'; id: number; init: WorkerInit; request: WorkerForecastRequest } | { type: 'cancel'; id: number };

export interface WorkerErrorPayload {
  name: string;
  message: string;
  /** EngineError code when the engine raised it on purpose. */
  code?: string;
}

export type WorkerToMain =
  /** Posted once when the worker script has loaded, so a failure to load is told apart from a crash. */
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: TrainProgress }
  | { type: 'result'; id: number; outcome: ForecastOutcome; backend: string }
  | { type: 'error'; id: number; error: WorkerErrorPayload };

export function toErrorPayload(err: unknown): WorkerErrorPayload {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return { name: err.name, message: err.message, code: typeof code === 'string' ? code : undefined };
  }
  return { name: 'Error', message: String(err) };
}
