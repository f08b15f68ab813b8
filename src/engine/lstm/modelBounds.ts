/**
 * Saved model files are untrusted input. Before tfjs builds a network from a topology it allocates
 * every weight the topology implies (a `"units": 100000000` LSTM took > 3 GB before any check), so
 * the topology and the weights manifest are measured here first, as plain JSON, against stated caps.
 *
 * Only the layer kinds this engine saves are accepted (InputLayer, LSTM, Dense, Concatenate); the
 * parameter count is inferred from the graph exactly as tfjs would build it, and must match the
 * weights manifest, whose byte total must match the weight data.
 */
import { EngineError } from '../errors';

/** Largest LSTM the engine will load (the default is 16 units). */
export const MAX_LSTM_UNITS = 1024;
/** Largest dense layer: the output layer has one unit per horizon step (MAX_HORIZON is 10,000). */
export const MAX_DENSE_UNITS = 10_000;
/** The engine's network has 7 layers. */
export const MAX_MODEL_LAYERS = 16;
/** Any one input dimension (window steps, features). */
export const MAX_INPUT_DIM = 100_000;
/** 8 million parameters = 32 MB of float32 weights: far above any network this engine trains. */
export const MAX_MODEL_PARAMS = 8_000_000;
export const MAX_WEIGHT_BYTES = MAX_MODEL_PARAMS * 4;
/** model.json holds the topology (~2 KB) and the Foresight metadata with its report (tens of KB). */
export const MAX_MODEL_JSON_BYTES = 4 * 1024 * 1024;

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function refuse(detail: string): never {
  throw new EngineError(`Refusing the saved model: ${detail}.`, 'bad_input');
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function positiveInt(x: unknown, max: number, what: string): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1) {
    refuse(`${what} is ${JSON.stringify(x)}, not a positive whole number`);
  }
  if (x > max) {
    refuse(`${what} is ${x}, above the limit of ${max}`);
  }
  return x;
}

/** Checks the manifest entries' shapes and dtypes; returns the bytes the weight data must hold. */
export function weightBytesFromSpecs(specs: unknown): number {
  if (!Array.isArray(specs)) {
    refuse('the weights manifest is missing');
  }
  let bytes = 0;
  for (const spec of specs) {
    if (!isRecord(spec) || typeof spec.name !== 'string' || !Array.isArray(spec.shape)) {
      refuse('a weights manifest entry has no name or shape');
    }
    if ('quantization' in spec && spec.quantization !== undefined) {
      refuse(`weight ${spec.name} is quantized, which this engine never saves`);
    }
    const size = BYTES_PER_ELEMENT[String(spec.dtype)];
    if (!size) {
      refuse(`weight ${spec.name} has dtype ${JSON.stringify(spec.dtype)}`);
    }
    let elements = 1;
    for (const d of spec.shape) {
      elements *= positiveInt(d, MAX_MODEL_PARAMS, `a dimension of weight ${spec.name}`);
      if (elements > MAX_MODEL_PARAMS) {
        refuse(`weight ${spec.name} has more than ${MAX_MODEL_PARAMS} elements`);
      }
    }
    bytes += elements * size;
    if (bytes > MAX_WEIGHT_BYTES) {
      refuse(`its weights take more than ${MAX_WEIGHT_BYTES} bytes`);
    }
  }
  return bytes;
}

type InboundRef = [string, number, number, ...unknown[]];

function layerList(topology: unknown): Array<Record<string, unknown>> {
  let t = topology;
  if (isRecord(t) && isRecord(t.model_config)) {
    t = t.model_config;
  }
  if (!isRecord(t) || !isRecord(t.config) || !Array.isArray(t.config.layers)) {
    refuse('the topology is not a tfjs layers model');
  }
  const layers = t.config.layers;
  if (layers.length > MAX_MODEL_LAYERS) {
    refuse(`it has ${layers.length} layers, above the limit of ${MAX_MODEL_LAYERS}`);
  }
  return layers.map((l) => (isRecord(l) ? l : refuse('a layer is not an object')));
}

function inboundNames(layer: Record<string, unknown>): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length > 1) {
    refuse(`layer ${String(layer.name)} is shared or malformed`);
  }
  const refs = (nodes[0] ?? []) as unknown;
  if (!Array.isArray(refs)) {
    refuse(`layer ${String(layer.name)} has malformed inputs`);
  }
  return refs.map((r) =>
    Array.isArray(r) && typeof (r as InboundRef)[0] === 'string'
      ? (r as InboundRef)[0]
      : refuse(`layer ${String(layer.name)} has malformed inputs`)
  );
}

