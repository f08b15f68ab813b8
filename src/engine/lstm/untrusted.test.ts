/** @jest-environment node */
/**
 * Saved model files and URLs are untrusted input (issue 13 item 5): every refusal below happens
 * before tfjs allocates anything, with a sentence that names the problem.
 */
import { execFileSync } from 'child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { type AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { forecastSeries } from '../forecast';
import { initEngineNode } from '../node';
import { dailyWave } from '../testSeries';
import { tf } from '../tf';
import { loadModelFromDir, saveModelToDir } from './fileStore';
import { MAX_LSTM_UNITS } from './modelBounds';
import { normaliseSavedModel } from './persist';
import { absoluteModelUrl, loadModelFromUrl } from './storage';

const HALF_HOUR = 1_800_000;
const tiny = { units: 4, window: 8, epochs: 2, samplesPerEpoch: 256, batchSize: 128, maxTrainMs: 3000 };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
async function withServer(handler: Handler, body: (base: string) => Promise<void>): Promise<void> {
  const sockets = new Set<import('net').Socket>();
  const server: Server = createServer(handler);
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => server.close(r));
  }
}

describe('untrusted model files', () => {
  let root: string;
  let good: string;
  let n = 0;
  /** A fresh copy of the good model directory, changed by `edit`. */
  const variant = (edit: (dir: string) => void): string => {
    const dir = join(root, `v${n++}`);
    cpSync(good, dir, { recursive: true });
    edit(dir);
    return dir;
  };
  const editJson = (dir: string, f: (json: Record<string, unknown>) => unknown) => {
    const path = join(dir, 'model.json');
    writeFileSync(path, JSON.stringify(f(JSON.parse(readFileSync(path, 'utf8')))));
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'foresight-hostile-'));
    good = join(root, 'good');
    await initEngineNode({ mstl: false });
    const series = dailyWave(48 * 9, { stepMs: HALF_HOUR, noise: 4, seed: 3 });
    const out = await forecastSeries({ series, stepMs: HALF_HOUR, horizon: 4, method: 'lstm', lstm: tiny });
    await saveModelToDir(good, out.model!);
    writeFileSync(join(root, 'secret.bin'), Buffer.alloc(readFileSync(join(good, 'weights.bin')).byteLength));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads the untouched directory', async () => {
    await expect(loadModelFromDir(good)).resolves.toHaveProperty('meta.method', 'lstm');
  });

  it('refuses a weights file that is a symlink out of the model directory', async () => {
    const dir = variant((d) => {
      unlinkSync(join(d, 'weights.bin'));
      symlinkSync(join(root, 'secret.bin'), join(d, 'weights.bin'));
    });
    await expect(loadModelFromDir(dir)).rejects.toThrow(
      /Refusing weights\.bin: it resolves to .*secret\.bin, outside the model directory/
    );
  });

  it('refuses /dev/zero and FIFOs without reading them', async () => {
    const zero = variant((d) => {
      unlinkSync(join(d, 'weights.bin'));
      symlinkSync('/dev/zero', join(d, 'weights.bin'));
    });
    await expect(loadModelFromDir(zero)).rejects.toThrow(/outside the model directory/);
    const fifo = variant((d) => {
      unlinkSync(join(d, 'weights.bin'));
      execFileSync('mkfifo', [join(d, 'weights.bin')]);
    });
    await expect(loadModelFromDir(fifo)).rejects.toThrow(/Refusing weights\.bin: it is not a regular file/);
  });

  it('checks weight sizes against the manifest before reading', async () => {
    const big = variant((d) => appendFileSync(join(d, 'weights.bin'), Buffer.alloc(1 << 20)));
    await expect(loadModelFromDir(big)).rejects.toThrow(
      /Refusing weights\.bin: it is \d+ bytes, more than the \d+ allowed/
    );
    const short = variant((d) => writeFileSync(join(d, 'weights.bin'), Buffer.alloc(8)));
    await expect(loadModelFromDir(short)).rejects.toThrow(/hold 8 bytes but the manifest describes \d+/);
  });

  it('refuses weights of the right size that hold NaN (a corrupted file), naming the weight', async () => {
    const nan = variant((d) => {
      const bytes = readFileSync(join(d, 'weights.bin')).byteLength;
      writeFileSync(join(d, 'weights.bin'), Buffer.from(new Float32Array(bytes / 4).fill(NaN).buffer));
    });
    await expect(loadModelFromDir(nan)).rejects.toThrow(
      /^Refusing the saved model: weight .+ holds NaN or infinite values \(a corrupted file\)\.$/
    );
  });

  it('bounds the topology before tfjs builds anything ("units": 100000000)', async () => {
    const dir = variant((d) =>
      editJson(d, (j) => {
        const layers = (
          j.modelTopology as { config: { layers: Array<{ class_name: string; config: { units?: number } }> } }
        ).config.layers;
        layers.find((l) => l.class_name === 'LSTM')!.config.units = 100_000_000;
        return j;
      })
    );
    const bytes = tf.memory().numBytes;
    await expect(loadModelFromDir(dir)).rejects.toThrow(
      new RegExp(`the units of LSTM layer lstm is 100000000, above the limit of ${MAX_LSTM_UNITS}`)
    );
    expect(tf.memory().numBytes).toBe(bytes);
  });

  it('refuses a topology that does not match its weights manifest, and layer kinds it never saves', async () => {
    const wider = variant((d) =>
      editJson(d, (j) => {
        const layers = (
          j.modelTopology as { config: { layers: Array<{ class_name: string; config: { units?: number } }> } }
        ).config.layers;
        layers.find((l) => l.class_name === 'LSTM')!.config.units = 8;
        return j;
      })
    );
    await expect(loadModelFromDir(wider)).rejects.toThrow(
      /topology needs \d+ parameters but the weights manifest lists \d+/
    );
    const conv = variant((d) =>
      editJson(d, (j) => {
        const layers = (j.modelTopology as { config: { layers: Array<{ class_name: string }> } }).config.layers;
        layers.find((l) => l.class_name === 'LSTM')!.class_name = 'Conv2D';
        return j;
      })
    );
    await expect(loadModelFromDir(conv)).rejects.toThrow(/layer kind "Conv2D" is not one this engine saves/);
  });

  it('says what is wrong with a model.json that is null, and with a saved model that is not an object', async () => {
    const dir = variant((d) => writeFileSync(join(d, 'model.json'), 'null'));
    await expect(loadModelFromDir(dir)).rejects.toThrow(/model\.json is null, not a tfjs model object/);
    expect(() => normaliseSavedModel(null)).toThrow(/it is null, not a \{ meta, artifacts \} object/);
  });
});

