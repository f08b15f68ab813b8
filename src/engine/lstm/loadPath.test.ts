/** @jest-environment node */
/**
 * The one load path: a saved model loads and predicts identically whatever door it comes through
 * (a structured clone as IndexedDB hands back, a file directory, a URL), and a model that needs
 * more history than the data has is refused with a sentence, never forecast as NaN.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, type Server } from 'http';
import { type AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ForecastOutcome, ForecastRequest, SavedModel } from '../api';
import { forecastSeries } from '../forecast';
import { initEngineNode } from '../node';
import { dailyWave } from '../testSeries';
import { tf, tfl } from '../tf';
import { loadModelFromDir, saveModelToDir } from './fileStore';
import { withMeta } from './persist';
import { loadModelFromUrl } from './storage';

const HALF_HOUR = 1_800_000;
const DAY = 48;
const tiny = { units: 4, window: 8, epochs: 3, samplesPerEpoch: 256, batchSize: 128, maxTrainMs: 3000 };
const series = dailyWave(DAY * 9, { stepMs: HALF_HOUR, noise: 4, seed: 3 });
const request = (extra: Partial<ForecastRequest> = {}): ForecastRequest => ({
  series,
  stepMs: HALF_HOUR,
  horizon: 4,
  method: 'lstm',
  lstm: tiny,
  ...extra,
});

function serve(dir: string): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '').replace(/^\/m\//, '');
    if (!['model.json', 'weights.bin'].includes(name)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
    res.end(readFileSync(join(dir, name)));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
    )
  );
}

describe('one load path for saved models', () => {
  let dir: string;
  let trained: ForecastOutcome;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-load-'));
    await initEngineNode({ mstl: false });
    trained = await forecastSeries(request());
    await saveModelToDir(dir, trained.model!);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a structured clone with undefined-valued metadata keys (the cached model after a reload)', async () => {
    // IndexedDB stores structured clones, which keep `report.warning: undefined`; tfjs-layers refused
    // that metadata ("User-defined metadata is expected to be a JSON object"), so the LSTM was skipped.
    // When the LSTM wins, forecastSeries leaves `report.warning` undefined: as it is in the cache.
    const meta = { ...trained.model!.meta, report: { ...trained.model!.meta.report!, warning: undefined } };
    const clone = structuredClone({ meta, artifacts: withMeta(trained.model!.artifacts, meta) }) as SavedModel;
    expect(Object.keys(clone.meta.report!)).toContain('warning');
    // The bug, at its root: what the fitter used to hand tfjs directly (the clone fails too, on
    // its foreign-realm ArrayBuffer under Jest, on the metadata in Chromium).
    const raw = withMeta(trained.model!.artifacts, meta);
    await expect(tfl.loadLayersModel(tf.io.fromMemory(raw))).rejects.toThrow(
      /User-defined metadata is expected to be a JSON object/
    );
    await expect(tfl.loadLayersModel(tf.io.fromMemory(clone.artifacts as tf.io.ModelArtifacts))).rejects.toThrow();
    const before = tf.memory().numTensors;
    const again = await forecastSeries(request({ savedModel: clone }));
    expect(again.forecast.method).toBe('lstm');
    expect(again.forecast.mean).toEqual(trained.forecast.mean);
    // auto must keep the LSTM as a candidate too (it was silently skipped before).
    const auto = await forecastSeries(request({ method: 'auto', savedModel: structuredClone(clone) }));
    expect(auto.report.notes?.join(' ') ?? '').not.toMatch(/metadata|lstm skipped/i);
    expect(auto.report.scores.lstm).toBeDefined();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fine-tunes from a structured clone as well (train mode on refresh)', async () => {
    const out = await forecastSeries(request({ savedModel: structuredClone(trained.model!), fineTune: true }));
    expect(out.forecast.method).toBe('lstm');
    expect(out.model?.meta.scaler).toEqual(trained.model!.meta.scaler);
  });

  it('a model from a file directory predicts identically to the one saved', async () => {
    const loaded = await loadModelFromDir(dir, { stepMs: HALF_HOUR, horizon: 4 });
    const again = await forecastSeries(request({ savedModel: loaded }));
    expect(again.forecast.mean).toEqual(trained.forecast.mean);
  });

  it('a model from a URL (127.0.0.1) predicts identically to the one saved', async () => {
    const { server, base } = await serve(dir);
    try {
      const loaded = await loadModelFromUrl(`${base}/m/model.json`, { stepMs: HALF_HOUR, horizon: 4 });
      const again = await forecastSeries(request({ savedModel: loaded }));
      expect(again.forecast.mean).toEqual(trained.forecast.mean);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses a model whose weekly lag needs more history than the data has, instead of NaN forecasts', async () => {
    // 32 days of history give the LSTM a weekly lag (3 weeks before its early-stopping stretch); 6 days cannot feed it.
    const long = dailyWave(DAY * 32, { stepMs: HALF_HOUR, noise: 4, seed: 5 });
    const weekly = await forecastSeries(request({ series: long }));
    expect(weekly.model!.meta).toMatchObject({ lstm: { lags: [DAY, 7 * DAY] } });
    const short = dailyWave(DAY * 6, { stepMs: HALF_HOUR, noise: 4, seed: 6 });
    await expect(forecastSeries(request({ series: short, savedModel: weekly.model }))).rejects.toThrow(
      /This model looks back 7d \(weekly lag\) plus a 4h window, but the data covers 6d; widen the training window to \d+d or retrain the model\./
    );
    // In auto the LSTM is skipped with that sentence, and what is shown is finite.
    const auto = await forecastSeries(request({ series: short, method: 'auto', savedModel: weekly.model }));
    expect(auto.forecast.method).not.toBe('lstm');
    expect(auto.forecast.mean.every(Number.isFinite)).toBe(true);
    expect(auto.report.notes?.join(' ')).toMatch(/looks back 7d \(weekly lag\)/);
    // Asked to fine-tune (train mode on a refresh): a new LSTM is trained, and the note says why.
    const tuned = await forecastSeries(request({ series: short, savedModel: weekly.model, fineTune: true }));
    expect(tuned.forecast.method).toBe('lstm');
    expect(tuned.forecast.mean.every(Number.isFinite)).toBe(true);
    expect(tuned.model!.meta).toMatchObject({ lstm: { lags: [DAY] } });
    expect(tuned.report.notes?.join(' ')).toMatch(/The saved LSTM could not be reused \(This model looks back 7d/);
  });
});
