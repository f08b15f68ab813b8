/** @jest-environment node */
import type { BaseMethod } from './api';
import { forecastSeries } from './forecast';
import { type ErrorTable, chooseRecent } from './recent';
import { regimeStarts, shiftMinRun } from './shift';
import { FIVE_MIN, T0, levelThen } from './testSeries';

const DAY = 288;
const H = 12;

const all = (n: number) => new Uint8Array(n).fill(1);
const startOf = (values: number[], before = values.length, observed = all(values.length)) =>
  regimeStarts(values, observed, DAY, shiftMinRun(FIVE_MIN, H))(before);

describe('level shifts (shift.ts)', () => {
  it('finds a fall to zero that has lasted at least the horizon, and where it began', () => {
    const values = levelThen(20, () => 0);
    expect(startOf(values)).toEqual({ start: values.length - 20, since: values.length - 20 + 1, direction: 'below' });
    // a tripled level: above the day's highest
    const up = levelThen(30, (v) => 3 * v);
    expect(startOf(up)).toEqual({ start: up.length - 30, since: up.length - 30 + 1, direction: 'above' });
  });

  it('the shortest run: the horizon, an hour, 3 steps', () => {
    expect(shiftMinRun(FIVE_MIN, 12)).toBe(12);
    expect(shiftMinRun(FIVE_MIN, 3)).toBe(12);
    expect(shiftMinRun(3_600_000, 1)).toBe(3);
    expect(shiftMinRun(1_800_000, 48)).toBe(48);
  });

  it('a run shorter than the horizon is a spike, not a new level', () => {
    expect(startOf(levelThen(H - 1, () => 500))).toBeUndefined();
    // and values inside the day's range are no shift at all
    expect(startOf(levelThen(100, (v) => v))).toBeUndefined();
  });

  it('level- and scale-free: the series ×1000 + 50 shifts at the same step', () => {
    const values = levelThen(40, (v) => v / 10);
    const moved = values.map((v) => 1000 * v + 50);
    expect(startOf(moved)).toEqual(startOf(values));
    expect(startOf(values)?.start).toBe(values.length - 40);
  });

  it('causal: the answer at an earlier cut-off reads nothing after it', () => {
    const values = levelThen(40, () => 0);
    const n = values.length;
    expect(startOf(values, n - 40 + H)).toEqual({ start: n - 40, since: n - 40 + 1, direction: 'below' });
    expect(startOf(values, n - 40 + H - 1)).toBeUndefined();
  });

  it('a new level a day old is the regime itself, and a series that climbs all day is a trend: no shift', () => {
    for (const tail of [DAY, DAY + 5, DAY + 50]) {
      expect(startOf(levelThen(tail, () => 0))).toBeUndefined();
    }
    // a counter read without rate(): every value is above everything before it
    expect(startOf(Array.from({ length: 3 * DAY }, (_, i) => 1000 + 7 * i))).toBeUndefined();
    // but a climbing counter that stops reporting, i.e. falls to zero, has shifted at the fall
    const climb = Array.from({ length: 3 * DAY }, (_, i) => (i < 3 * DAY - 30 ? 1000 + 7 * i : 0));
    expect(startOf(climb)).toEqual({ start: 3 * DAY - 30, since: 3 * DAY - 30 + 1, direction: 'below' });
  });

  it('no range, no shift: a day before the run that was mostly not observed', () => {
    const values = levelThen(20, () => 0);
    const observed = all(values.length);
    observed.fill(0, values.length - 20 - DAY, values.length - 20 - 10);
    expect(startOf(values, values.length, observed)).toBeUndefined();
  });

  it('a new level first seen after a gap in the data: the run is counted from the gap, against the day before it', () => {
    const values = levelThen(1, () => 0);
    const n = values.length;
    const observed = all(n);
    observed.fill(0, n - 21, n - 1); // 20 steps (1h 40m) not recorded, then one value at 0
    expect(startOf(values, n, observed)).toEqual({ start: n - 1, since: n, direction: 'below', gapFrom: n - 21 });
    // the same value without the gap is one spike, not a new level
    expect(startOf(values)).toBeUndefined();
    // a gap shorter than the shortest run is not enough
    const shortGap = all(n);
    shortGap.fill(0, n - 6, n - 1);
    expect(startOf(values, n, shortGap)).toBeUndefined();
    // back inside the day's range after the gap: no shift
    const back = levelThen(1, (v) => v);
    expect(startOf(back, n, observed)).toBeUndefined();
    // scale- and level-free here too
    expect(
      startOf(
        values.map((v) => 1000 * v + 50),
        n,
        observed
      )
    ).toEqual(startOf(values, n, observed));
  });

  it('selection after a shift reads only forecasts issued since it; with none yet, the last value', () => {
    const origins = Array.from({ length: 200 }, (_, i) => i);
    const opts = { span: 24, halfLife: 6, minResiduals: 10, longSpan: 168, quarters: { day: 0, offset: 0 } };
    const table = (err: (o: number) => number): ErrorTable => ({
      origins,
      errors: origins.map((o) => Float64Array.from({ length: 2 }, () => err(o))),
    });
    // the LSTM was far better before the shift at 150 and worse since; seasonal naive likewise
    const tables: Array<{ method: BaseMethod; table: ErrorTable }> = [
      { method: 'seasonal_naive', table: table((o) => (o < 150 ? 1 : 8)) },
      { method: 'naive', table: table(() => 3) },
      { method: 'lstm', table: table((o) => (o < 150 ? 0.2 : 5)) },
    ];
    const at = (before: number, since?: number) => chooseRecent(tables, before, 2, opts, 0.03, since)?.method;
    // without the shift the old regime still wins a few steps in
    expect(at(156)).toBe('lstm');
    // with it: only origins ≥ 150 count, where naive is best
    expect(at(156, 150)).toBe('naive');
    // nothing issued since the shift has a known target yet: a tie, and the last value is kept
    expect(at(150, 150)).toBe('naive');
  });
});

