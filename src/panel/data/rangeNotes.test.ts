import type { ForecastSeries } from '../../contract/types';
import { rangeNotes } from './rangeNotes';

const T = Date.UTC(2026, 11, 4, 18, 0);
const STEP = 300_000;

/** Six actual rows ending at T, then three forecast rows. */
function series(): ForecastSeries {
  const times = Array.from({ length: 9 }, (_, i) => T + (i - 5) * STEP);
  return {
    times,
    actual: times.map((t) => (t <= T ? 1 : null)),
    forecast: times.map((t) => (t > T ? 2 : null)),
    lastSampleMs: T,
  } as unknown as ForecastSeries;
}

describe('rangeNotes', () => {
  it('says nothing when the range shows both the actuals and the forecast', () => {
    expect(rangeNotes([series()], T - 3_600_000, T + 3_600_000, 'utc')).toEqual([]);
  });

  it('says where the forecast is when the range ends before it, or starts after it', () => {
    expect(rangeNotes([series()], T - 3_600_000, T, 'utc')).toEqual([
      'The forecast starts at 2026-12-04 18:05, after this time range ends; move the range to include now to see it.',
    ]);
    expect(rangeNotes([series()], T + 86_400_000, T + 2 * 86_400_000, 'utc')).toEqual([
      'The forecast ended at 2026-12-04 18:15, before this time range starts; move the range to include now to see it.',
      'No actual values in this time range (the last sample is at 2026-12-04 18:00).',
    ]);
  });

  it('says a range with no samples has none, with when the last one was', () => {
    expect(rangeNotes([series()], T - 90 * 86_400_000, T - 80 * 86_400_000, 'utc')).toContain(
      'No actual values in this time range (the last sample is at 2026-12-04 18:00).'
    );
  });
});
