/**
 * Node persistence: a tfjs IOHandler that writes `model.json` (topology, weights manifest and the
 * Foresight metadata), `weights.bin`, and a human-readable `meta.json` into a directory. The
 * layout is the standard tfjs one, so the same directory served over HTTP loads with tf.io.http.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'fs';
import { join } from 'path';
import { EngineError } from '../errors';
import { tf } from '../tf';
import type { Expected, LstmArtifacts } from './persist';
import { type StoredModel, validateStored } from './storage';

export function fileHandler(dir: string): tf.io.IOHandler {
  return {
    async save(a: LstmArtifacts): Promise<tf.io.SaveResult> {
      mkdirSync(dir, { recursive: true });
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
      const path = join(dir, 'model.json');
      if (!existsSync(path)) {
        throw new EngineError(`No model.json in ${dir}.`, 'bad_input');
      }
      let json: {
        modelTopology?: object;
        format?: string;
        generatedBy?: string;
        weightsManifest?: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
        userDefinedMetadata?: Record<string, object>;
      };
      try {
        json = JSON.parse(readFileSync(path, 'utf8'));
      } catch (e) {
        throw new EngineError(`${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, 'bad_input');
      }
      const manifest = json.weightsManifest ?? [];
      const buffers: Uint8Array[] = [];
      const specs: tf.io.WeightsManifestEntry[] = [];
      for (const group of manifest) {
        for (const p of group.paths) {
          if (p.includes('..') || p.startsWith('/')) {
            throw new EngineError(`Refusing weights path outside the model directory: ${p}`, 'bad_input');
          }
          buffers.push(readFileSync(join(dir, p)));
        }
        specs.push(...group.weights);
      }
      const total = buffers.reduce((s, b) => s + b.byteLength, 0);
      const weightData = new Uint8Array(total);
      let off = 0;
      for (const b of buffers) {
        weightData.set(b, off);
        off += b.byteLength;
      }
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        weightSpecs: specs,
        weightData: weightData.buffer,
        userDefinedMetadata: json.userDefinedMetadata,
      };
    },
  };
}

export async function saveModelToDir(dir: string, model: StoredModel): Promise<void> {
  const a = model.artifacts as LstmArtifacts;
  await fileHandler(dir).save!({
    ...a,
    userDefinedMetadata: { ...(a.userDefinedMetadata ?? {}), foresight: model.meta as unknown as object },
  });
}

export async function loadModelFromDir(dir: string, expected?: Expected): Promise<StoredModel> {
  const a = await fileHandler(dir).load!();
  return validateStored(a, expected);
}
