/** @jest-environment node */
import { statSync } from 'fs';
import { join } from 'path';
import type { ForecastRequest } from '../api';
import { forecastSeries } from '../forecast';
import { initEngineNode } from '../node';
import { prepareSeries } from '../prepare';
import { dailyWave, FIVE_MIN } from '../testSeries';
import { tf } from '../tf';
import { fineTuneBase, forecastMany, getBaseModel, loadBaseModel, setBaseModelSource, toBaseSeries } from './baseModel';
import { BASE_HORIZON } from './baseModelFeatures';
import { SHIPPED_BASE_DIR, selectShippedBaseModel } from './baseModelNode';
import { loadModelFromDir } from './fileStore';

function gridded(name: string, values: number[]) {
  const times = values.map((_, i) => Date.UTC(2024, 0, 1) + i * FIVE_MIN);
  const prep = prepareSeries({ times, values }, FIVE_MIN);
  return toBaseSeries(name, prep.values, prep.observed, FIVE_MIN);
}

describe('the shipped base model', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
    selectShippedBaseModel();
  });
  afterAll(() => setBaseModelSource(undefined));

  it('is under 1 MB on disk (model.json + weights.bin)', () => {
    const bytes = ['model.json', 'weights.bin'].reduce((s, f) => s + statSync(join(SHIPPED_BASE_DIR, f)).size, 0);
    expect(bytes).toBeLessThan(1_000_000);
  });

  it('loads through the one load path and predicts finite values for 100 series in one pass', async () => {
    const model = await getBaseModel();
    expect(model?.meta.base.corpus.length).toBeGreaterThan(10);
    const series = Array.from({ length: 100 }, (_, k) =>
      gridded(
        `s${k}`,
        dailyWave(2016, { level: 10 ** (k % 7), amplitude: 10 ** (k % 7) / 2, seed: k }).values as number[]
      )
    );
    const before = tf.memory().numTensors;
    const many = forecastMany(model!, series, 12);
    expect(tf.memory().numTensors).toBe(before);
    expect(many).toHaveLength(100);
    expect(many.every((row) => row.length === 12 && row.every(Number.isFinite))).toBe(true);
    // One batched pass gives what one series alone gives.
    const one = forecastMany(model!, [series[37]], 12)[0];
    one.forEach((x, h) => expect(many[37][h]).toBeCloseTo(x, 6));
  });

  it('is level- and scale-free: the series ×1000 + 50 gets the forecast ×1000 + 50', async () => {
    const model = (await getBaseModel())!;
    const raw = dailyWave(2016, { noise: 6, seed: 3 }).values as number[];
    const a = forecastMany(model, [gridded('a', raw)], BASE_HORIZON)[0];
    const b = forecastMany(
      model,
      [
        gridded(
          'b',
          raw.map((v) => v * 1000 + 50)
        ),
      ],
      BASE_HORIZON
    )[0];
    a.forEach((x, h) => expect(b[h]).toBeCloseTo(x * 1000 + 50, 0));
  });

  it('fine-tunes per series: deterministic, never worse than the base on its held-out windows', async () => {
    const model = (await getBaseModel())!;
    const s = gridded('ft', dailyWave(1500, { noise: 8, seed: 4 }).values as number[]);
    const opts = { trainEnd: 1200, heldEnd: 1500, epochs: 3, windows: 128 };
    const a = await fineTuneBase(model, s, opts);
    const b = await fineTuneBase(model, s, opts);
    try {
      expect(a.summary.heldMaeBest).toBeLessThanOrEqual(a.summary.heldMaeStart);
      expect(forecastMany({ ...model, network: a.network }, [s], 6)).toEqual(
        forecastMany({ ...model, network: b.network }, [s], 6)
      );
    } finally {
      a.network.dispose();
      b.network.dispose();
    }
  }, 60_000);

  it('refuses a model trained on other features, naming them', async () => {
    const saved = await loadModelFromDir(SHIPPED_BASE_DIR);
    const meta = { ...saved.meta, base: { ...(saved.meta as unknown as { base: object }).base, features: 'old' } };
    await expect(loadBaseModel({ ...saved, meta })).rejects.toThrow(/not a Foresight base model.*found old/);
  });

  it('is lstm_base in the engine: zero-shot, scored on the validation origins, refused beyond 24 steps', async () => {
    const req: ForecastRequest = {
      series: dailyWave(2016, { noise: 4, seed: 9 }),
      stepMs: FIVE_MIN,
      horizon: 12,
      method: 'lstm_base',
    };
    const out = await forecastSeries(req);
    expect(out.forecast.method).toBe('lstm_base');
    expect(out.report.scores.lstm_base?.mae).toBeGreaterThan(0);
    expect(out.forecast.mean.every(Number.isFinite)).toBe(true);
    await expect(forecastSeries({ ...req, horizon: 48 })).rejects.toThrow(/at most 24 steps/);
  }, 60_000);

  it('beyond 24 steps lstm is trained from scratch, said without advice to do what it already does', async () => {
    const out = await forecastSeries({
      series: dailyWave(2016, { noise: 4, seed: 9 }),
      stepMs: FIVE_MIN,
      horizon: 30,
      method: 'lstm',
      lstm: { epochs: 1, samplesPerEpoch: 64 },
    });
    expect(out.report.notes).toContain(
      'The LSTM was trained from scratch, not from the base model (the base model forecasts at most 24 steps, not 30).'
    );
    expect(out.report.notes?.join(' ')).not.toMatch(/use lstm/);
  }, 60_000);

  it('is an auto candidate while a base model is set', async () => {
    const out = await forecastSeries({
      series: dailyWave(2016, { noise: 4, seed: 9 }),
      stepMs: FIVE_MIN,
      horizon: 6,
      method: 'auto',
      lstm: { epochs: 1, samplesPerEpoch: 64, units: 4 },
    });
    expect(Object.keys(out.report.scores)).toEqual(expect.arrayContaining(['naive', 'lstm_base']));
  }, 120_000);

  it('fine-tunes lstm from the base into a model the cache can keep: saved, reloaded, the same forecast', async () => {
    const req: ForecastRequest = {
      series: dailyWave(2016, { noise: 4, seed: 21 }),
      stepMs: FIVE_MIN,
      horizon: 12,
      method: 'lstm',
    };
    const trained = await forecastSeries(req);
    expect(trained.model?.meta.method).toBe('lstm');
    expect((trained.model?.meta as unknown as { base?: { fineTuned?: boolean } }).base?.fineTuned).toBe(true);
    const before = tf.memory().numTensors;
    const reused = await forecastSeries({ ...req, savedModel: trained.model });
    expect(reused.forecast.method).toBe('lstm');
    reused.forecast.mean.forEach((x, h) => expect(x).toBeCloseTo(trained.forecast.mean[h], 6));
    // Fine-tuned again on fresh data from the saved copy (a refresh in train mode), still exportable.
    const again = await forecastSeries({ ...req, savedModel: trained.model, fineTune: true });
    expect(again.model?.meta.method).toBe('lstm');
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('answers a quick request among the untrained methods only, the base model included', async () => {
    const out = await forecastSeries({
      series: dailyWave(2016, { noise: 4, seed: 9 }),
      stepMs: FIVE_MIN,
      horizon: 12,
      method: 'lstm',
      quick: true,
    });
    expect(Object.keys(out.report.scores).sort()).toEqual([
      'ensemble',
      'lstm_base',
      'model_median',
      'naive',
      'seasonal_mean',
      'seasonal_naive',
      'ses',
    ]);
    expect(out.model).toBeUndefined();
    expect(out.report.origins).toBeLessThanOrEqual(48);
  }, 60_000);

  it('says so when the base model cannot be loaded: lstm_base skipped with the reason, lstm trained from scratch', async () => {
    setBaseModelSource(() => Promise.reject(new TypeError('Failed to fetch')));
    try {
      const out = await forecastSeries({
        series: dailyWave(2016, { noise: 4, seed: 9 }),
        stepMs: FIVE_MIN,
        horizon: 6,
        method: 'auto',
        lstm: { epochs: 1, samplesPerEpoch: 64 },
      });
      expect(out.report.skipped?.find((s) => s.method === 'lstm_base')?.reason).toMatch(
        /base model could not be loaded \(Failed to fetch\)/
      );
      expect(out.report.notes?.join(' ')).toMatch(/trained from scratch, not from the base model/);
      expect(out.report.scores.lstm).toBeDefined();
    } finally {
      selectShippedBaseModel();
    }
  }, 120_000);
});
