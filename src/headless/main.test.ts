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

  it('exits 2 when modelDir cannot hold models, before any evaluation', async () => {
    const afile = join(dir, 'afile');
    writeFileSync(afile, 'x');
    const file = join(dir, 'ok.yaml');
    const config = (modelDir: string) =>
      `prometheus: { url: http://127.0.0.1:9090 }\nmodelDir: ${modelDir}\njobs:\n  - { name: a, query: up, horizon: 1h, interval: 1m }\n`;
    writeFileSync(file, config(afile));
    expect(await main(['--config', file, '--once'])).toBe(2);
    expect(stderr).toContain(`modelDir: ${afile} is an existing file, not a folder`);
    writeFileSync(file, config(join(afile, 'models')));
    expect(await main(['--config', file, '--once'])).toBe(2);
    expect(stderr).toContain(`modelDir: ${join(afile, 'models')} cannot be created: ${afile} is not a folder`);
  });

  it('says in one line, exit 2, when the listen port is taken', async () => {
    const { createServer } = await import('net');
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const file = join(dir, 'ok.yaml');
    writeFileSync(
      file,
      `prometheus: { url: http://127.0.0.1:9 }\nmodelDir: ${join(dir, 'm')}\nlisten: 127.0.0.1:${port}\njobs:\n  - { name: a, query: up, horizon: 1h, interval: 1h }\n`
    );
    try {
      expect(await main(['--config', file])).toBe(2);
      expect(stderr).toContain(
        `foresight serve: cannot listen on 127.0.0.1:${port}: EADDRINUSE (the port is in use; pick another with --listen)`
      );
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });
});
