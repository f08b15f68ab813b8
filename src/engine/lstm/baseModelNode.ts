/**
 * Node side of the base model (CLI, bench, tests): the shipped files live in `src/engine/lstm/base/`
 * and are read through the untrusted-directory reader (`fileStore`), then the one load path.
 * Not imported by the browser bundle (uses fs/path): the worker loads `…/engine/lstm/base/model.json` by URL.
 */
import { join } from 'path';
import { loadModelFromDir } from './fileStore';
import { isBaseModelSource, setBaseModelSource } from './baseModel';

export const SHIPPED_BASE_DIR = join(__dirname, 'base');

const loaders = new Map<string, () => Promise<unknown>>();

/**
 * Makes `getBaseModel()` (and so `lstm_base`) use the model in `dir` (default: the shipped one).
 * Selecting the same folder again keeps the model already loaded (runners call this per start-up).
 */
export function selectShippedBaseModel(dir: string = SHIPPED_BASE_DIR): void {
  let load = loaders.get(dir);
  if (!load) {
    load = () => loadModelFromDir(dir);
    loaders.set(dir, load);
  }
  if (!isBaseModelSource(load)) {
    setBaseModelSource(load);
  }
}

/**
 * Runs `task` with the shipped base model selected, then deselects it (and frees its tensors): a
 * saved, exportable per-series LSTM (`train`) must not come from the base by accident afterwards.
 */
export async function withShippedBaseModel<T>(task: () => Promise<T>, dir: string = SHIPPED_BASE_DIR): Promise<T> {
  selectShippedBaseModel(dir);
  try {
    return await task();
  } finally {
    setBaseModelSource(undefined);
  }
}
