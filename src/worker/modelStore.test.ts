/** @jest-environment node */
/**
 * The one model store (`foresight-models`): a model trained, cached, read back by a new cache object
 * (a page reload) and forecast from again gives the same forecast, with the LSTM — the returning
 * user's path that used to drop to seasonal naive.
 */
import { IDBFactory } from 'fake-indexeddb';
import type { ForecastRequest } from '../engine/api';
import { forecastSeries } from '../engine/forecast';
import { initEngineNode } from '../engine/node';
import { dailyWave } from '../engine/testSeries';
import { IndexedDbModelCache } from './modelCache';
import { namedModelKey } from '../advisor/ports';

const HALF_HOUR = 1_800_000;
const request: ForecastRequest = {
  series: dailyWave(48 * 9, { stepMs: HALF_HOUR, noise: 4, seed: 3 }),
  stepMs: HALF_HOUR,
  horizon: 4,
  method: 'lstm',
  lstm: { units: 4, window: 8, epochs: 3, samplesPerEpoch: 256, batchSize: 128, maxTrainMs: 3000 },
};

describe('model store round trip', () => {
  beforeAll(() => initEngineNode({ mstl: false }));

  it('a cached and a named model read back from IndexedDB load and predict identically', async () => {
    const first = await forecastSeries(request);
    const factory = new IDBFactory();
    const writer = new IndexedDbModelCache(factory);
    await writer.put('fs1-elb', first.model!);
    await writer.put(namedModelKey('elb'), first.model!);
    writer.close();

    const reader = new IndexedDbModelCache(factory);
    for (const key of ['fs1-elb', namedModelKey('elb')]) {
      const back = await reader.get(key);
      expect(back).toBeDefined();
      const again = await forecastSeries({ ...request, savedModel: back });
      expect(again.forecast.method).toBe('lstm');
      expect(again.forecast.mean).toEqual(first.forecast.mean);
    }
    reader.close();
  });
});
