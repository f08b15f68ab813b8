import { REPLAYED_ORIGINS, replayedCoverage, reportedCoverage } from './bandReplay';
import { calibrate, makeBand } from './conformal';
import { localScale } from './localScale';
import { rng } from './lstm/features';
import { errorTable, recentCalibration, recentOptions } from './recent';
import { FIVE_MIN } from './testSeries';

const H = 12;
const opts = recentOptions(FIVE_MIN, H);
const DAY = 288;

/** Noise around `level` whose swings are `late` times larger from `switchAt` on. */
function noisySeries(n: number, switchAt: number, late: number, level = 100, seed = 3) {
  const rand = rng(seed);
  const values = Float64Array.from({ length: n }, (_, i) => level + (i >= switchAt ? late : 1) * 10 * (rand() - 0.5));
  return { values, observed: new Uint8Array(n).fill(1) };
}

/** Naive forecasts from every step of [originsFrom, fitEnd − H] (or every `every` steps). */
function setUp(
  n: number,
  fitEnd: number,
  o: { switchAt?: number; late?: number; from: number; every?: number; level?: number }
) {
  const { values, observed } = noisySeries(n, o.switchAt ?? Infinity, o.late ?? 1, o.level);
  const origins: number[] = [];
  for (let t = o.from; t <= fitEnd - H; t += o.every ?? 1) {
    origins.push(t);
  }
  const preds = origins.map((t) => new Float64Array(H).fill(values[t - 1]));
  const table = errorTable(values, observed, origins, preds, H, localScale(values, observed, opts.span));
  return { values, observed, origins, preds, table };
}

describe('replayedCoverage', () => {
  it('counts the drawn band near its nominal level on steady noise, at up to 48 origins', () => {
    const s = setUp(5 * DAY, 5 * DAY, { from: 3 * DAY });
    const r = replayedCoverage(s.table, H, 5 * DAY, opts)!;
    expect(r.coverage95).toBeGreaterThan(0.9);
    expect(r.coverage95).toBeLessThan(0.995);
    expect(r.coverage80).toBeGreaterThan(0.7);
    expect(r.coverage80).toBeLessThan(0.9);
    expect(r.origins).toBeGreaterThan(REPLAYED_ORIGINS - 5);
    expect(r.origins).toBeLessThanOrEqual(REPLAYED_ORIGINS);
  });

  it('holds exactly the targets the drawn band holds, clipped at zero included', () => {
    // a never-negative series near zero, so lower bounds are clipped; 40 origins to replay, all of them
    const first = opts.minResiduals + H;
    const s = setUp(5 * DAY, 5 * DAY, { from: 5 * DAY - H - (first + 40) + 1, level: 5 });
    expect(s.origins.length).toBe(first + 40);
    const r = replayedCoverage(s.table, H, 5 * DAY, opts)!;
    expect(r.origins).toBe(40);
    let inside = 0;
    let cells = 0;
    for (let i = first; i < s.origins.length; i++) {
      const band = makeBand(s.preds[i], recentCalibration(s.table, s.origins[i], H, opts), true);
      for (let h = 0; h < H; h++) {
        const y = s.values[s.origins[i] + h];
        cells++;
        inside += y >= band.lower95[h] && y <= band.upper95[h] ? 1 : 0;
      }
    }
    expect(r.coverage95).toBeCloseTo(inside / cells, 12);
  });

  it('follows the swings where one raw band from the calm half would miss the busy half', () => {
    // validation: two calm days, then swings 4 × larger for the last day
    const n = 6 * DAY;
    const s = setUp(n, n, { from: 3 * DAY, switchAt: 5 * DAY, late: 4 });
    const r = replayedCoverage(s.table, H, n, opts)!;
    const calm = s.origins.filter((o) => o + H <= 5 * DAY);
    const busy = s.origins.filter((o) => o >= 5 * DAY);
    const calmBand = calibrate(
      Array.from({ length: H }, (_, h) => calm.map((o) => Math.abs(s.values[o + h] - s.values[o - 1])))
    );
    let inside = 0;
    let cells = 0;
    for (const o of busy) {
      const band = makeBand(new Float64Array(H).fill(s.values[o - 1]), calmBand, true);
      for (let h = 0; h < H && o + h < n; h++) {
        cells++;
        inside += s.values[o + h] >= band.lower95[h] && s.values[o + h] <= band.upper95[h] ? 1 : 0;
      }
    }
    expect(inside / cells).toBeLessThan(0.75);
    expect(r.coverage95).toBeGreaterThan(0.88);
  });

  it('is undefined where validation is too short or too sparse, and the report keeps the cross-fitted figure', () => {
    const short = setUp(4 * DAY, 4 * DAY, { from: 4 * DAY - 100 });
    expect(replayedCoverage(short.table, H, 4 * DAY, opts)).toBeUndefined();
    // a quick request's evenly spaced origins
    const sparse = setUp(5 * DAY, 5 * DAY, { from: 3 * DAY, every: 12 });
    expect(replayedCoverage(sparse.table, H, 5 * DAY, opts)).toBeUndefined();
    const val = { coverage80: 0.5, coverage95: 0.6 };
    expect(reportedCoverage({ table: sparse.table, val }, H, 5 * DAY, opts)).toEqual(val);
    const dense = setUp(5 * DAY, 5 * DAY, { from: 3 * DAY });
    expect(reportedCoverage({ table: dense.table, val }, H, 5 * DAY, opts).coverage95).toBeGreaterThan(0.9);
  });

  it('reads nothing at or after the forecast origin', () => {
    const fitEnd = 5 * DAY;
    const s = setUp(6 * DAY, fitEnd, { from: 3 * DAY });
    const before = replayedCoverage(s.table, H, fitEnd, opts);
    const values = Float64Array.from(s.values, (v, i) => (i >= fitEnd ? v * 1e6 : v));
    const table = errorTable(values, s.observed, s.origins, s.preds, H, localScale(values, s.observed, opts.span));
    expect(replayedCoverage(table, H, fitEnd, opts)).toEqual(before);
  });
});
