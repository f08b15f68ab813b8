/**
 * Node twin of `initEngine` (CLI, bench, tests): wasm binaries are read from node_modules.
 * Not imported by the browser bundle (uses fs/path).
 */
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import type { ComputeBackend } from './api';
import { selectBackend, setTfWasmPrefix } from './backend';
import type { InitResult } from './init';
import { mstlAvailable, setMstlModule } from './mstl';

export async function initEngineNode(opts: { backend?: ComputeBackend; mstl?: boolean } = {}): Promise<InitResult> {
  const tfWasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  setTfWasmPrefix(`${tfWasmDir}/`);
  const backend = await selectBackend(opts.backend ?? 'auto');
  let mstlError: string | undefined;
  if (opts.mstl !== false && !mstlAvailable()) {
    try {
      const m = await import('@bsull/augurs/mstl');
      const wasmPath = join(dirname(require.resolve('@bsull/augurs/mstl')), 'mstl_bg.wasm');
      m.initSync({ module: readFileSync(wasmPath) });
      setMstlModule(m);
    } catch (e) {
      // Jest (CommonJS) cannot load augurs' ES module; the CLI and bench (tsx) can.
      mstlError = `MSTL unavailable: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return { backend, mstl: mstlAvailable(), mstlError };
}
