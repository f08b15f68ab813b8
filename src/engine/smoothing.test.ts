/** @jest-environment node */
import { forecastSeries } from './forecast';
import { MEDIAN_POINTS, fitLevelRule, medianTracker, movingMedian, sesModel, smoothedLevel } from './smoothing';
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

describe('a smoothed level (ses): exponential smoothing or a moving median', () => {
  it('α = 1 is the last value; α = 0.5 halves the distance at each step', () => {
    const v = Float64Array.from([0, 0, 0, 4]);
    expect(smoothedLevel(v, 4, 1)).toBe(4);
    expect(smoothedLevel(Float64Array.from([0, 4, 4]), 3, 0.5)).toBe(3);
  });

  it('a moving median is the middle of the last k values, and ignores what a spike does to a mean', () => {
    const v = Float64Array.from([9, 1, 2, 100, 3]);
    expect(movingMedian(v, 5, 3)).toBe(3);
    expect(movingMedian(v, 5, 5)).toBe(3);
    expect(movingMedian(v, 2, 5)).toBe(5); // only two values before the origin: their mean
  });

  it('is level- and scale-free: ×1000 + 50 in gives ×1000 + 50 out, with the same rule', async () => {
    const n = 2000;
    const e = noise(n);
    // a level plus noise with a spike every 50 steps, then a step: both rule kinds are in play
    const v = Float64Array.from(e, (x, i) => 10 + x + (i > 1500 ? 3 : 0) + (i % 50 === 0 ? 20 : 0));
    const w = Float64Array.from(v, (x) => 1000 * x + 50);
    const rule = fitLevelRule(v, all(n), n, 12, 288);
    expect(fitLevelRule(w, all(n), n, 12, 288)).toEqual(rule);
    for (const r of [rule, { kind: 'ewm', alpha: 0.1 } as const, { kind: 'median', points: 23 } as const]) {
      const [fv] = await sesModel(r).predict(v, [n], 12);
      const [fw] = await sesModel(r).predict(w, [n], 12);
      fv.forEach((x, h) => expect(fw[h]).toBeCloseTo(1000 * x + 50, 6));
    }
  });

  it('fits a long, smooth level on a level plus noise, and the last value on a noiseless random walk', () => {
    const n = 1500;
    const e = noise(n, 3);
    const flat = Float64Array.from(e, (x) => 100 + x);
    const r = fitLevelRule(flat, all(n), n, 12, 288);
    expect(r.kind === 'ewm' ? r.alpha <= 0.1 : r.points >= 47).toBe(true);
    let y = 0;
    const walk = Float64Array.from(e, (x) => (y += x));
    const w = fitLevelRule(walk, all(n), n, 12, 288);
    expect(w.kind === 'ewm' && w.alpha >= 0.7).toBe(true);
  });

  it('picks a moving median where spikes would pull a mean up', () => {
    const n = 1500;
    const e = noise(n, 5);
    // a quiet level with a tall one-step spike every 7 steps: the mean sits above most values
    const spiky = Float64Array.from(e, (x, i) => 10 + x + (i % 7 === 0 ? 60 : 0));
    expect(fitLevelRule(spiky, all(n), n, 12, 288).kind).toBe('median');
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

describe('moving medians', () => {
  it('the sliding tracker gives the same medians as sorting, for steps, jumps and short histories', () => {
    const v = noise(3000, 11).map((x, i) => (i % 97 === 0 ? 40 : x) + (i > 2000 ? 5 : 0));
    const track = medianTracker(v, MEDIAN_POINTS);
    let o = 1;
    while (o < 3000) {
      const got = Array.from(track(o));
      expect(got).toEqual(MEDIAN_POINTS.map((k) => movingMedian(v, o, k)));
      // mostly single steps, sometimes a jump shorter or longer than the windows
      o += o % 13 === 0 ? 150 : o % 7 === 0 ? 9 : 1;
    }
  });
});
