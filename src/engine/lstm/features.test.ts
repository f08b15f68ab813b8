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

  it('windows are relative to the last value, scaled by their own recent steps; lags look one season back; targets are residuals vs naive', () => {
    const o = 20;
    const b = buildBatch(values, [o], spec, scaler, true);
    expect(seqFeatureCount(spec)).toBe(2);
    expect(denseFeatureCount(spec)).toBe(5);
    // recent stretch = the lag (10 steps): mean |Δy| over t = 10..19 is mean(2t - 1) = 28 (the fallback scale 2 is only a floor)
    const s = 28;
    expect(b.scales[0]).toBe(s);
    // window t = 17, 18, 19: [(y[t]-y[19])/s, (y[t-10]-y[9])/s]
    const f32 = (xs: number[]) => Array.from(Float32Array.from(xs));
    expect(Array.from(b.seq)).toEqual(f32([(289 - 361) / s, (49 - 81) / s, (324 - 361) / s, (64 - 81) / s, 0, 0]));
    // dense: h=0 → idx 10, h=1 → idx 11: [(y-y[19])/s, (y-y[9])/s] pairs, then (mean of y[10..19] = 218.5) - y[19], no level
    expect(Array.from(b.dense)).toEqual(
      f32([(100 - 361) / s, (100 - 81) / s, (121 - 361) / s, (121 - 81) / s, (218.5 - 361) / s])
    );
    expect(Array.from(b.target!)).toEqual(f32([(400 - 361) / s, (441 - 361) / s]));
  });

  it('seasonal index never reaches the future when the horizon exceeds the lag', () => {
    const s = { window: 2, horizon: 5, lags: [2] };
    const b = buildBatch(values, [10], s, scaler, false);
    // h = 0..4 → indices 8, 9, 8, 9, 8 (all < 10)
    const firsts = [0, 2, 4, 6, 8].map((k) => Math.round(b.dense[k] * b.scales[0] + values[9]));
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
