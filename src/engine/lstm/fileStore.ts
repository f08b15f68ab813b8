/**
 * Node persistence: a tfjs IOHandler that writes `model.json` (topology, weights manifest and the
 * Foresight metadata), `weights.bin`, and a human-readable `meta.json` into a directory. The
 * layout is the standard tfjs one, so the same directory served over HTTP loads by URL.
 * Loading treats the directory as untrusted input (real-path containment, regular files only,
 * sizes checked against the manifest before reading) and ends in the one load path,
 * `normaliseSavedModel`.
 */
import { constants, existsSync, mkdirSync, promises as fsp, writeFileSync } from 'fs';
import type { FileHandle } from 'fs/promises';
import { dirname, join, resolve, sep } from 'path';
import type { SavedModel } from '../api';
import { EngineError } from '../errors';
import { tf } from '../tf';
import { MAX_MODEL_JSON_BYTES, weightBytesFromSpecs } from './modelBounds';
import { type Expected, type LstmArtifacts, type NormalisedModel, normaliseSavedModel } from './persist';

/**
 * `mkdir -p` one folder at a time. Why not `mkdirSync(dir, { recursive: true })`: Node's recursive
 * mkdir loops forever where the kernel answers ENOENT for a parent that exists (under /proc: a
 * `--out /proc/x/model` hung the CLI); creating each missing folder in turn fails with that error.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) {
      break;
    }
  }
  for (const at of missing) {
    mkdirSync(at);
  }
}

export function fileHandler(dir: string): tf.io.IOHandler {
  return {
    async save(a: LstmArtifacts): Promise<tf.io.SaveResult> {
      makeDirs(dir);
      const weights = a.weightData ? new Uint8Array(tf.io.CompositeArrayBuffer.join(a.weightData)) : new Uint8Array(0);
      const modelJson = {
        format: a.format ?? 'layers-model',
        generatedBy: a.generatedBy,
        convertedBy: a.convertedBy ?? null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs ?? [] }],
        userDefinedMetadata: a.userDefinedMetadata,
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
      writeFileSync(join(dir, 'weights.bin'), weights);
      writeFileSync(join(dir, 'meta.json'), JSON.stringify(a.userDefinedMetadata?.foresight ?? {}, null, 2));
      return {
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength },
      };
    },
    async load(): Promise<LstmArtifacts> {
      return readModelDir(dir);
    },
  };
}

export async function saveModelToDir(dir: string, model: SavedModel): Promise<void> {
  const a = model.artifacts as LstmArtifacts;
  await fileHandler(dir).save!({
    ...a,
    userDefinedMetadata: { ...(a.userDefinedMetadata ?? {}), foresight: model.meta as unknown as object },
  });
}

export async function loadModelFromDir(dir: string, expected?: Expected): Promise<NormalisedModel> {
  return normaliseSavedModel({ artifacts: await readModelDir(dir) }, expected);
}

function refuse(detail: string): never {
  throw new EngineError(detail, 'bad_input');
}

/**
 * Reads one file of a model directory as untrusted input: its real path (symlinks resolved) must
 * lie inside the directory's real path, it must be a regular file (not /dev/zero, a FIFO or a
 * socket), and it must hold at most `maxBytes` (exactly `exactBytes` when given). Opened
 * non-blocking and measured on the open descriptor, so a swap after the check gains nothing.
 */
async function readContained(
  realDir: string,
  name: string,
  limit: { maxBytes: number; exactBytes?: number }
): Promise<Buffer> {
  let real: string;
  try {
    real = await fsp.realpath(join(realDir, name));
  } catch {
    return refuse(`The model directory ${realDir} has no file ${name}.`);
  }
  if (!real.startsWith(realDir + sep)) {
    refuse(`Refusing ${name}: it resolves to ${real}, outside the model directory ${realDir}.`);
  }
  let handle: FileHandle;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
    handle = await fsp.open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return refuse(
      `Refusing ${name}: it cannot be opened as a file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      refuse(`Refusing ${name}: it is not a regular file.`);
    }
    if (stat.size > limit.maxBytes) {
      refuse(`Refusing ${name}: it is ${stat.size} bytes, more than the ${limit.maxBytes} allowed.`);
    }
    if (limit.exactBytes !== undefined && stat.size !== limit.exactBytes) {
      refuse(`Refusing ${name}: it is ${stat.size} bytes but the weights manifest describes ${limit.exactBytes}.`);
    }
    const buf = Buffer.alloc(stat.size);
    let off = 0;
    while (off < buf.byteLength) {
      const { bytesRead } = await handle.read(buf, off, buf.byteLength - off, off);
      if (bytesRead === 0) {
        refuse(`Refusing ${name}: it shrank while it was read.`);
      }
      off += bytesRead;
    }
    return buf;
  } finally {
    await handle.close();
  }
}

interface ModelJson {
  modelTopology?: object;
  format?: string;
  generatedBy?: string;
  weightsManifest?: Array<{ paths: unknown; weights: unknown }>;
  userDefinedMetadata?: Record<string, object>;
}

/** model.json + weights of a directory, every size checked before anything large is read. */
async function readModelDir(dir: string): Promise<LstmArtifacts> {
  let realDir: string;
  try {
    realDir = await fsp.realpath(dir);
  } catch {
    return refuse(`No model.json in ${dir} (the directory does not exist).`);
  }
  let text: Buffer;
  try {
    text = await readContained(realDir, 'model.json', { maxBytes: MAX_MODEL_JSON_BYTES });
  } catch (e) {
    if (e instanceof EngineError && /has no file/.test(e.message)) {
      refuse(`No model.json in ${dir}.`);
    }
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.toString('utf8'));
  } catch (e) {
    refuse(`${join(dir, 'model.json')} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    refuse(
      `${join(dir, 'model.json')} is ${json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`}, not a tfjs model object.`
    );
  }
  const m = json as ModelJson;
  const manifest = m.weightsManifest ?? [];
  if (!Array.isArray(manifest)) {
    refuse(`The weights manifest in ${dir} is not a list.`);
  }
  const paths: string[] = [];
  const specs: tf.io.WeightsManifestEntry[] = [];
  for (const group of manifest) {
    if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      refuse(`A weights manifest group in ${dir} has no paths or weights.`);
    }
    for (const p of group.paths) {
      if (typeof p !== 'string' || !p || p.includes('\0')) {
        refuse(`A weights path in ${dir} is not a file name.`);
      }
      paths.push(p);
    }
    specs.push(...(group.weights as tf.io.WeightsManifestEntry[]));
  }
  const expected = weightBytesFromSpecs(specs);
  const buffers: Buffer[] = [];
  let total = 0;
  for (const p of paths) {
    // A manifest spreads its weights over shards in order; each may hold at most what is left.
    const part = await readContained(realDir, p, { maxBytes: expected - total });
    buffers.push(part);
    total += part.byteLength;
  }
  if (total !== expected) {
    refuse(`The weight files in ${dir} hold ${total} bytes but the manifest describes ${expected}.`);
  }
  const weightData = new Uint8Array(total);
  let off = 0;
  for (const b of buffers) {
    weightData.set(b, off);
    off += b.byteLength;
  }
  return {
    modelTopology: m.modelTopology,
    format: m.format,
    generatedBy: m.generatedBy,
    weightSpecs: specs,
    weightData: weightData.buffer,
    userDefinedMetadata: m.userDefinedMetadata,
  };
}
