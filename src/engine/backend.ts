import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ComputeBackend } from './api';
import { tf } from './tf';

let wasmPathSet = false;
let active: string | undefined;
let initPromise: Promise<string> | undefined;
let webglLoad: Promise<boolean> | undefined;
let webglRefusal: string | undefined;

/**
 * Software WebGL (SwiftShader, llvmpipe) is no GPU: for this small LSTM it measured about 4× slower
 * than wasm plus seconds of shader compilation (shared NOTES), so it is refused like a missing one.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/** tfjs's webgl backend, loaded on demand (its own chunk: most users never ask for it). */
function loadWebgl(): Promise<boolean> {
  if (tf.findBackendFactory('webgl')) {
    return Promise.resolve(true);
  }
  webglLoad ??= import('@tensorflow/tfjs-backend-webgl').then(
    () => true,
    () => false
  );
  return webglLoad;
}

/** The renderer behind the active webgl backend, e.g. "ANGLE (NVIDIA …)" or "SwiftShader". */
function webglRenderer(): string {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
  const gl = backend.gpgpu?.gl;
  if (!gl) {
    return 'unknown';
  }
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** Why a requested webgl backend was not used, for the forecast report's notes. */
export function webglRefusalReason(): string | undefined {
  return webglRefusal;
}

/** Where the tfjs wasm binaries live: a URL prefix in the browser, a directory path in Node. */
export function setTfWasmPrefix(prefix: string): void {
  setWasmPaths(prefix.endsWith('/') ? prefix : `${prefix}/`);
  wasmPathSet = true;
}

export function tfWasmPrefixSet(): boolean {
  return wasmPathSet;
}

/**
 * Selects a tfjs backend. `auto` and `wasm` try wasm then fall back to cpu. `webgl` loads tfjs's
 * webgl backend and keeps it only on a hardware GPU (a software renderer is refused, see above) —
 * else wasm, then cpu. `auto` never picks webgl: this model is small, its time goes on per-op
 * overhead, not arithmetic, and wasm wins there. Returns the backend actually in use.
 */
export async function selectBackend(want: ComputeBackend = 'auto'): Promise<string> {
  const order: string[] = want === 'cpu' ? ['cpu'] : want === 'webgl' ? ['webgl', 'wasm', 'cpu'] : ['wasm', 'cpu'];
  for (const name of order) {
    if (name === 'webgl' && !(await loadWebgl())) {
      webglRefusal = 'the webgl backend could not be loaded';
      continue;
    }
    if (!tf.findBackendFactory(name)) {
      if (name === 'webgl') {
        // tfjs registers webgl only in a browser (window or worker); Node has none.
        webglRefusal = 'no WebGL outside a browser';
      }
      continue;
    }
    if (active === name && tf.getBackend() === name) {
      return name;
    }
    try {
      const ok = await tf.setBackend(name);
      if (ok) {
        await tf.ready();
        if (name === 'webgl') {
          const renderer = webglRenderer();
          if (SOFTWARE_RENDERER.test(renderer)) {
            webglRefusal = `WebGL here is a software renderer (${renderer}), slower than wasm`;
            continue;
          }
          webglRefusal = undefined;
        }
        active = name;
        return name;
      }
      if (name === 'webgl') {
        webglRefusal = 'this browser offers no usable WebGL context';
      }
    } catch (e) {
      // try the next backend
      if (name === 'webgl') {
        webglRefusal = `WebGL could not start: ${e instanceof Error ? e.message : String(e)}`;
      }
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
