/**
 * The only place that names the worker file: webpack 5 sees `new Worker(new URL(…, import.meta.url))`
 * and bundles forecast.worker.ts as its own entry. Loaded with a dynamic import by the runner, so
 * environments without `import.meta` (Jest's CommonJS) never parse it.
 *
 * Entry options, because the scaffold's defaults do not suit a worker:
 * - `library: var`: the plugin's output is AMD (`define(…)`), which a worker cannot run;
 * - `publicPath: auto` and a file at the bundle root: the worker resolves the chunks it imports
 *   (tfjs, the engine) next to itself, i.e. at the bundle root where webpack emits them.
 */
export function spawnForecastWorker(): Worker {
  return new Worker(
    /* webpackChunkName: "forecast-worker", webpackEntryOptions: { publicPath: "auto", library: { type: "var", name: "foresightForecastWorker" } } */
    new URL('./forecast.worker.ts', import.meta.url),
    { name: 'foresight-forecast' }
  );
}
