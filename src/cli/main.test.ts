/** @jest-environment node */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildProgram } from './main';

async function run(args: string[]): Promise<string> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const program = buildProgram().exitOverride();
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => undefined }));
    await program.parseAsync(['node', 'forecast', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('forecast CLI', () => {
  let dir: string;
  let csv: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-cli-'));
    csv = join(dir, 'wave.csv');
    const rows = ['timestamp,value'];
    const t0 = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 48 * 9; i++) {
      const d = new Date(t0 + i * 1_800_000).toISOString().replace('T', ' ').slice(0, 19);
      rows.push(`${d},${(100 + 50 * Math.sin((2 * Math.PI * i) / 48) + (i % 7)).toFixed(2)}`);
    }
    writeFileSync(csv, rows.join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backtest --json prints the protocol object', async () => {
    const out = JSON.parse(
      await run(['backtest', '--csv', csv, '--horizon', '4', '--method', 'seasonal-naive', '--json'])
    );
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['series', 'points', 'stepSeconds', 'horizon', 'origins', 'methods'])
    );
    expect(out.series).toBe('wave');
    expect(out.stepSeconds).toBe(1800);
    expect(Object.keys(out.methods.seasonal_naive)).toEqual(
      expect.arrayContaining(['mae', 'rmse', 'mase', 'coverage80', 'coverage95', 'fitMs'])
    );
  });

  it('train writes a model that forecast loads', async () => {
    const modelDir = join(dir, 'model');
    const trained = JSON.parse(
      await run(['train', '--csv', csv, '--horizon', '4', '--out', modelDir, '--window', '8', '--json'])
    );
    expect(trained.meta.horizon).toBe(4);
    const f = JSON.parse(await run(['forecast', '--model', modelDir, '--csv', csv, '--json']));
    expect(f.forecast.mean).toEqual(trained.forecast.mean);
  });

  it('rejects bad arguments', async () => {
    await expect(run(['backtest', '--csv', csv, '--horizon', 'zero'])).rejects.toThrow(/whole number/);
    await expect(run(['train', '--horizon', '3', '--out', dir])).rejects.toThrow(/exactly one of --csv/);
  });
});
