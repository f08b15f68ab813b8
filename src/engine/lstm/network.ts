import { tfl } from '../tf';
import { type FeatureSpec, denseFeatureCount, seqFeatureCount } from './features';

/**
 * LSTM over a short window + seasonal-lag features, direct multi-step output of residuals against
 * naive. The output layer starts at zero, so an untrained network *is* the naive forecast and
 * training can only move it where the validation loss says it helps. The seasonal features also
 * reach the output linearly, so seasonal naive is one linear map away.
 */
export function buildNetwork(spec: FeatureSpec, units: number, seed: number): tfl.LayersModel {
  const seqIn = tfl.input({ shape: [spec.window, seqFeatureCount(spec)], name: 'window' });
  const denseIn = tfl.input({ shape: [denseFeatureCount(spec)], name: 'lags' });
  const lstmOut = tfl.layers
    .lstm({
      units,
      kernelInitializer: tfl.initializers.glorotUniform({ seed }),
      recurrentInitializer: tfl.initializers.orthogonal({ seed: seed + 1 }),
      name: 'lstm',
    })
    .apply(seqIn) as tfl.SymbolicTensor;
  const joined = tfl.layers.concatenate({ name: 'join' }).apply([lstmOut, denseIn]) as tfl.SymbolicTensor;
  const hidden = tfl.layers
    .dense({
      units: 32,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 2 }),
      name: 'hidden',
    })
    .apply(joined) as tfl.SymbolicTensor;
  const all = tfl.layers.concatenate({ name: 'skip' }).apply([joined, hidden]) as tfl.SymbolicTensor;
  const out = tfl.layers
    .dense({ units: spec.horizon, kernelInitializer: 'zeros', biasInitializer: 'zeros', name: 'residual' })
    .apply(all) as tfl.SymbolicTensor;
  return tfl.model({ inputs: [seqIn, denseIn], outputs: out, name: 'foresight_lstm' });
}
