/** @jest-environment node */
import { prepareSeries } from '../../src/engine';
import { causalSeries } from './causal';

const STEP = 60_000;

function raw(values: Array<number | null>) {
  return { times: values.map((_, i) => i * STEP), values };
}

describe('causalSeries', () => {
  it('fills a gap reaching into the replay from the past only, and counts it as no load', () => {
    // Slots 3 and 4 are missing; the engine interpolates them from 3 → 30 (a look-ahead).
    const r = raw([1, 2, 3, null, null, 30, 31, 32]);
    const prep = prepareSeries(r, STEP);
    expect(prep.values[4]).toBeGreaterThan(3); // the engine's fill used the value after the gap
    const c = causalSeries(r, prep, 4);
    expect(Array.from(c.values)).toEqual([1, 2, 3, 3, 3, 30, 31, 32]);
    expect(Array.from(c.measured)).toEqual([1, 1, 1, 0, 0, 1, 1, 1]);
    expect(c.loads.map((x) => (Number.isNaN(x) ? null : x))).toEqual([1, 2, 3, null, null, 30, 31, 32]);
    expect(c.unmeasuredInReplay).toBe(1);
  });

  it("keeps the engine's fill for gaps that end before the replay (history the product would see too)", () => {
    const r = raw([1, null, 3, 4, 5, 6, 7, 8]);
    const prep = prepareSeries(r, STEP);
    const c = causalSeries(r, prep, 5);
    expect(c.values[1]).toBe(prep.values[1]);
    expect(c.values[1]).toBe(2);
    expect(Number.isNaN(c.loads[1])).toBe(true);
    expect(c.unmeasuredInReplay).toBe(0);
  });

  it('fills unmeasured slots inside the replay with the last value', () => {
    const r = raw([5, 6, 7, 8, null, 10]);
    const c = causalSeries(r, prepareSeries(r, STEP), 2);
    expect(c.values[4]).toBe(8);
    expect(c.unmeasuredInReplay).toBe(1);
  });
});
