import {
  buildBatch,
  denseFeatureCount,
  fitScaler,
  minOrigin,
  scaleValue,
  seqFeatureCount,
  trainingOrigins,
  unscaleValue,
} from './features';

describe('LSTM features', () => {
  const values = Float64Array.from({ length: 40 }, (_, i) => i * i);
  const spec = { window: 3, horizon: 2, lags: [10] };
  const scaler = { offset: 0, scale: 2, log: false };

  it('windows are relative to the last value, lags look one season back, targets are residuals vs naive', () => {
    const o = 20;
    const b = buildBatch(values, [o], spec, scaler, true);
    expect(seqFeatureCount(spec)).toBe(2);
    expect(denseFeatureCount(spec)).toBe(5);
    // window t = 17, 18, 19: [(y[t]-y[19])/2, (y[t-10]-y[9])/2]
    expect(Array.from(b.seq)).toEqual([(289 - 361) / 2, (49 - 81) / 2, (324 - 361) / 2, (64 - 81) / 2, 0, 0]);
    // dense: h=0 → idx 10, h=1 → idx 11: [(y-y[19])/2, (y-y[9])/2] pairs, then level y[19]/2
    expect(Array.from(b.dense)).toEqual([(100 - 361) / 2, (100 - 81) / 2, (121 - 361) / 2, (121 - 81) / 2, 361 / 2]);
    expect(Array.from(b.target!)).toEqual([(400 - 361) / 2, (441 - 361) / 2]);
  });

  it('seasonal index never reaches the future when the horizon exceeds the lag', () => {
    const s = { window: 2, horizon: 5, lags: [2] };
    const b = buildBatch(values, [10], s, scaler, false);
    // h = 0..4 → indices 8, 9, 8, 9, 8 (all < 10)
    const firsts = [0, 2, 4, 6, 8].map((k) => b.dense[k] * 2 + values[9]);
    expect(firsts).toEqual([64, 81, 64, 81, 64]);
  });

  it('training origins need all inputs and observed targets strictly inside the training range', () => {
    const observed = new Uint8Array(40).fill(1);
    observed[30] = 0;
    const os = trainingOrigins(observed, 35, spec);
    expect(os[0]).toBe(minOrigin(spec));
    expect(os[os.length - 1]).toBe(33);
    expect(os).not.toContain(29);
    expect(os).not.toContain(30);
  });

  it('scaler is fitted on training data only and round-trips', () => {
    const s = fitScaler([1, 2, 3, 1000], 3);
    expect(s.offset).toBe(2);
    expect(s.scale).toBe(1);
    for (const x of [-5, 0, 3.25, 1e9]) {
      expect(unscaleValue(scaleValue(x, s), s)).toBeCloseTo(x, 6);
    }
    expect(fitScaler([5, 5, 5], 3).scale).toBe(5);
    expect(fitScaler([0, 0], 2).scale).toBe(1);
  });
});