describe('untrusted model URLs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-url-'));
    await initEngineNode({ mstl: false });
    const series = dailyWave(48 * 9, { stepMs: HALF_HOUR, noise: 4, seed: 3 });
    const out = await forecastSeries({ series, stepMs: HALF_HOUR, horizon: 4, method: 'lstm', lstm: tiny });
    await saveModelToDir(dir, out.model!);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('times out a server that never answers, and says after how long', async () => {
    await withServer(
      () => undefined,
      async (base) => {
        await expect(loadModelFromUrl(`${base}/model.json`, undefined, { timeoutMs: 300 })).rejects.toThrow(
          /timed out after 0\.3 s/
        );
      }
    );
  });

  it('checks the content type, a null model.json, weight paths and sizes', async () => {
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const weights = readFileSync(join(dir, 'weights.bin'));
    const routes: Record<string, () => [string, string | Buffer]> = {
      '/html/model.json': () => ['text/html', '<html>login</html>'],
      '/null/model.json': () => ['application/json', 'null'],
      '/escape/model.json': () => [
        'application/json',
        JSON.stringify({ ...json, weightsManifest: [{ ...json.weightsManifest[0], paths: ['../secret.bin'] }] }),
      ],
      '/big/model.json': () => ['application/json', JSON.stringify(json)],
      '/big/weights.bin': () => ['application/octet-stream', Buffer.concat([weights, Buffer.alloc(4096)])],
    };
    await withServer(
      (req, res) => {
        const route = routes[req.url ?? ''];
        if (!route) {
          res.writeHead(404).end();
          return;
        }
        const [type, body] = route();
        res.writeHead(200, { 'content-type': type }).end(body);
      },
      async (base) => {
        await expect(loadModelFromUrl(`${base}/html/model.json`)).rejects.toThrow(/served as "text\/html", not JSON/);
        await expect(loadModelFromUrl(`${base}/null/model.json`)).rejects.toThrow(
          /model\.json is null, not a tfjs model object/
        );
        await expect(loadModelFromUrl(`${base}/escape/model.json`)).rejects.toThrow(
          /refusing weights path "\.\.\/secret\.bin" outside the model's folder/
        );
        await expect(loadModelFromUrl(`${base}/big/model.json`)).rejects.toThrow(
          /weight file \/big\/weights\.bin is (\d+ bytes, )?more than the \d+ bytes allowed/
        );
        await expect(loadModelFromUrl(`${base}/missing/model.json`)).rejects.toThrow(/model\.json answered HTTP 404/);
      }
    );
  });

  it('resolves root-relative model URLs against the page instead of refusing them', () => {
    expect(absoluteModelUrl('/models/x/model.json', 'http://grafana.local:3000/d/abc?x=1')).toBe(
      'http://grafana.local:3000/models/x/model.json'
    );
    expect(absoluteModelUrl('https://m.example/x/model.json', undefined)).toBe('https://m.example/x/model.json');
    expect(() => absoluteModelUrl('/models/x/model.json', undefined)).toThrow(/no page here to resolve it against/);
  });
});
