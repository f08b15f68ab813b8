/** @jest-environment node */
import type { BaseMethod } from './api';
import { backtestSeries } from './backtest';
import { localScale } from './localScale';
import { type ErrorTable, chooseRecent, errorTable, recentCalibration, recentError, weekError } from './recent';
import { rng } from './lstm/features';
import { T0 } from './testSeries';

const HOUR = 3_600_000;
const opts = { span: 24, halfLife: 6, minResiduals: 10, longSpan: 168, quarters: { day: 0, offset: 0 } };

/** A table whose error is `before(o)` for every step. */
function table(origins: number[], err: (o: number) => number, H = 2): ErrorTable {
  return { origins, errors: origins.map((o) => Float64Array.from({ length: H }, () => err(o))) };
}

describe('selection and intervals that follow the data', () => {
  const origins = Array.from({ length: 200 }, (_, i) => i);

  it('recent error uses only targets known before the cut-off, weighted to the latest', () => {
    const t = table(origins, (o) => (o < 100 ? 1 : 10));
    // cut-off 100, H = 2: origins ≤ 98 → all errors 1
    expect(recentError(t, 100, 2, opts)).toBe(1);
    // cut-off 110: origins 86..108 count; the latest (10) weigh most
    const e = recentError(t, 110, 2, opts);
    expect(e).toBeGreaterThan(5.5);
    expect(e).toBeLessThan(10);
  });

  it('recent error counts the freshest targets: a shift shows at step 1 before any whole horizon is known', () => {
    const H = 12;
    const t = table(origins, (o) => (o < 100 ? 1 : 10), H);
    // cut-off 102: no origin ≥ 100 has its whole 12-step target known, but (100, h=0), (100, h=1), (101, h=0) are
    expect(recentError(t, 100, H, opts)).toBe(1);
    expect(recentError(t, 102, H, opts)).toBeGreaterThan(1.2);
  });

  it('normalised intervals follow the series: errors that are 2 local steps give a band of 2 local steps now', () => {
    // the step size triples at 150; every forecast misses by twice the local scale at its origin
    const n = 260;
    const values = new Float64Array(n);
    for (let t = 1; t < n; t++) {
      values[t] = values[t - 1] + (t % 2 ? 1 : -1) * (t < 150 ? 1 : 3);
    }
    const seen = new Uint8Array(n).fill(1);
    const at = localScale(values, seen, 24);
    const os = Array.from({ length: 180 }, (_, k) => 25 + k);
    const preds = os.map((o) => Float64Array.from({ length: 2 }, (_, h) => values[o + h] + 2 * at(o)));
    const scaled = errorTable(values, seen, os, preds, 2, at);
    const raw = errorTable(values, seen, os, preds, 2);
    const wide = { ...opts, minResiduals: 100 };
    for (const before of [151, 160, 175, 200]) {
      expect(recentCalibration(scaled, before, 2, wide).q95[1]).toBeCloseTo(2 * at(before), 9);
    }
    // one step into the new regime, raw residuals still say 2; a day in, most of them are old ones
    expect(recentCalibration(raw, 151, 2, wide).q80[0]).toBeCloseTo(2, 9);
    expect(recentCalibration(raw, 175, 2, wide).q80[0]).toBeLessThan(2 * at(175));
  });

  it('a band never narrows faster than its raw residuals: errors about the level keep it after the swings vanish', () => {
    // busy until 150, then flat (a series that fell to zero): the local scale collapses, but a
    // forecast that still misses by 5 (yesterday's level) keeps a band of 5
    const n = 260;
    const values = Float64Array.from({ length: n }, (_, t) => (t < 150 ? (t % 2) * 4 : 0));
    const seen = new Uint8Array(n).fill(1);
    const at = localScale(values, seen, 24);
    const os = Array.from({ length: 180 }, (_, k) => 25 + k);
    const preds = os.map((o) => Float64Array.from({ length: 2 }, (_, h) => values[o + h] + 5));
    const scaled = errorTable(values, seen, os, preds, 2, at);
    expect(at(200)).toBeLessThan(1);
    expect(recentCalibration(scaled, 200, 2, { ...opts, minResiduals: 100 }).q95[1]).toBeCloseTo(5, 9);
  });

  it("after a level shift the band leaves out the forecasts that straddle it (the jump's own miss)", () => {
    // a level shift at origin 150: forecasts issued before it for targets after it missed by 50,
    // every other forecast by 1; at step 2 (h = 5) five of them straddle the shift
    const H = 6;
    const straddles = (o: number, h: number) => o < 150 && o + h >= 150;
    const t: ErrorTable = {
      origins,
      errors: origins.map((o) => Float64Array.from({ length: H }, (_, h) => (straddles(o, h) ? 50 : 1))),
    };
    const wide = { ...opts, minResiduals: 40 };
    expect(recentCalibration(t, 160, H, wide).q95[5]).toBe(50);
    expect(recentCalibration(t, 160, H, wide, 150).q95[5]).toBe(1);
  });

  it('intervals come from the recent residuals, so they widen soon after a burst', () => {
    const t = table(origins, (o) => (o < 150 ? 1 : 20));
    expect(recentCalibration(t, 150, 2, opts).q95[0]).toBe(1);
    expect(recentCalibration(t, 175, 2, opts).q95[0]).toBe(20);
  });

  it('per-origin selection: after a regime change auto switches within a bounded number of origins', () => {
    // seasonal naive is better before origin 100, naive after (e.g. the season stopped)
    const tables: Array<{ method: BaseMethod; table: ErrorTable }> = [
      { method: 'naive', table: table(origins, () => 3) },
      { method: 'seasonal_naive', table: table(origins, (o) => (o < 100 ? 1 : 9)) },
      { method: 'lstm', table: table(origins, (o) => (o < 100 ? 0.5 : 12)) },
    ];
    const at = (o: number) => chooseRecent(tables, o, 2, opts, 0.03)?.method;
    expect(at(100)).toBe('lstm');
    let switched = -1;
    for (let o = 100; o < 200; o++) {
      if (at(o) === 'naive') {
        switched = o;
        break;
      }
    }
    expect(switched).toBeGreaterThan(100);
    // within a quarter of a day of origins (24-step span, 6-step half-life)
    expect(switched).toBeLessThanOrEqual(110);
    for (let o = switched; o < 200; o++) {
      expect(at(o)).toBe('naive');
    }
  });

  it("the week-long score is the week's MAE, without its worst day only when the series came back from it", () => {
    // 8 days of 24 origins; the LSTM missed by 30 on day b = 3 (an incident), by 1 elsewhere
    const os = Array.from({ length: 8 * 24 }, (_, i) => i);
    const before = os.length;
    // by target: day b holds the targets 24·b … 24·b + 23 steps before the cut-off
    const incident = (target: number) => before - 1 - target >= 72 && before - 1 - target < 96;
    const byTarget = (miss: number, usual: number): ErrorTable => ({
      origins: os,
      errors: os.map((o) => Float64Array.from({ length: 2 }, (_, h) => (incident(o + h) ? miss : usual))),
    });
    const t = byTarget(30, 1);
    const week = recentError(t, before, 2, { ...opts, span: opts.longSpan, halfLife: Infinity });
    // nothing came back (or no day is known to have): exactly the week's unweighted MAE
    expect(weekError(t, before, 2, opts)).toBeCloseTo(week, 12);
    expect(weekError(t, before, 2, opts, -Infinity, [false, false, false, false, false, false, false])).toBeCloseTo(
      week,
      12
    );
    // the series came back from day 3: that day is left out
    expect(weekError(t, before, 2, opts, -Infinity, [false, false, false, true, false, false, false])).toBe(1);
    // only the worst day is ever dropped: another day that came back does not matter
    expect(weekError(t, before, 2, opts, -Infinity, [false, true, false, false, false, false, false])).toBeCloseTo(
      week,
      12
    );
    // with fewer than three days of errors (here: since a level shift), nothing is dropped
    const recentOnly = weekError(t, before, 2, opts, before - 48, [false, true, false, false, false, false, false]);
    expect(recentOnly).toBe(1);
    // the choice follows: the incident no longer hands the week to the method that missed it least
    const tables: Array<{ method: BaseMethod; table: ErrorTable }> = [
      { method: 'naive', table: byTarget(2, 1.6) },
      { method: 'lstm', table: t },
    ];
    const cameBack = [false, false, false, true, false, false, false];
    expect(chooseRecent(tables, before, 2, opts, 0.03)?.method).toBe('naive');
    expect(chooseRecent(tables, before, 2, opts, 0.03, undefined, cameBack)?.method).toBe('lstm');
  });

  it('the backtest re-selects at every origin: a season that stops makes auto leave seasonal naive', async () => {
    // hourly, 30 days: a strong clean daily wave, then in the last 3 days (inside the test region)
    // the wave stops and the level holds: seasonal naive keeps repeating yesterday's wave
    const rand = rng(3);
    const n = 24 * 30;
    const times = Array.from({ length: n }, (_, i) => T0 + i * HOUR);
    const values = times.map((_, i) =>
      i < n - 72 ? 100 + 40 * Math.sin((2 * Math.PI * i) / 24) + rand() : 100 + rand()
    );
    const r = await backtestSeries({
      name: 'stops',
      series: { times, values },
      horizon: 3,
      method: 'auto',
      lstm: { units: 4, epochs: 3, samplesPerEpoch: 256 },
    });
    const auto = r.methods.auto!;
    expect(auto.choices?.seasonal_naive ?? 0).toBeGreaterThan(0);
    expect(auto.choices?.naive ?? 0).toBeGreaterThan(0);
    expect(auto.switches).toBeGreaterThanOrEqual(1);
    // what the switch buys: auto beats a choice frozen before the first origin
    expect(auto.mae).toBeLessThan(r.methods.seasonal_naive!.mae);
  }, 60_000);
});
