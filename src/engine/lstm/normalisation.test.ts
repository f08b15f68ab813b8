/** @jest-environment node */
import type { ForecastRequest, RawSeries } from '../api';
import { forecastSeries } from '../forecast';
import { initEngineNode } from '../node';
import { tf } from '../tf';
import { dailyWave } from '../testSeries';
import { ENVELOPE_K, clipToEnvelope, envelopeAt, firstNegative, stepEnvelope } from './envelope';
import { recentSteps } from './features';
import { lstmFitter } from './fitter';

const HALF_HOUR = 1_800_000;
const tiny = { units: 4, window: 8, epochs: 3, samplesPerEpoch: 256, batchSize: 128, seed: 11 };
const wave = dailyWave(48 * 9, { stepMs: HALF_HOUR, noise: 4, seed: 7 });
const request = (series: RawSeries): ForecastRequest => ({
  series,
  stepMs: HALF_HOUR,
  horizon: 4,
  method: 'lstm',
  lstm: tiny,
});

describe('LSTM inputs are level-free and scale-free; its output stays in a recent envelope', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
  });

  it('a series and the same series ×1000 + 50 give the same LSTM forecast up to that map (same seed)', async () => {
    const mapped: RawSeries = { times: wave.times, values: wave.values.map((v) => (v as number) * 1000 + 50) };
    const a = await forecastSeries(request(wave));
    const b = await forecastSeries(request(mapped));
    expect(a.forecast.method).toBe('lstm');
    expect(b.forecast.method).toBe('lstm');
    // Float32 inputs: equal to ~1e-6 of the series' swing (amplitude 50, so 50,000 after the map).
    a.forecast.mean.forEach((m, h) => {
      expect(Math.abs(b.forecast.mean[h] - (1000 * m + 50))).toBeLessThan(1e-4 * 50_000);
      expect(Math.abs(b.forecast.upper95[h] - (1000 * a.forecast.upper95[h] + 50))).toBeLessThan(1e-4 * 50_000);
    });
    expect(b.report.mase).toBeCloseTo(a.report.mase, 3);
  }, 60_000);

  it('a model saved on a series forecasts the same series in other units (× 1e-3) up to that map', async () => {
    const savedModel = (await forecastSeries(request(wave))).model!;
    const milli: RawSeries = { times: wave.times, values: wave.values.map((v) => (v as number) * 1e-3) };
    const a = await forecastSeries({ ...request(wave), savedModel });
    const b = await forecastSeries({ ...request(milli), savedModel });
    expect(b.forecast.method).toBe('lstm');
    a.forecast.mean.forEach((m, h) => expect(Math.abs(b.forecast.mean[h] - 1e-3 * m)).toBeLessThan(1e-7 * 50));
    expect(b.report.mase).toBeCloseTo(a.report.mase, 4);
  }, 60_000);

  it('clips a forecast outside the envelope: last value ± k × the largest recent H-step move, ≥ 0 when never negative', () => {
    const spec = { window: 4, horizon: 3, lags: [], recent: 10 };
    // ramps of 1 per step, so the largest 3-step move is 3; the last value (t = 19) is 19
    const values = Float64Array.from({ length: 20 }, (_, i) => i);
    const env = envelopeAt(values, 20, spec, firstNegative(values));
    expect(env).toEqual({ lo: 19 - ENVELOPE_K * 3, hi: 19 + ENVELOPE_K * 3 });
    const pred = Float64Array.from([100, 20, -100]);
    expect(clipToEnvelope(values, 20, pred, spec, firstNegative(values))).toBe(2);
    expect(Array.from(pred)).toEqual([env.hi, 20, env.lo]);
    // a series that fell to zero and stayed there for the whole recent stretch: exactly naive (0)
    const dropped = Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? 35 + (i % 3) : 0));
    const p2 = Float64Array.from([-3, 0.5, 8]);
    clipToEnvelope(dropped, 40, p2, spec, firstNegative(dropped));
    expect(Array.from(p2)).toEqual([0, 0, 0]);
    // never below zero for a never-negative history, even when the envelope reaches below it
    const low = Float64Array.from({ length: 20 }, (_, i) => (i % 2 ? 4 : 1));
    const p3 = Float64Array.from([-1, -1, -1]);
    clipToEnvelope(low, 20, p3, spec, firstNegative(low));
    expect(Array.from(p3)).toEqual([0, 0, 0]);
  });

  it('after a level shift (×0.1, ×3, to zero) the trained LSTM stays within the envelope of the new level', async () => {
    const values = Float64Array.from(wave.values as number[]);
    const observed = new Uint8Array(values.length).fill(1);
    const end = 48 * 7;
    const before = tf.memory().numTensors;
    const model = await lstmFitter.fit({
      values,
      observed,
      stepMs: HALF_HOUR,
      horizon: 4,
      end,
      valOrigins: [],
      lstm: tiny,
    });
    try {
      const spec = { window: 8, horizon: 4, lags: [48], recent: recentSteps(HALF_HOUR, 8, 4) };
      for (const shift of [(v: number) => v * 0.1, (v: number) => v * 3, () => 0]) {
        const shifted = values.map((v, i) => (i >= end ? shift(v) : v));
        const origins = [end + 6, end + 30, end + 60, end + 90];
        const preds = await model.predict(shifted, origins, 4);
        preds.forEach((row, i) => {
          const env = stepEnvelope(shifted, origins[i], spec, firstNegative(shifted));
          row.forEach((x, h) => {
            const { lo, hi } = env[h];
            expect(Number.isFinite(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(lo - 1e-9);
            expect(x).toBeLessThanOrEqual(hi + 1e-9);
            expect(x).toBeGreaterThanOrEqual(0);
          });
        });
      }
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('a model saved with the old (1.0.0) features is retrained with a visible note when fine-tuning', async () => {
    const first = await forecastSeries(request(wave));
    const saved = first.model!;
    const old = { ...saved, meta: { ...saved.meta, engineVersion: '1.0.0' } };
    const again = await forecastSeries({ ...request(wave), savedModel: old, fineTune: true });
    expect(again.report.warning ?? '').toMatch(
      /could not be reused \(.*engine version 1\.0\.0.*\), so a new one was trained/
    );
    expect(again.model?.meta.engineVersion).not.toBe('1.0.0');
  }, 60_000);
});
