/** @jest-environment node */
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { type AddressInfo } from 'net';
import { createServer } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ForecastRequest, SavedModelMeta } from '../api';
import { forecastSeries } from '../forecast';
import { tf } from '../tf';
import { dailyWave } from '../testSeries';
import { loadModelFromDir, saveModelToDir } from './fileStore';
import { loadModelFromUrl, saveModelToUrl } from './storage';
import { initEngineNode } from '../node';

const HALF_HOUR = 1_800_000;
// 30-minute steps keep the daily lag short (48) so a tiny LSTM trains in well under a second.
const series = dailyWave(48 * 9, { stepMs: HALF_HOUR, noise: 4, seed: 3 });
const tiny = { units: 4, window: 8, epochs: 3, samplesPerEpoch: 256, batchSize: 128, maxTrainMs: 1500 };
const request = (extra: Partial<ForecastRequest> = {}): ForecastRequest => ({
  series,
  stepMs: HALF_HOUR,
  horizon: 4,
  method: 'lstm',
  lstm: tiny,
  ...extra,
});

describe('LSTM', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-lstm-'));
    await initEngineNode({ mstl: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains with progress, forecasts, leaks no tensors, and round-trips through files with identical predictions', async () => {
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    const out = await forecastSeries(
      request({ onProgress: (p) => p.epoch && epochs.push(p.epoch), fingerprint: 'q|30m|4|lstm' })
    );
    expect(epochs.length).toBeGreaterThan(0);
    expect(out.forecast.method).toBe('lstm');
    expect(out.model?.meta.fingerprint).toBe('q|30m|4|lstm');
    expect(out.model?.meta.report?.method).toBe('lstm');
    expect(tf.memory().numTensors).toBe(before);

    await saveModelToDir(dir, out.model!);
    const loaded = await loadModelFromDir(dir);
    expect(loaded.meta.scaler).toEqual(out.model!.meta.scaler);
    const again = await forecastSeries(request({ savedModel: loaded }));
    expect(again.forecast.mean).toEqual(out.forecast.mean);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips through IndexedDB (fake-indexeddb) with identical predictions', async () => {
    const out = await forecastSeries(request());
    // tfjs' IndexedDB handler only runs where it believes it is in a browser (and reads `self`).
    tf.env().set('IS_BROWSER', true);
    (globalThis as { self?: unknown }).self ??= globalThis;
    try {
      await saveModelToUrl('indexeddb://foresight-test', out.model!);
      const loaded = await loadModelFromUrl('indexeddb://foresight-test', { stepMs: HALF_HOUR, horizon: 4 });
      const again = await forecastSeries(request({ savedModel: loaded }));
      expect(again.forecast.mean).toEqual(out.forecast.mean);
    } finally {
      tf.env().set('IS_BROWSER', false);
    }
  });

  it('loads a saved directory served over HTTP (model.json URL)', async () => {
    const server = createServer((req, res) => {
      const name = (req.url ?? '').replace(/^\//, '');
      if (!['model.json', 'weights.bin'].includes(name)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200).end(readFileSync(join(dir, name)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const loaded = await loadModelFromUrl(`http://127.0.0.1:${port}/model.json`, { stepMs: HALF_HOUR, horizon: 4 });
      const fromDir = await loadModelFromDir(dir);
      const a = await forecastSeries(request({ savedModel: loaded }));
      const b = await forecastSeries(request({ savedModel: fromDir }));
      expect(a.forecast.mean).toEqual(b.forecast.mean);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses an incompatible model and names the mismatch', async () => {
    const saved = await loadModelFromDir(dir);
    await expect(forecastSeries(request({ horizon: 6, savedModel: saved }))).rejects.toThrow(
      /incompatible: horizon 4 steps \(request asks for 6\)/
    );
    await expect(forecastSeries(request({ stepMs: HALF_HOUR / 2, savedModel: saved }))).rejects.toThrow(
      /step 1800000 ms/
    );
    const old: SavedModelMeta = { ...saved.meta, engineVersion: '0.0.1' };
    await expect(forecastSeries(request({ savedModel: { ...saved, meta: old } }))).rejects.toThrow(
      /engine version 0\.0\.1/
    );
    await expect(loadModelFromDir(join(dir, 'nope'))).rejects.toThrow(/No model.json/);
  });

  it('fine-tunes a saved model (warm start) and keeps its scaler', async () => {
    const saved = await loadModelFromDir(dir);
    const before = tf.memory().numTensors;
    const out = await forecastSeries(request({ savedModel: saved, fineTune: true }));
    expect(out.model?.meta.scaler).toEqual(saved.meta.scaler);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('honours the requested backend and says when it falls back', async () => {
    try {
      const cpu = await forecastSeries(request({ backend: 'cpu' }));
      expect(cpu.report.backend).toBe('cpu');
      const gl = await forecastSeries(request({ backend: 'webgl' }));
      expect(gl.report.backend).toBe('wasm');
      expect(gl.report.notes?.join(' ')).toMatch(
        /Backend webgl is unavailable here \(no WebGL outside a browser\); the LSTM ran on wasm/
      );
    } finally {
      await initEngineNode({ mstl: false, backend: 'wasm' });
    }
    // the cpu backend is 4–5× slower than wasm; on a shared 2-core machine this passes 5 s
  }, 30_000);

  it('cancels on abort without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const p = forecastSeries(request({ signal: ac.signal, onProgress: (e) => e.phase === 'train' && ac.abort() }));
    await expect(p).rejects.toThrow(/cancelled/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
