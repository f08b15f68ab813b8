/**
 * The one place the engine imports TensorFlow.js: a minimal bundle (core + layers + wasm + cpu).
 * Chained ops are required with a minimal bundle: see ./chainedOps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerChainedOps } from './chainedOps';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';

registerChainedOps();

export { tf, tfl };