/**
 * Infers the last dimension of every layer's output and the parameters each layer allocates,
 * in file order (tfjs requires inputs before their consumers). Returns the parameter total.
 */
export function topologyParamCount(topology: unknown): number {
  const layers = layerList(topology);
  const width = new Map<string, number>();
  let params = 0;
  for (const layer of layers) {
    const name = typeof layer.name === 'string' ? layer.name : refuse('a layer has no name');
    const cfg = isRecord(layer.config) ? layer.config : refuse(`layer ${name} has no config`);
    const inputs = inboundNames(layer).map((n) => width.get(n) ?? refuse(`layer ${name} reads unknown layer ${n}`));
    const oneInput = () => (inputs.length === 1 ? inputs[0] : refuse(`layer ${name} needs exactly one input`));
    let out: number;
    switch (layer.class_name) {
      case 'InputLayer': {
        const shape = cfg.batch_input_shape;
        if (!Array.isArray(shape) || shape.length < 2 || shape.length > 3) {
          refuse(`input ${name} has no usable shape`);
        }
        const dims = shape.slice(1).map((d) => positiveInt(d, MAX_INPUT_DIM, `a dimension of input ${name}`));
        out = dims[dims.length - 1];
        break;
      }
      case 'LSTM': {
        const units = positiveInt(cfg.units, MAX_LSTM_UNITS, `the units of LSTM layer ${name}`);
        params += 4 * units * (oneInput() + units + 1);
        out = units;
        break;
      }
      case 'Dense': {
        const units = positiveInt(cfg.units, MAX_DENSE_UNITS, `the units of dense layer ${name}`);
        params += oneInput() * units + units;
        out = units;
        break;
      }
      case 'Concatenate':
        if (cfg.axis !== -1 && cfg.axis !== undefined) {
          refuse(`layer ${name} concatenates on axis ${String(cfg.axis)}`);
        }
        out = inputs.reduce((s, w) => s + w, 0);
        break;
      default:
        refuse(`layer kind ${JSON.stringify(layer.class_name)} is not one this engine saves`);
    }
    if (params > MAX_MODEL_PARAMS) {
      refuse(`its network needs more than ${MAX_MODEL_PARAMS} parameters`);
    }
    width.set(name, out);
  }
  return params;
}

/**
 * Everything checked before tfjs allocates: topology within the caps, the manifest describing
 * exactly the parameters the topology implies, and the weight data holding exactly that many bytes.
 */
export function assertModelBounded(topology: unknown, specs: unknown, weightDataBytes: number): void {
  const params = topologyParamCount(topology);
  const bytes = weightBytesFromSpecs(specs);
  const elements = (specs as WeightSpec[]).reduce((s, w) => s + w.shape.reduce((p, d) => p * d, 1), 0);
  if (elements !== params) {
    refuse(`its topology needs ${params} parameters but the weights manifest lists ${elements}`);
  }
  if (weightDataBytes !== bytes) {
    refuse(`the weight data holds ${weightDataBytes} bytes but the manifest describes ${bytes}`);
  }
}

/**
 * Every float weight is finite. Why: a weights file of NaN (corrupted on disk, or hand-edited) has
 * the right size, so every other check passed; the model then forecast nothing but NaN, and the
 * headless runner still published a replica plan from "no usable load value". Refused here, it is
 * a bad file like a truncated one: the caches delete it and train afresh.
 */
export function assertWeightsFinite(specs: WeightSpec[], data: ArrayBuffer): void {
  let offset = 0;
  for (const w of specs) {
    const n = w.shape.reduce((p, d) => p * d, 1);
    const size = BYTES_PER_ELEMENT[w.dtype ?? 'float32'] ?? 4;
    if ((w.dtype ?? 'float32') === 'float32') {
      // a copy where the offset is not 4-aligned (only after a bool weight)
      const values =
        offset % 4 === 0 ? new Float32Array(data, offset, n) : new Float32Array(data.slice(offset, offset + 4 * n));
      if (!values.every(Number.isFinite)) {
        refuse(`weight ${w.name} holds NaN or infinite values (a corrupted file)`);
      }
    }
    offset += n * size;
  }
}
