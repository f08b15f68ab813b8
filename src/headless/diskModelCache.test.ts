/**
 * @jest-environment node
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DiskModelCache, modelDirName } from './diskModelCache';

describe('DiskModelCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-disk-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names directories by hash, never by the key', () => {
    const key = '../../etc/passwd{instance="a/b"}';
    expect(modelDirName(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(modelDirName(key)).not.toBe(modelDirName(`${key} `));
  });

  it('treats a missing model as absent', async () => {
    expect(await new DiskModelCache(dir).get('nothing')).toBeUndefined();
  });

  it('removes a corrupt model, says so, and reports it absent (one retrain, not a crash loop)', async () => {
    const problems: string[] = [];
    const cache = new DiskModelCache(dir, (p) => problems.push(p));
    const path = join(dir, modelDirName('k'));
    mkdirSync(path);
    writeFileSync(join(path, 'model.json'), '{ not json');
    expect(await cache.get('k')).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect(problems[0]).toMatch(/could not be loaded and was removed \(.*not valid JSON.*\); it will be retrained/);
  });

  it('reports a model it cannot save', async () => {
    const problems: string[] = [];
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const cache = new DiskModelCache(file, (p) => problems.push(p));
    await expect(cache.put('k', { meta: {} as never, artifacts: {} })).rejects.toThrow();
    expect(problems[0]).toMatch(/could not be saved in .*not-a-dir/);
  });
});
