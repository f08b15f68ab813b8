/** @jest-environment node */
import { forecastSeries } from '../forecast';
import { initEngineNode } from '../node';
import { prepareSeries } from '../prepare';
import { dailyWave, FIVE_MIN } from '../testSeries';
import { tf } from '../tf';
import { fineTuneBase, forecastMany, getBaseModel, setBaseModelSource, toBaseSeries } from './baseModel';
import { selectShippedBaseModel } from './baseModelNode';

describe('the base model leaks no tensor', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
    selectShippedBaseModel();
  });
  afterAll(() => setBaseModelSource(undefined));

  it('20 cycles of zero-shot, fine-tune and forecast return tf.memory().numTensors to its baseline', async () => {
    const model = (await getBaseModel())!;
    const raw = dailyWave(1200, { noise: 5, seed: 2 });
    const prep = prepareSeries(raw, FIVE_MIN);
    const series = toBaseSeries('s', prep.values, prep.observed, FIVE_MIN, 1000);
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      forecastMany(model, [series, series], 12);
      const { network } = await fineTuneBase(model, series, {
        trainEnd: 1000,
        heldEnd: 1200,
        epochs: 1,
        windows: 64,
      });
      network.dispose();
      await forecastSeries({ series: raw, stepMs: FIVE_MIN, horizon: 12, method: 'lstm_base' });
    }
    expect(tf.memory().numTensors).toBe(baseline);
  }, 300_000);
});
