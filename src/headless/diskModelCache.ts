/**
 * The model store of the headless runner: one tfjs model directory per cache key under `modelDir`,
 * so a restart (or a rolling update with a persistent volume) loads models instead of retraining.
 * Directory names are the SHA-256 of the key: keys hold PromQL and label values, which must never
 * become paths. Loading goes through the engine's file loader (real-path containment, size checks)
 * and the one load path (`normaliseSavedModel`); a directory that does not load is treated as absent
 * and removed, so a corrupt file costs one retraining, not a crash loop.
 */
import { createHash } from 'crypto';
import { existsSync, promises as fsp } from 'fs';
import { join } from 'path';
import type { ModelCache } from '../advisor/ports';
import type { SavedModel } from '../engine/api';
import { loadModelFromDir, saveModelToDir } from '../engine/lstm/fileStore';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function modelDirName(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class DiskModelCache implements ModelCache {
  readonly kind = 'disk' as const;

  /**
   * The use case treats a store that fails as a cache miss (a retrain); each failure is also reported
   * here, so the log says why a model was retrained or not kept instead of hiding it.
   */
  constructor(
    readonly dir: string,
    private readonly onProblem: (message: string) => void = () => undefined
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
      return await loadModelFromDir(path);
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
      await fsp.rm(path, { recursive: true, force: true });
      await fsp.rename(tmp, path);
    } catch (e) {
      await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      this.onProblem(
        `a trained model could not be saved in ${this.dir} (${message(e)}); the next start will retrain it`
      );
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathFor(key), { recursive: true, force: true });
  }
}
