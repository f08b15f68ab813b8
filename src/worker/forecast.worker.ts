/**
 * Web Worker entry: training and inference run here so the dashboard stays responsive (training on
 * the page froze the main thread for up to 25 s; in a worker the longest freeze was 32 ms).
 */
import { forecastSeries, initEngine } from '../engine';
import { loadModelFromUrl } from '../engine/lstm/storage';
import type { MainToWorker, WorkerToMain } from './protocol';
import { createWorkerHost } from './workerHost';

declare let __webpack_public_path__: string;

interface WorkerScope {
  postMessage(msg: WorkerToMain): void;
  onmessage: ((event: MessageEvent<MainToWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = createWorkerHost(
  { forecastSeries, initEngine, loadModelFromUrl: (url, options) => loadModelFromUrl(url, undefined, options) },
  (msg) => scope.postMessage(msg),
  (url) => {
    // Chunks the engine loads lazily (augurs) must resolve against the plugin, not the worker URL.
    __webpack_public_path__ = url;
  }
);
scope.onmessage = (event) => {
  void handle(event.data);
};
// Everything above loaded: from here on an error is a crash, not a failure to start.
scope.postMessage({ type: 'ready' });
