/**
 * What the use case needs from the outside world, as interfaces: a Prometheus to read ranges from, a
 * forecast runner (a Web Worker in the page, the calling thread in Node), a model store (IndexedDB in
 * the page, files on disk in the headless runner) and a clock. The front doors (the Grafana data
 * source, the headless runner) implement them; the use case never knows which one it runs under.
 */
import type { ForecastOutcome, ForecastRequest, SavedModel, TrainProgress } from '../engine/api';
import type { PromSeries } from '../io/prometheus/types';

/** One range query on a step grid, as the use case asks for it. */
export interface RangeRequest {
  /** The query's id, for error messages that name it. */
  refId: string;
  /** PromQL, already interpolated; `$__interval`/`$__range` are bound per request by `bindRange`. */
  expr: string;
  legendFormat?: string;
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Expected points per series (≤ 11,000: the caller plans chunks). */
  points: number;
}

/** A Prometheus (direct HTTP, or a Grafana data source) that answers range queries. */
export interface RangeSource {
  /** Shown in errors: "Prometheus \"demo\" did not answer within 60 s". */
  readonly name: string;
  /** Per-request deadline in ms, applied by the source. */
  readonly timeoutMs?: number;
  queryRange(request: RangeRequest, signal?: AbortSignal): Promise<PromSeries[]>;
  /**
   * Binds range variables a front door knows about (`$__interval`, `$__range` in Grafana) for one
   * request's step and span; identity where there are none.
   */
  bindRange?(expr: string, stepMs: number, spanMs: number): string;
}

/**
 * A forecast request without its callbacks (progress and cancellation travel separately), plus an
 * optional URL of a saved model the runner loads itself (so tfjs stays off the main thread).
 */
export type RunnerRequest = Omit<ForecastRequest, 'onProgress' | 'signal'> & {
  savedModelUrl?: string;
  /** Deadline for loading `savedModelUrl` (model.json and weights together); default 30 s. */
  savedModelTimeoutMs?: number;
};

export interface RunOptions {
  onProgress?: (progress: TrainProgress) => void;
  signal?: AbortSignal;
}

export interface RunResult {
  outcome: ForecastOutcome;
  backend: string;
}

/** Runs the engine: in a Web Worker (page), or on the calling thread (Node, or a page without workers). */
export interface ForecastRunner {
  readonly mode: 'worker' | 'in-thread';
  /** Why computation runs on the main thread of a page, when it does. */
  readonly fallbackReason?: string;
  run(request: RunnerRequest, options?: RunOptions): Promise<RunResult>;
  dispose(): void;
}

/** Trained models by key: fingerprints of cached models, and `name:` keys of models saved by name. */
export interface ModelCache {
  readonly kind: 'indexeddb' | 'memory' | 'disk';
  get(key: string): Promise<SavedModel | undefined>;
  put(key: string, model: SavedModel): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Keys of models saved under a name, kept apart from fingerprints. */
export function namedModelKey(name: string): string {
  return `name:${name.trim()}`;
}

/** Is this key a model saved under a user's name (never evicted), rather than a cache fingerprint? */
export function isNamedModelKey(key: string): boolean {
  return key.startsWith(namedModelKey(''));
}

export interface Clock {
  now(): number;
}
