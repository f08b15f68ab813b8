import { dateTime, type TimeRange } from '@grafana/data';
import { rangeFromUrl, readUrlState, writeUrlState } from '../urlState';
import { moveRange, zoomOutRange } from './Toolbar';

const HOUR = 3_600_000;
const start = Date.UTC(2026, 11, 1, 12);
const range: TimeRange = {
  from: dateTime(start),
  to: dateTime(start + 6 * HOUR),
  raw: { from: 'now-6h', to: 'now' },
};

/** What the page does with a toolbar range: raw → URL text (as App's rawString) → URL → range. */
function throughUrl(next: TimeRange): TimeRange {
  const text = (value: TimeRange['raw']['from']) => (typeof value === 'string' ? value : String(value.valueOf()));
  const search = writeUrlState({ theme: 'dark', from: text(next.raw.from), to: text(next.raw.to) });
  expect(search).not.toMatch(/NaN/);
  const state = readUrlState(search);
  return rangeFromUrl(state.from ?? '', state.to ?? '', 'utc');
}

describe('toolbar time range moves', () => {
  it('zoom-out doubles the span around the same centre and survives the URL', () => {
    const zoomed = throughUrl(zoomOutRange(range));
    expect(zoomed.from.valueOf()).toBe(start - 3 * HOUR);
    expect(zoomed.to.valueOf()).toBe(start + 9 * HOUR);
  });

  it('moving back and forward shifts by half the span and survives the URL', () => {
    const back = throughUrl(moveRange(range, -1));
    expect([back.from.valueOf(), back.to.valueOf()]).toEqual([start - 3 * HOUR, start + 3 * HOUR]);
    const forward = throughUrl(moveRange(back, 1));
    expect([forward.from.valueOf(), forward.to.valueOf()]).toEqual([start, start + 6 * HOUR]);
  });
});
