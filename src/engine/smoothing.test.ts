/** @jest-environment node */
import { forecastSeries } from './forecast';
import { fitAlpha, sesModel, smoothedLevel } from './smoothing';
import { FIVE_MIN, T0 } from './testSeries';

/** Deterministic noise in [-1, 1). */
function noise(n: number, seed = 1): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return (s / 2147483647) * 2 - 1;
  });
}

const all = (n: number) => new Uint8Array(n).fill(1);

describe('simple exponential smoothing (ses)', () => {
  it('α = 1 is the last value; α = 0.5 halves the distance at each step', () => {
    const v = Float64Array.from([0, 0, 0, 4]);
    expect(smoothedLevel(v, 4, 1)).toBe(4);
    expect(smoothedLevel(Float64Array.from([0, 4, 4]), 3, 0.5)).toBe(3);
  });

  it('is level- and scale-free: ×1000 + 50 in gives ×1000 + 50 out, with the same α', async () => {
    const n = 2000;
    const e = noise(n);
    const v = Float64Array.from(e, (x, i) => 10 + x + (i > 1500 ? 3 : 0));
    const w = Float64Array.from(v, (x) => 1000 * x + 50);
    const a = fitAlpha(v, all(n), n, 12, 288);
    expect(fitAlpha(w, all(n), n, 12, 288)).toBe(a);
    const [fv] = await sesModel(a).predict(v, [n], 12);
    const [fw] = await sesModel(a).predict(w, [n], 12);
    fv.forEach((x, h) => expect(fw[h]).toBeCloseTo(1000 * x + 50, 6));
  });

  it('fits a small α on a level plus noise, and α = 1 on a noiseless random walk', () => {
    const n = 1500;
    const e = noise(n, 3);
    const flat = Float64Array.from(e, (x) => 100 + x);
    expect(fitAlpha(flat, all(n), n, 12, 288)).toBeLessThanOrEqual(0.1);
    let y = 0;
    const walk = Float64Array.from(e, (x) => (y += x));
    expect(fitAlpha(walk, all(n), n, 12, 288)).toBeGreaterThanOrEqual(0.7);
  });

  it('is an auto candidate whose forecast is flat at the smoothed level', async () => {
    const n = 2016;
    const e = noise(n, 9);
    const times = Array.from({ length: n }, (_, i) => T0 + i * FIVE_MIN);
    const out = await forecastSeries({
      series: { times, values: Array.from(e, (x) => 50 + 5 * x) },
      stepMs: FIVE_MIN,
      horizon: 12,
      method: 'ses',
    });
    expect(out.forecast.method).toBe('ses');
    const f = out.forecast.mean;
    expect(Math.max(...f) - Math.min(...f)).toBe(0);
    expect(Math.abs(f[0] - 50)).toBeLessThan(2);
  });
});
