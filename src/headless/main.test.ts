/**
 * @jest-environment node
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from './main';

describe('serve main', () => {
  let dir: string;
  let stderr: string;
  let spy: jest.SpyInstance;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-main-'));
    stderr = '';
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 and lists every config problem', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'prometheus: { url: http://127.0.0.1:9090 }\nmodelDir: m\njobs:\n  - name: a\n    query: up\n    horizon: 1x\n'
    );
    expect(await main(['--config', file])).toBe(2);
    expect(stderr).toContain('2 problem(s)');
    expect(stderr).toContain('jobs[0].horizon: "1x" is not a duration like 15m or 1h');
    expect(stderr).toContain('jobs[0].interval: is required');
  });

  it('exits 2 on a bad --shard or a missing file', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(
      file,
      'prometheus: { url: http://127.0.0.1:9090 }\nmodelDir: m\njobs:\n  - { name: a, query: up, horizon: 1h, interval: 1m }\n'
    );
    expect(await main(['--config', file, '--shard', '2/2'])).toBe(2);
    expect(stderr).toContain('shard: shard index 2 must be below the count 2');
    expect(await main(['--config', join(dir, 'missing.yaml')])).toBe(2);
    expect(stderr).toContain('cannot be read (ENOENT)');
    expect(await main([])).toBe(2);
  });
});
