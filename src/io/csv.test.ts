import { parseCsvSeries, parseTimestamp } from './csv';

describe('CSV', () => {
  it('reads NAB naive timestamps as UTC and keeps bad values as gaps', () => {
    const s = parseCsvSeries(
      'timestamp,value\n2014-04-10 00:04:00,94.0\n2014-04-10 00:09:00,\nnot a time,3\n2014-04-10 00:14:00,abc\n'
    );
    expect(s.times).toEqual([Date.UTC(2014, 3, 10, 0, 4), Date.UTC(2014, 3, 10, 0, 9), Date.UTC(2014, 3, 10, 0, 14)]);
    expect(s.values).toEqual([94, null, null]);
    expect(s.badRows).toBe(1);
  });

  it('accepts epoch seconds, milliseconds and ISO with zone', () => {
    expect(parseTimestamp('1700000000')).toBe(1_700_000_000_000);
    expect(parseTimestamp('1700000000000')).toBe(1_700_000_000_000);
    expect(parseTimestamp('2024-01-01T00:00:00+01:00')).toBe(Date.UTC(2023, 11, 31, 23));
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });

  it('refuses empty or timestamp-less CSVs clearly', () => {
    expect(() => parseCsvSeries('')).toThrow(/empty/);
    expect(() => parseCsvSeries('timestamp,value\nfoo,1\n')).toThrow(/no rows with a readable timestamp/);
  });
});
