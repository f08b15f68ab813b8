import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ComputeBackend } from './api';
import { tf } from './tf';

let wasmPathSet = false;
let active: string | undefined;
let initPromise: Promise<string> | undefined;

/** Where the tfjs wasm binaries live: a URL prefix in the browser, a directory path in Node. */
export function setTfWasmPrefix(prefix: string): void {
  setWasmPaths(prefix.endsWith('/') ? prefix : `${prefix}/`);
  wasmPathSet = true;
}

export function tfWasmPrefixSet(): boolean {
  return wasmPathSet;
}

/**
 * Selects a tfjs backend. `auto` and `wasm` try wasm then fall back to cpu; `webgl` is used only if
 * a webgl backend has been registered by the host (this bundle ships none) — else wasm, then cpu.
 * Returns the backend actually in use.
 */
export async function selectBackend(want: ComputeBackend = 'auto'): Promise<string> {
  const order: string[] = want === 'cpu' ? ['cpu'] : want === 'webgl' ? ['webgl', 'wasm', 'cpu'] : ['wasm', 'cpu'];
  for (const name of order) {
    if (!tf.findBackendFactory(name)) {
      continue;
    }
    if (active === name && tf.getBackend() === name) {
      return name;
    }
    try {
      const ok = await tf.setBackend(name);
      if (ok) {
        await tf.ready();
        active = name;
        return name;
      }
    } catch {
      // try the next backend
    }
  }
  throw new Error(`No TensorFlow.js backend could start (tried ${order.join(', ')}).`);
}

/** Lazily selects the default backend once (used when the host never called initEngine). */
export function ensureBackend(): Promise<string> {
  if (active && tf.getBackend() === active) {
    return Promise.resolve(active);
  }
  initPromise ??= selectBackend('auto').finally(() => {
    initPromise = undefined;
  });
  return initPromise;
}

export function activeBackend(): string {
  return active ?? 'none';
}
