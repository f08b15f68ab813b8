/**
 * The model store of the headless runner: one tfjs model directory per cache key under `modelDir`,
 * so a restart (or a rolling update with a persistent volume) loads models instead of retraining.
 * Directory names are the SHA-256 of the key: keys hold PromQL and label values, which must never
 * become paths. Loading goes through the engine's file loader (real-path containment, size checks)
 * and the one load path (`normaliseSavedModel`); a directory that does not load is treated as absent
 * and removed, so a corrupt file costs one retraining, not a crash loop. Cached models are kept within
 * a byte budget, least recently used first out (`keysOverBudget`, the browser store's rule); a model
 * kept under a user's name is marked and never evicted.
 */
import { createHash } from 'crypto';
import { existsSync, promises as fsp } from 'fs';
import { join } from 'path';
import { keysOverBudget, type CacheEntryUse } from '../advisor/cacheBudget';
import { isNamedModelKey, type ModelCache } from '../advisor/ports';
import type { SavedModel } from '../engine/api';
import { loadModelFromDir, saveModelToDir } from '../engine/lstm/fileStore';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function modelDirName(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Models on disk beyond this many bytes are evicted, least recently used first. Why: series come and go
 * (a pod label, a model version), each leaves a model behind, and nothing else removed one; at 50 KB
 * to a few hundred KB a model, this keeps thousands.
 */
export const DISK_MODEL_BUDGET_BYTES = 512 * 1024 * 1024;
/** An empty file in a model directory kept under a user's name (the hashed directory name hides the key). */
const NAMED_MARKER = 'named';
const MODEL_DIR_NAME = /^[0-9a-f]{64}$/;

/** A model directory's size and last use (its modification time). */
async function dirUse(path: string, key: string): Promise<CacheEntryUse> {
  const files = await fsp.readdir(path);
  const sizes = await Promise.all(files.map(async (f) => (await fsp.stat(join(path, f))).size));
  return { key, usedAtMs: (await fsp.stat(path)).mtimeMs, bytes: sizes.reduce((a, b) => a + b, 0) };
}

export class DiskModelCache implements ModelCache {
  readonly kind = 'disk' as const;

  /**
   * The use case treats a store that fails as a cache miss (a retrain); each failure is also reported
   * here, so the log says why a model was retrained or not kept instead of hiding it.
   */
  constructor(
    readonly dir: string,
    private readonly onProblem: (message: string) => void = () => undefined,
    private readonly budgetBytes = DISK_MODEL_BUDGET_BYTES
  ) {}

  private pathFor(key: string): string {
    return join(this.dir, modelDirName(key));
  }

  async get(key: string): Promise<SavedModel | undefined> {
    const path = this.pathFor(key);
    if (!existsSync(path)) {
      return undefined;
    }
    try {
      const model = await loadModelFromDir(path);
      // The directory's time is when the model was last used: what eviction orders by.
      const now = new Date();
      await fsp.utimes(path, now, now).catch(() => undefined);
      return model;
    } catch (e) {
      this.onProblem(`the model in ${path} could not be loaded and was removed (${message(e)}); it will be retrained`);
      await fsp.rm(path, { recursive: true, force: true });
      return undefined;
    }
  }

  /** Written to a temporary sibling and renamed, so a reader never sees half a model. */
  async put(key: string, model: SavedModel): Promise<void> {
    const path = this.pathFor(key);
    const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
    try {
      await fsp.mkdir(this.dir, { recursive: true });
      await saveModelToDir(tmp, model);
      if (isNamedModelKey(key)) {
        await fsp.writeFile(join(tmp, NAMED_MARKER), '');
      }
      await fsp.rm(path, { recursive: true, force: true });
      await fsp.rename(tmp, path);
    } catch (e) {
      await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      this.onProblem(
        `a trained model could not be saved in ${this.dir} (${message(e)}); the next start will retrain it`
      );
      throw e;
    }
    if (!isNamedModelKey(key)) {
      await this.evict(modelDirName(key));
    }
  }

  /** Removes the least recently used model directories until the rest fit the budget; never `keep`. */
  private async evict(keep: string): Promise<void> {
    try {
      const entries: CacheEntryUse[] = [];
      for (const d of await fsp.readdir(this.dir, { withFileTypes: true })) {
        const path = join(this.dir, d.name);
        if (!d.isDirectory() || !MODEL_DIR_NAME.test(d.name) || existsSync(join(path, NAMED_MARKER))) {
          continue;
        }
        const entry = await dirUse(path, d.name).catch(() => undefined); // removed meanwhile: not counted
        if (entry) {
          entries.push(entry);
        }
      }
      for (const name of keysOverBudget(entries, this.budgetBytes, keep)) {
        await fsp.rm(join(this.dir, name), { recursive: true, force: true });
      }
    } catch (e) {
      this.onProblem(`old models in ${this.dir} could not be evicted (${message(e)}); they stay until the next try`);
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathFor(key), { recursive: true, force: true });
  }
}
