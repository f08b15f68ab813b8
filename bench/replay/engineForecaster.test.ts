/** @jest-environment node */
import { prepareSeries } from '../../src/engine';
import type { FittedModel } from '../../src/engine/model';
import { initEngineNode } from '../../src/engine/node';
import { dailyWave } from '../../src/engine/testSeries';
import { assertNoLookAhead, engineForecasts, replayMethods, sampleOrigins } from './engineForecaster';

const HALF_HOUR = 1_800_000;
const tiny = { units: 4, window: 8, epochs: 3, samplesPerEpoch: 256, batchSize: 128, maxTrainMs: 1500 };

describe('replayMethods', () => {
  it("defaults to auto's candidates, LSTM included", () => {
    const auto = ['naive', 'seasonal_naive', 'ses', 'seasonal_mean', 'mstl', 'linear', 'lstm'];
    expect(replayMethods(undefined)).toEqual(auto);
    expect(replayMethods('  ')).toEqual(auto);
  });

  it('narrows to the listed methods and names unknown ones', () => {
    expect(replayMethods('naive, mstl')).toEqual(['naive', 'mstl']);
    expect(() => replayMethods('naive,prophet')).toThrow(/unknown method\(s\) prophet/);
  });
});

describe('sampleOrigins', () => {
  it('spreads origins over the range, both ends included, without duplicates', () => {
    expect(sampleOrigins(10, 20, 3)).toEqual([10, 15, 20]);
    expect(sampleOrigins(10, 12, 8)).toEqual([10, 11, 12]);
    expect(sampleOrigins(7, 7, 8)).toEqual([7]);
  });
});

describe('assertNoLookAhead', () => {
  const values = Float64Array.from([1, 2, 3, 4, 5, 6]);
  const fair: FittedModel = {
    method: 'naive',
    fitMs: 0,
    predict: async (v, origins, h) => origins.map((o) => new Float64Array(h).fill(v[o - 1])),
    dispose: () => undefined,
  };
  const peeking: FittedModel = {
    ...fair,
    predict: async (v, origins, h) => origins.map((o) => Float64Array.from({ length: h }, (_, k) => v[o + k])),
  };

  it('accepts a model that reads only values before the origin', async () => {
    await expect(assertNoLookAhead(fair, values, [2, 4], 2, (o) => [values[o - 1], values[o - 1]])).resolves.toBe(
      undefined
    );
  });

  it('rejects a model that reads the values it forecasts', async () => {
    await expect(assertNoLookAhead(peeking, values, [3], 2, (o) => [values[o], values[o + 1]])).rejects.toThrow(
      /naive looked ahead: at origin 3, step 0/
    );
  });
});

describe('engineForecasts', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
  });

  it('fits auto (LSTM included) before the replay and serves calibrated bands, origin by origin', async () => {
    const prep = prepareSeries(dailyWave(48 * 10, { stepMs: HALF_HOUR, noise: 4, seed: 5 }), HALF_HOUR);
    const n = prep.values.length;
    const firstOrigin = n - 48;
    const ef = await engineForecasts({
      values: prep.values,
      observed: prep.observed,
      startMs: prep.startMs,
      stepMs: HALF_HOUR,
      horizon: 3,
      firstOrigin,
      lastOrigin: n - 1,
      methods: ['naive', 'seasonal_naive', 'lstm'],
      lstm: tiny,
    });
    expect(Object.keys(ef.validation).sort()).toEqual(['lstm', 'naive', 'seasonal_naive']);
    expect(ef.leakChecks).toBe(8);
    // The forecaster is asked with the history up to the last completed sample (origin - 1).
    const historyTo = (o: number) => ({
      times: Array.from({ length: o }, (_, i) => prep.startMs + i * HALF_HOUR),
      values: Array.from(prep.values.slice(0, o)),
    });
    const band = await ef.forecaster(historyTo(firstOrigin), 3, HALF_HOUR);
    expect(band.mean).toHaveLength(3);
    band.mean.forEach((m, h) => {
      expect(band.upper80[h]).toBeGreaterThanOrEqual(m);
      expect(band.upper95[h]).toBeGreaterThanOrEqual(band.upper80[h]);
    });
    expect(() => ef.forecaster(historyTo(firstOrigin - 1), 3, HALF_HOUR)).toThrow(/no precomputed forecast/);
  }, 30_000);
});
