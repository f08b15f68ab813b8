/** @jest-environment node */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildProgram } from './main';
import { exitCodeFor, UsageError } from './usage';

// Training an LSTM takes 4 s on an idle machine and 20 s on a busy shared one.
jest.setTimeout(120_000);

let lastStderr = '';

async function run(args: string[]): Promise<string> {
  let out = '';
  lastStderr = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lastStderr += String(chunk);
    return true;
  });
  try {
    const program = buildProgram().exitOverride();
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => undefined }));
    await program.parseAsync(['node', 'forecast', ...args]);
  } finally {
    spy.mockRestore();
    errSpy.mockRestore();
  }
  return out;
}

/** A stand-in Prometheus on 127.0.0.1 answering every request with `answer`. */
async function standIn(answer: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `n` rows of a daily wave at 30-minute steps from 2024-01-01. */
function csvRows(n: number): string[] {
  const t0 = Date.UTC(2024, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(t0 + i * 1_800_000).toISOString().replace('T', ' ').slice(0, 19);
    return `${d},${(100 + 50 * Math.sin((2 * Math.PI * i) / 48) + (i % 7)).toFixed(2)}`;
  });
}

describe('forecast CLI', () => {
  let dir: string;
  let csv: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-cli-'));
    csv = join(dir, 'wave.csv');
    writeFileSync(csv, ['timestamp,value', ...csvRows(48 * 9)].join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backtest --json prints the protocol object', async () => {
    const out = JSON.parse(
      await run(['backtest', '--csv', csv, '--horizon', '2h', '--method', 'seasonal_naive', '--json'])
    );
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['series', 'points', 'stepSeconds', 'horizon', 'origins', 'methods'])
    );
    expect(out.series).toBe('wave');
    expect(out.stepSeconds).toBe(1800);
    expect(out.horizon).toBe(4);
    expect(Object.keys(out.methods.seasonal_naive)).toEqual(
      expect.arrayContaining(['mae', 'rmse', 'mase', 'coverage80', 'coverage95', 'fitMs'])
    );
  });

  it('train writes a model that forecast loads', async () => {
    const modelDir = join(dir, 'model');
    const trained = JSON.parse(
      await run(['train', '--csv', csv, '--horizon', '2h', '--out', modelDir, '--window', '8', '--json'])
    );
    expect(trained.meta.horizon).toBe(4);
    const f = JSON.parse(await run(['forecast', '--model', modelDir, '--csv', csv, '--json']));
    expect(f.forecast.mean).toEqual(trained.forecast.mean);
    // a CSV has no training window to widen, and `forecast` takes its horizon from the model
    const short = join(dir, 'short.csv');
    writeFileSync(short, ['timestamp,value', ...csvRows(96)].join('\n'));
    const tooShort = run(['forecast', '--model', modelDir, '--csv', short]);
    await expect(tooShort).rejects.toThrow(
      /^Too little history: 96 point\(s\) \(2d at 30m steps\) after cleaning; .* — use a CSV that covers \S+ or more \(more rows of history\), or retrain the model with a shorter --horizon\.$/
    );
    await expect(tooShort).rejects.not.toThrow(/training window/);
  });

  it('train with the defaults saves a copy of the base model that forecast loads', async () => {
    // 9 days at 30 minutes: the base model fits, so `train` fine-tunes it and saves the copy.
    const modelDir = join(dir, 'base-copy');
    const trained = JSON.parse(await run(['train', '--csv', csv, '--horizon', '2h', '--out', modelDir, '--json']));
    const f = JSON.parse(await run(['forecast', '--model', modelDir, '--csv', csv, '--json']));
    expect(f.forecast.mean).toEqual(trained.forecast.mean);
  });

  it('backtest text says auto re-chose at every test origin', async () => {
    const text = await run(['backtest', '--csv', csv, '--horizon', '2h', '--method', 'auto']);
    expect(text).toMatch(
      /auto re-chose at every test origin from the errors each candidate made before it \(it showed (naive|seasonal_naive|ses|seasonal_mean|mstl|linear|lstm|lstm_base|ensemble|model_median) at \d+ of \d+ origins/
    );
    expect(text).not.toMatch(/seasonal-naive/);
  });

  it('says on stderr when each sample of a CSV repeats, with the step to export at', async () => {
    const repeated = join(dir, 'repeated.csv');
    const rows = ['timestamp,value'];
    const t0 = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 1440 * 3; i++) {
      const sample = Math.floor(i / 5);
      rows.push(
        `${new Date(t0 + i * 60_000).toISOString()},${(50 + 20 * Math.sin(sample / 9) + (sample % 4)).toFixed(3)}`
      );
    }
    writeFileSync(repeated, rows.join('\n'));
    await run(['backtest', '--csv', repeated, '--horizon', '1h', '--method', 'naive', '--json']);
    expect(lastStderr).toMatch(
      /warning: Each sample repeats about 5 times: the series changes only every ~5m but is read at 1m steps .* Set the step the CSV is exported at to 5m or more\./
    );
  });

  it('says on stderr when a series looks like a counter read without rate(), and not for a wave', async () => {
    const counter = join(dir, 'requests_total.csv');
    const rows = ['timestamp,value'];
    const t0 = Date.UTC(2024, 0, 1);
    for (let i = 0, total = 0; i < 48 * 9; i++) {
      total = i === 200 ? 3 : total + 40 + 20 * Math.sin((2 * Math.PI * i) / 48);
      rows.push(`${new Date(t0 + i * 1_800_000).toISOString().replace('T', ' ').slice(0, 19)},${total.toFixed(2)}`);
    }
    writeFileSync(counter, rows.join('\n'));
    const json = JSON.parse(
      await run(['backtest', '--csv', counter, '--horizon', '2h', '--method', 'naive', '--json'])
    );
    expect(lastStderr).toMatch(/^warning: This series never falls, apart from 1 reset .*counter read without rate\(\)/);
    // and in the one object a script reads
    expect(json.inputWarnings).toEqual([expect.stringMatching(/^This series never falls/)]);
    // the CLI plans no replicas, so it does not say it withheld them
    expect(lastStderr).toMatch(/its forecast is a running total\. To forecast its rate/);
    expect(lastStderr).not.toMatch(/replicas/);
    expect(lastStderr).toContain('rate(metric_total[30m])');
    const clean = JSON.parse(await run(['backtest', '--csv', csv, '--horizon', '2h', '--method', 'naive', '--json']));
    expect(lastStderr).not.toMatch(/counter/);
    expect(clean.inputWarnings).toEqual([]);
  });

  it('says skipped CSV rows in the text and in --json, which used to drop them', async () => {
    const bad = join(dir, 'bad-rows.csv');
    writeFileSync(bad, ['timestamp,value', ...csvRows(48 * 9), 'not a time,1', 'yesterday,2'].join('\n'));
    const text = await run(['backtest', '--csv', bad, '--horizon', '2h', '--method', 'naive']);
    expect(text).toMatch(/^note: 2 CSV row\(s\) could not be read \(bad timestamp or value\) and were skipped\.$/m);
    const json = JSON.parse(await run(['backtest', '--csv', bad, '--horizon', '2h', '--method', 'naive', '--json']));
    expect(json.inputWarnings).toEqual(['2 CSV row(s) could not be read (bad timestamp or value) and were skipped.']);
  });

  it('reads timestamps with millisecond jitter at the whole-second step, and says why a constant series saves no model', async () => {
    const jittered = join(dir, 'jittered.csv');
    const t0 = Date.UTC(2024, 0, 1);
    const rows = ['timestamp,value'];
    for (let i = 0; i < 48 * 9; i++) {
      rows.push(
        `${t0 + i * 1_800_000 + ((i * 7919) % 7) - 3},${(100 + 50 * Math.sin((2 * Math.PI * i) / 48)).toFixed(2)}`
      );
    }
    writeFileSync(jittered, rows.join('\n'));
    const out = JSON.parse(
      await run(['backtest', '--csv', jittered, '--horizon', '2h', '--method', 'naive', '--json'])
    );
    expect(out.stepSeconds).toBe(1800);
    expect(out.horizon).toBe(4);

    const flat = join(dir, 'flat.csv');
    writeFileSync(
      flat,
      ['timestamp,value', ...Array.from({ length: 48 * 9 }, (_, i) => `${t0 + i * 1_800_000},7`)].join('\n')
    );
    await expect(run(['train', '--csv', flat, '--horizon', '2h', '--out', join(dir, 'flat-model')])).rejects.toThrow(
      /No model was trained, so nothing was saved\. A constant series needs no LSTM/
    );
  });

  it('rejects bad arguments as usage errors (exit 2) that say what to write', async () => {
    await expect(run(['backtest', '--csv', csv, '--horizon', 'zero'])).rejects.toThrow(/not a duration/);
    // 12 steps of the CSV's 30 minutes: ambiguous as a bare number, so the duration is suggested.
    await expect(run(['backtest', '--csv', csv, '--horizon', '12'])).rejects.toThrow(/write --horizon 6h/);
    await expect(run(['backtest', '--csv', csv, '--horizon', '45m'])).rejects.toThrow(/use 30m or 1h/);
    await expect(run(['backtest', '--csv', csv, '--horizon', '1h', '--method', 'seasonal-naive'])).rejects.toThrow(
      /did you mean seasonal_naive/
    );
    // checked while the command line is read, before the CSV: the range the engine accepts, and what was given
    const window = run(['train', '--csv', csv, '--horizon', '1h', '--out', dir, '--window', '1']);
    await expect(window).rejects.toThrow('--window must be a whole number from 2 to 512 (got "1").');
    await expect(window.catch(exitCodeFor)).resolves.toBe(2);
    await expect(run(['pretrain', '--csv-dir', dir, '--out', dir, '--seed', '-1'])).rejects.toThrow(
      '--seed must be a whole number from 0 to 4294967295 (got "-1").'
    );
    const noSource = run(['train', '--horizon', '1h', '--out', dir]);
    await expect(noSource).rejects.toThrow(/exactly one of --csv/);
    await expect(noSource.catch(exitCodeFor)).resolves.toBe(2);
    const missing = run(['backtest', '--csv', csv]);
    await expect(missing).rejects.toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
    await expect(missing.catch(exitCodeFor)).resolves.toBe(2);
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(new Error('training failed'))).toBe(1);
  });

  it('--help marks required options and shows examples', () => {
    for (const name of ['backtest', 'train', 'forecast']) {
      const command = buildProgram().commands.find((c) => c.name() === name);
      let help = '';
      command?.configureOutput({ writeOut: (text) => (help += text) });
      command?.outputHelp();
      expect(help).toMatch(/\(required\)/);
      expect(help).toMatch(/Examples:\n\s+\$ npm run --silent forecast -- /);
      expect(help).not.toMatch(/seasonal-naive/);
    }
    const train = buildProgram().commands.find((c) => c.name() === 'train');
    const help = train?.helpInformation() ?? '';
    expect(help).toMatch(/--horizon <duration>\s+\(required\)/);
    expect(help).toMatch(/--out <dir>\s+\(required\)/);
    // the default is shown as the duration it is, one a user can type back
    expect(help).toMatch(
      /--timeout <duration>\s+limit per Prometheus request \(with --prometheus\)\s+\(default:\s+"30s"\)/
    );
  });

  it('train --prometheus gives up on a stalled Prometheus after --timeout, saying so', async () => {
    const stalled = await standIn(() => undefined);
    try {
      await expect(
        run(['train', '--prometheus', stalled.url, '--query', 'up', '--horizon', '1h', '--out', dir, '--timeout', '1s'])
      ).rejects.toThrow(/timed out after 1 s/);
    } finally {
      await stalled.close();
    }
  });

  it('reports 503 as Prometheus answering 503, not as a refused connection', async () => {
    const busy = await standIn((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end('Service Unavailable');
    });
    try {
      const p = run(['train', '--prometheus', busy.url, '--query', 'up', '--horizon', '1h', '--out', dir]);
      await expect(p).rejects.toThrow(/Prometheus answered 503 Service Unavailable/);
      await expect(p).rejects.not.toThrow(/refused/);
    } finally {
      await busy.close();
    }
  });
});