describe('auto after a level shift, in the product', () => {
  const times = Array.from({ length: 3 * DAY }, (_, i) => T0 + i * FIVE_MIN);
  const quickAuto = (values: number[]) =>
    forecastSeries({ series: { times, values }, stepMs: FIVE_MIN, horizon: H, method: 'auto', quick: true });

  it('a fall to zero an hour ago: no forecast since it can be scored yet, so the last value, and the line says why', async () => {
    const out = await quickAuto(levelThen(H, () => 0));
    expect(out.report.method).toBe('naive');
    expect(out.forecast.mean).toEqual(new Array(H).fill(0));
    expect(out.report.warning).toBe(
      'Level shift: every value of the last 1h is below the lowest of the day before, so the methods are compared only on forecasts made since then; there are none yet, so the last value (naive) is shown.'
    );
  });

  it('two hours after the fall, the forecasts made since it are compared: the last value has made no error there', async () => {
    const out = await quickAuto(levelThen(2 * H, () => 0));
    expect(out.report.method).toBe('naive');
    expect(out.report.warning).toMatch(
      /^Level shift: every value of the last 2h is below the lowest of the day before, so the methods are compared only on forecasts made since then\./
    );
  });

  it('back from a gap at a new level: the last value, and the line names the gap', async () => {
    const values = levelThen(1, () => 0);
    // 20 samples (1h 40m) never arrived before the last one
    const keep = (_: number, i: number) => i < values.length - 21 || i === values.length - 1;
    const out = await forecastSeries({
      series: { times: times.filter(keep), values: values.filter(keep) },
      stepMs: FIVE_MIN,
      horizon: H,
      method: 'auto',
      quick: true,
    });
    expect(out.report.method).toBe('naive');
    expect(out.forecast.mean).toEqual(new Array(H).fill(0));
    expect(out.report.warning).toBe(
      'Level shift: every value since a 1h 40m gap in the data is below the lowest of the day before the gap, so the methods are compared only on forecasts made since then; there are none yet, so the last value (naive) is shown. ' +
        // The gap's points are filled and left out of training: that is said too.
        '20 missing points in gaps longer than 1h: filled from the day before (or linearly) and left out of training and scoring.'
    );
  });

  it('a requested seasonal method says the shift too, and that it forecasts the old level; the headline is told', async () => {
    const out = await forecastSeries({
      series: { times, values: levelThen(3 * H, () => 0) },
      stepMs: FIVE_MIN,
      horizon: H,
      method: 'seasonal_naive',
    });
    expect(out.report.method).toBe('seasonal_naive');
    expect(out.report.warning).toMatch(
      /^Level shift: every value of the last 3h is below the lowest of the day before; the requested seasonal naive repeats the values of a day earlier, from before it, so its forecast stays near the old level \(Auto follows the new one\)\./
    );
    expect(out.report.levelShift).toEqual({ agoMs: 3 * 3_600_000, measuredSince: true });
  });

  it('a tripled level: the same sentence, above the highest', async () => {
    const out = await quickAuto(levelThen(8 * H, (v) => 3 * v));
    expect(out.report.warning).toContain(
      'Level shift: every value of the last 8h is above the highest of the day before, so the methods are compared only on forecasts made since then.'
    );
  });
});
