/** @jest-environment node */
import { incidentDays } from './incidents';
import { rng } from './lstm/features';

const DAY = 24;
const WEEK = 7;

/** Eight days of a noisy level at 40; `day(d, v)` transforms day d (0 = the first). */
function days(day: (d: number, v: number) => number, seed = 3): number[] {
  const rand = rng(seed);
  return Array.from({ length: 8 * DAY }, (_, i) => day(Math.floor(i / DAY), 40 + 10 * (rand() - 0.5)));
}

const all = (n: number) => new Uint8Array(n).fill(1);
const cameBack = (values: number[], observed = all(values.length)) =>
  incidentDays(values, observed, DAY, WEEK)(values.length);

describe('incident days (incidents.ts)', () => {
  it('a day the series came back from is an incident; the latest day never is, nothing after it is known yet', () => {
    // day 5 of 8 is an outage at zero; day b counts back from the end: day 5 is b = 2
    const out = cameBack(days((d, v) => (d === 5 ? 0 : v)));
    expect(out).toHaveLength(WEEK);
    expect(out[2]).toBe(true);
    expect(out[0]).toBe(false);
    // the latest day an outage too: still not one the series came back from
    expect(cameBack(days((d, v) => (d === 7 ? 0 : v)))[0]).toBe(false);
  });

  it('a level that moved and stayed is no incident: that day shows which methods follow the new level', () => {
    // from day 5 on the level doubles (b = 2 is the day it moved)
    const out = cameBack(days((d, v) => (d >= 5 ? 2 * v : v)));
    expect(out[2]).toBe(false);
    // and a fall to zero that stays
    expect(cameBack(days((d, v) => (d >= 5 ? 0 : v)))[2]).toBe(false);
  });

  it('level- and scale-free: ×1000 + 50 gives the same days', () => {
    const base = days((d, v) => (d === 4 ? 3 * v : d >= 6 ? v + 30 : v), 9);
    expect(cameBack(base.map((v) => 1000 * v + 50))).toEqual(cameBack(base));
  });

  it('a day after with fewer than half its points observed, or no day before it, says nothing', () => {
    const values = days((d, v) => (d === 5 ? 0 : v));
    const observed = all(values.length);
    // day 6 (b = 1, the day after the outage) mostly missing
    observed.fill(0, 6 * DAY, 6 * DAY + 15);
    expect(cameBack(values, observed)[2]).toBe(false);
    // a history too short for the day before the oldest day
    expect(incidentDays(values, all(values.length), DAY, WEEK)(7 * DAY)[6]).toBe(false);
  });
});
