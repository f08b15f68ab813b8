import type { ComputeBackend } from './api';
import { activeBackend, selectBackend, setTfWasmPrefix } from './backend';
import { isBaseModelSource, setBaseModelSource } from './lstm/baseModel';
import { loadModelFromUrl } from './lstm/storage';
import { mstlAvailable, setMstlModule } from './mstl';

export interface InitOptions {
  /**
   * URL prefix (browser/worker) where the tfjs wasm binaries (`tfjs-backend-wasm*.wasm`) and augurs'
   * `mstl_bg.wasm` are served. Without it tfjs looks next to the script and MSTL stays unavailable.
   */
  wasmBaseUrl?: string;
  /** Overrides where `mstl_bg.wasm` is fetched from (defaults to `${wasmBaseUrl}/mstl_bg.wasm`). */
  augursMstlWasmUrl?: string;
  backend?: ComputeBackend;
  /**
   * URL of the shipped base model's `model.json` (the plugin's `engine/lstm/base/`): with it,
   * `lstm_base` answers zero-shot and `lstm` is fine-tuned from the base. Loaded on first use.
   */
  baseModelUrl?: string;
}

/** How long the base model's files may take to arrive before lstm_base is skipped (and lstm trains from scratch). */
const BASE_MODEL_TIMEOUT_MS = 30_000;
/** The loader set for the base model's URL: initialising again with the same URL keeps the loaded model. */
let baseModelLoader: { url: string; load: () => Promise<unknown> } | undefined;

export interface InitResult {
  backend: string;
  mstl: boolean;
  /** Why MSTL is unavailable, when it is (auto then chooses among the others). */
  mstlError?: string;
}

/**
 * Browser / Web Worker initialisation: points tfjs at its wasm files, starts the backend (wasm with
 * cpu fallback) and loads augurs' MSTL from a URL. Safe to call more than once.
 * Node uses `initEngineNode` from `src/engine/node.ts` (file paths instead of URLs).
 */
export async function initEngine(opts: InitOptions = {}): Promise<InitResult> {
  const base = opts.wasmBaseUrl?.replace(/\/+$/, '');
  if (base) {
    setTfWasmPrefix(`${base}/`);
  }
  const backend = await selectBackend(opts.backend ?? 'auto');
  if (opts.baseModelUrl) {
    selectBaseModelUrl(opts.baseModelUrl);
  }
  let mstlError: string | undefined;
  const mstlUrl = opts.augursMstlWasmUrl ?? (base ? `${base}/mstl_bg.wasm` : undefined);
  if (!mstlAvailable() && mstlUrl) {
    try {
      const m = await import('@bsull/augurs/mstl');
      await m.default({ module_or_path: mstlUrl });
      setMstlModule(m);
    } catch (e) {
      mstlError = `MSTL could not load from ${mstlUrl}: ${e instanceof Error ? e.message : String(e)}`;
    }
  } else if (!mstlAvailable()) {
    mstlError = 'MSTL needs wasmBaseUrl or augursMstlWasmUrl';
  }
  return { backend, mstl: mstlAvailable(), mstlError };
}

function selectBaseModelUrl(url: string): void {
  let loader = baseModelLoader;
  if (loader?.url !== url) {
    loader = { url, load: () => loadModelFromUrl(url, undefined, { timeoutMs: BASE_MODEL_TIMEOUT_MS }) };
    baseModelLoader = loader;
  }
  if (!isBaseModelSource(loader.load)) {
    setBaseModelSource(loader.load);
  }
}

export function engineStatus(): { backend: string; mstl: boolean } {
  return { backend: activeBackend(), mstl: mstlAvailable() };
}
