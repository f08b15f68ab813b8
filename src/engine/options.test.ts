/** @jest-environment node */
import { forecastSeries } from './forecast';
import { LSTM_LIMITS, type LimitedLstmOption, validateLstmOptions } from './options';
import { initEngineNode } from './node';
import { tf } from './tf';
import { FIVE_MIN, dailyWave } from './testSeries';

describe('LSTM option bounds', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
  });

  it('says which option, its range and the value received', () => {
    expect(() => validateLstmOptions({ units: 1.5 })).toThrow(
      'LSTM units must be a whole number from 1 to 256; got 1.5.'
    );
    expect(() => validateLstmOptions({ learningRate: 0 })).toThrow(
      'LSTM learning rate must be a number greater than 0 and at most 1; got 0.'
    );
    expect(() => validateLstmOptions({ window: NaN, epochs: -1 })).toThrow(
      'LSTM window must be a whole number from 2 to 512; got NaN. LSTM epochs must be a whole number from 1 to 200; got -1.'
    );
    expect(() => validateLstmOptions({ batchSize: '64' as unknown as number })).toThrow(/batch size .*got "64"/);
  });

  it.each(Object.keys(LSTM_LIMITS) as LimitedLstmOption[])('%s: rejects 0/−1/1.5/NaN/1e9 as its range says', (key) => {
    const limit = LSTM_LIMITS[key];
    for (const bad of [-1, NaN, Infinity, 1e12]) {
      expect(() => validateLstmOptions({ [key]: bad })).toThrow(limit.label);
    }
    if (limit.integer) {
      expect(() => validateLstmOptions({ [key]: 1.5 })).toThrow(/whole number/);
    }
    if (limit.min > 0 || limit.minExclusive) {
      expect(() => validateLstmOptions({ [key]: 0 })).toThrow(limit.label);
    }
    expect(() => validateLstmOptions({ [key]: limit.max })).not.toThrow();
    expect(() => validateLstmOptions({ [key]: undefined })).not.toThrow();
  });

  it('forecastSeries refuses bad options before any tensor exists, even for a baseline method', async () => {
    const before = tf.memory().numTensors;
    await expect(
      forecastSeries({ series: dailyWave(600), stepMs: FIVE_MIN, horizon: 3, method: 'lstm', lstm: { units: 0 } })
    ).rejects.toMatchObject({ name: 'EngineError', code: 'bad_input', message: expect.stringMatching(/LSTM units/) });
    await expect(
      forecastSeries({ series: dailyWave(600), stepMs: FIVE_MIN, horizon: 3, method: 'auto', lstm: { window: 1e9 } })
    ).rejects.toThrow(/LSTM window must be a whole number from 2 to 512; got 1000000000/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
