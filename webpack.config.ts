/**
 * Thin extension of the scaffold's managed webpack config (.config/webpack/webpack.config.ts).
 *
 * Adds what the nested plugins need that the scaffold does not copy by itself:
 * - the nested plugins' logos (`datasource/img`, `panel/img`);
 * - the TensorFlow.js WebAssembly binaries, served from the data source's public path so the
 *   training worker can load them the way Grafana serves any plugin asset (no CDN at run time);
 * - the pretrained base model (`src/engine/lstm/base/`), served the same way.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

const tfjsWasmDir = path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const augursDir = path.resolve(process.cwd(), 'node_modules/@bsull/augurs');

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  // FORESIGHT_BUILD_DIR builds into another folder (e.g. a private dist while another build is served);
  // serve it with FORESIGHT_PLAYGROUND_DIST. The managed config's %VERSION% replacement still targets
  // dist/, so a build elsewhere keeps the placeholder in its plugin.json (fine for tests, not a release).
  const outDir = process.env.FORESIGHT_BUILD_DIR;
  return merge(baseConfig, {
    ...(outDir ? { output: { path: path.resolve(process.cwd(), outDir) } } : {}),
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: 'datasource/img', to: 'datasource/img' },
          { from: 'panel/img', to: 'panel/img' },
          { from: path.join(tfjsWasmDir, '*.wasm'), to: 'datasource/wasm/[name][ext]' },
          {
            from: path.join(augursDir, '{core,mstl,ets}_bg.wasm'),
            to: 'datasource/wasm/[name][ext]',
            noErrorOnMissing: true,
          },
          // The pretrained base model (zero-shot `lstm_base`, warm start of `lstm`): ~50 KB. The managed
          // config already copies every src JSON (so model.json and meta.json land in
          // `engine/lstm/base/`); its weights join them there, so the model ships once, loadable
          // from `…/engine/lstm/base/model.json` through the engine's one load path.
          { from: 'engine/lstm/base/weights.bin', to: 'engine/lstm/base/[name][ext]' },
        ],
      }),
    ],
  });
};

export default config;
