/**
 * @jest-environment node
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { namedModelKey } from '../advisor/ports';
import type { SavedModel } from '../engine/api';
import { forecastSeries } from '../engine/forecast';
import { initEngineNode } from '../engine/node';
import { dailyWave } from '../engine/testSeries';
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

describe('DiskModelCache budget', () => {
  let dir: string;
  let model: SavedModel;
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
    const HALF_HOUR = 1_800_000;
    const trained = await forecastSeries({
      series: dailyWave(48 * 9, { stepMs: HALF_HOUR, noise: 4, seed: 3 }),
      stepMs: HALF_HOUR,
      horizon: 4,
      method: 'lstm',
      lstm: { units: 4, window: 8, epochs: 2, samplesPerEpoch: 128, batchSize: 128, maxTrainMs: 3000 },
    });
    model = trained.model!;
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-disk-budget-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const kept = () => readdirSync(dir).sort();
  const age = (key: string, secondsAgo: number) => {
    const t = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(dir, modelDirName(key)), t, t);
  };

  it('evicts the least recently used models beyond the budget; a read counts as a use; named models stay', async () => {
    const probe = new DiskModelCache(dir);
    await probe.put('probe', model);
    const size = readdirSync(join(dir, modelDirName('probe'))).reduce(
      (sum, f) => sum + statSync(join(dir, modelDirName('probe'), f)).size,
      0
    );
    await probe.delete('probe');
    const problems: string[] = [];
    const cache = new DiskModelCache(dir, (p) => problems.push(p), 3 * size);
    for (const [key, ago] of [
      ['a', 300],
      ['b', 200],
      ['c', 100],
    ] as const) {
      await cache.put(key, model);
      age(key, ago);
    }
    await cache.put(namedModelKey('mine'), model);
    age(namedModelKey('mine'), 1000);
    expect(await cache.get('a')).toBeDefined(); // now the most recently used
    await cache.put('d', model);
    expect(kept()).toEqual([namedModelKey('mine'), 'a', 'c', 'd'].map(modelDirName).sort());
    expect(await cache.get(namedModelKey('mine'))).toBeDefined(); // its marker file does not stop it loading
    expect(problems).toEqual([]);
  });
});
