/**
 * Loads a tfjs layers model (model.json + weight files) over HTTP(S) as untrusted input: one
 * deadline for the whole load ("timed out after N s"), a size cap on model.json, a content-type
 * check, weight paths kept inside the model's folder on the same origin, and weight sizes checked
 * against the manifest before (and while) they are read. tf.io.http has none of these.
 */
import { EngineError } from '../errors';
import { MAX_MODEL_JSON_BYTES, weightBytesFromSpecs } from './modelBounds';
import type { LstmArtifacts } from './persist';

export const DEFAULT_MODEL_FETCH_TIMEOUT_MS = 30_000;

export interface UrlLoadOptions {
  /** Deadline for model.json and all weight files together. */
  timeoutMs?: number;
  /** For tests; defaults to the global fetch. */
  fetchFn?: typeof fetch;
}

interface ModelJson {
  modelTopology?: unknown;
  format?: unknown;
  generatedBy?: unknown;
  convertedBy?: unknown;
  trainingConfig?: unknown;
  userDefinedMetadata?: unknown;
  weightsManifest?: unknown;
}

function bad(url: string, detail: string): EngineError {
  return new EngineError(`Could not load the model from ${url}: ${detail}`, 'bad_input');
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function describe(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : `a ${typeof x}`;
}

/** Reads a response body, refusing more than `max` bytes (declared or actual) without buffering them. */
async function readCapped(res: Response, max: number, url: string, what: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    throw bad(url, `${what} is ${declared} bytes, more than the ${max} bytes allowed.`);
  }
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    if (all.byteLength > max) {
      throw bad(url, `${what} is more than the ${max} bytes allowed.`);
    }
    return all;
  }
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw bad(url, `${what} is more than the ${max} bytes allowed.`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}

/** Weight files must stay in model.json's folder on the same origin (no `..`, no other host). */
function weightUrl(path: unknown, modelUrl: URL, url: string): URL {
  if (typeof path !== 'string' || !path) {
    throw bad(url, 'a weights path in the manifest is not a string.');
  }
  const folder = new URL('.', modelUrl);
  const resolved = new URL(path, modelUrl);
  if (resolved.origin !== modelUrl.origin || !resolved.pathname.startsWith(folder.pathname)) {
    throw bad(url, `refusing weights path "${path}" outside the model's folder.`);
  }
  return resolved;
}

// One deadline covers model.json and every weights file: the closures below share its controller and
// timer, and splitting them out would thread both through each helper for no clarity gained.
// eslint-disable-next-line max-lines-per-function -- one fetch under one deadline, read top to bottom
export async function fetchModelArtifacts(url: string, options: UrlLoadOptions = {}): Promise<LstmArtifacts> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_MODEL_FETCH_TIMEOUT_MS;
  const fetchFn = options.fetchFn ?? globalThis.fetch;
  if (!fetchFn) {
    throw bad(url, 'this runtime has no fetch.');
  }
  const modelUrl = new URL(url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const get = async (target: URL, what: string): Promise<Response> => {
    let res: Response;
    try {
      res = await fetchFn(target.href, { signal: controller.signal, credentials: 'same-origin' });
    } catch (e) {
      throw controller.signal.aborted
        ? bad(url, `timed out after ${seconds(timeoutMs)} s.`)
        : bad(url, `${what} could not be fetched (${e instanceof Error ? e.message : String(e)}).`);
    }
    if (!res.ok) {
      throw bad(url, `${what} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`);
    }
    return res;
  };
  const guard = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (e) {
      if (controller.signal.aborted && !(e instanceof EngineError && /timed out/.test(e.message))) {
        throw bad(url, `timed out after ${seconds(timeoutMs)} s.`);
      }
      throw e;
    }
  };
  try {
    return await guard(
      (async () => {
        const res = await get(modelUrl, 'model.json');
        const type = res.headers.get('content-type') ?? '';
        if (type && !/json|text\/plain|octet-stream/i.test(type)) {
          throw bad(
            url,
            `it is served as "${type}", not JSON (an error or login page looks like this: check the URL).`
          );
        }
        const text = new TextDecoder().decode(await readCapped(res, MAX_MODEL_JSON_BYTES, url, 'model.json'));
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (e) {
          throw bad(url, `model.json is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
        }
        if (typeof json !== 'object' || json === null || Array.isArray(json)) {
          throw bad(url, `model.json is ${describe(json)}, not a tfjs model object.`);
        }
        const m = json as ModelJson;
        const manifest = m.weightsManifest ?? [];
        if (!Array.isArray(manifest)) {
          throw bad(url, 'its weightsManifest is not a list.');
        }
        const specs: unknown[] = [];
        const files: URL[] = [];
        for (const group of manifest as Array<{ paths?: unknown; weights?: unknown }>) {
          if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
            throw bad(url, 'a weightsManifest group has no paths or weights.');
          }
          files.push(...group.paths.map((p) => weightUrl(p, modelUrl, url)));
          specs.push(...group.weights);
        }
        // Sizes come from the manifest first, so nothing larger than it describes is ever read.
        const expected = weightBytesFromSpecs(specs);
        const weightData = new Uint8Array(expected);
        let off = 0;
        for (const file of files) {
          const part = await readCapped(
            await get(file, file.pathname),
            expected - off,
            url,
            `weight file ${file.pathname}`
          );
          weightData.set(part, off);
          off += part.byteLength;
        }
        if (off !== expected) {
          throw bad(url, `the weight files hold ${off} bytes but the manifest describes ${expected}.`);
        }
        return {
          modelTopology: m.modelTopology as LstmArtifacts['modelTopology'],
          format: typeof m.format === 'string' ? m.format : undefined,
          generatedBy: typeof m.generatedBy === 'string' ? m.generatedBy : undefined,
          convertedBy: typeof m.convertedBy === 'string' ? m.convertedBy : undefined,
          trainingConfig: m.trainingConfig as LstmArtifacts['trainingConfig'],
          userDefinedMetadata: m.userDefinedMetadata as LstmArtifacts['userDefinedMetadata'],
          weightSpecs: specs as LstmArtifacts['weightSpecs'],
          weightData: weightData.buffer,
        };
      })()
    );
  } finally {
    clearTimeout(timer);
  }
}
