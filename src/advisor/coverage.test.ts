import { historyShortfall } from './coverage';

const DAY = 86_400_000;
const STEP = 300_000;
const END = Date.UTC(2026, 11, 2);

/** A 5-minute series holding the last `days` (its first sample opens the step after END - days). */
function held(days: number, leadingGaps = 0) {
  const times = Array.from({ length: Math.round((days * DAY) / STEP) }, (_, i) => END - days * DAY + (i + 1) * STEP);
  return { times, values: times.map((_, i) => (i < leadingGaps ? null : 1)) };
}

describe('historyShortfall', () => {
  it('allows a day or a tenth of the window, whichever is more', () => {
    expect(historyShortfall(held(6), END, 7 * DAY, STEP)).toBeUndefined();
    expect(historyShortfall(held(5), END, 7 * DAY, STEP)).toMatchObject({ heldMs: 5 * DAY, windowMs: 7 * DAY });
    expect(historyShortfall(held(27), END, 30 * DAY, STEP)).toBeUndefined();
    expect(historyShortfall(held(26), END, 30 * DAY, STEP)).toBeDefined();
  });

  it('counts from the first finite sample, and says nothing of a series without one', () => {
    const gaps = held(7, 3 * 288);
    expect(historyShortfall(gaps, END, 7 * DAY, STEP)?.firstMs).toBe(gaps.times[3 * 288]);
    expect(historyShortfall({ times: [END], values: [NaN] }, END, 7 * DAY, STEP)).toBeUndefined();
  });
});
