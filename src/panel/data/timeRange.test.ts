import { dateTime, type TimeRange } from '@grafana/data';
import { chartTimeRange, endsAtNow } from './timeRange';

const CLOCK = Date.UTC(2026, 11, 2, 9, 0);
const HOUR = 3_600_000;

function range(fromMs: number, toMs: number, rawTo: string | undefined): TimeRange {
  const to = dateTime(toMs);
  return { from: dateTime(fromMs), to, raw: { from: 'now-6h', to: rawTo ?? to } };
}

describe('chart time range', () => {
  const horizonEnd = CLOCK + 2 * HOUR;

  it('auto: extends a range that ends at now to the end of the forecast', () => {
    const r = chartTimeRange(range(CLOCK - 6 * HOUR, CLOCK, 'now'), horizonEnd, 'auto', CLOCK);
    expect(r.to.valueOf()).toBe(horizonEnd);
    expect(r.from.valueOf()).toBe(CLOCK - 6 * HOUR);
  });

  it('auto: a range in the past keeps the dashboard axis exactly', () => {
    const past = range(CLOCK - 30 * HOUR, CLOCK - 24 * HOUR, undefined);
    expect(endsAtNow(past, CLOCK)).toBe(false);
    expect(chartTimeRange(past, horizonEnd, 'auto', CLOCK)).toBe(past);
  });

  it('always and never do what they say', () => {
    const past = range(CLOCK - 30 * HOUR, CLOCK - 24 * HOUR, undefined);
    expect(chartTimeRange(past, horizonEnd, 'always', CLOCK).to.valueOf()).toBe(horizonEnd);
    const live = range(CLOCK - 6 * HOUR, CLOCK, 'now');
    expect(chartTimeRange(live, horizonEnd, 'never', CLOCK)).toBe(live);
  });

  it("a range that ends at now ends at the answer's clock when that came later, so the now line stays on the plot", () => {
    const sent = range(CLOCK - HOUR / 2, CLOCK - 1500, 'now');
    // the forecast ends before now (a stale series): nothing to extend to, but the clock is 1.5 s on
    expect(chartTimeRange(sent, CLOCK - HOUR, 'auto', CLOCK).to.valueOf()).toBe(CLOCK);
    expect(chartTimeRange(sent, undefined, 'never', CLOCK).to.valueOf()).toBe(CLOCK);
    const past = range(CLOCK - 30 * HOUR, CLOCK - 24 * HOUR, undefined);
    expect(chartTimeRange(past, undefined, 'never', CLOCK)).toBe(past);
  });

  it('an absolute range ending within a minute of the clock counts as ending at now', () => {
    expect(endsAtNow(range(CLOCK - HOUR, CLOCK - 30_000, undefined), CLOCK)).toBe(true);
  });
});
