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

  it('refuses dates that could be day/month or month/day, naming the row', () => {
    // Read as month/day, 14/04/2014 was skipped and 04/05/2014 became April 5: two weeks became eleven months.
    expect(() => parseCsvSeries('timestamp,value\n2014-04-10 00:04:00,1\n04/05/2014 23:55:00,2\n')).toThrow(
      'CSV row 3: "04/05/2014 23:55:00" could be day/month or month/day; write timestamps as 2014-04-05 23:55:00 (ISO 8601) or epoch seconds.'
    );
  });

  it('refuses a series whose rows cover less than a tenth of its span, naming the widest gap (a stray timestamp)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${1_700_000_000 + i * 300},${i}`);
    expect(() => parseCsvSeries(['timestamp,value', `${1_700_000_000 - 365 * 86_400},0`, ...rows].join('\n'))).toThrow(
      /^CSV rows are 5m apart but span 365d 2h: more than 90 % of that has no row\. The widest gap is 365d, from 2022-11-14 22:13:20 to 2023-11-14 22:13:20 UTC; a stray or mistyped timestamp\?$/
    );
    expect(parseCsvSeries(['timestamp,value', ...rows].join('\n')).times).toHaveLength(30);
  });

  it('quotes a binary cell in its error as printable text, bounded', () => {
    const binary = 'timestamp,value\n1700000000,\u0000\u0001ELF\ufffd' + 'x'.repeat(80) + '\n';
    expect(() => parseCsvSeries(binary)).toThrow(/\(e\.g\. "\?\?ELF\?x{33}…"\)/);
  });

  it('refuses empty or timestamp-less CSVs clearly', () => {
    expect(() => parseCsvSeries('')).toThrow(/empty/);
    expect(() => parseCsvSeries('timestamp,value\nfoo,1\n')).toThrow(
      'CSV has no row with a readable timestamp in column 1 (e.g. "foo"); write timestamps as 2014-04-05 23:55:00 (ISO 8601) or epoch seconds.'
    );
    expect(() => parseCsvSeries('timestamp,value\n')).toThrow('CSV has a header and no rows.');
    // a header with a value column, and rows with only a timestamp: said as such, not "no finite values"
    expect(() => parseCsvSeries('timestamp,value\n1397088240\n1397088540,\n')).toThrow(
      "CSV has no value in column 2: every row's value is empty."
    );
  });

  it('reads epoch microseconds, nanoseconds and scientific notation as what they are', () => {
    const t = Date.UTC(2014, 3, 10, 0, 4);
    expect(parseTimestamp('1397088240000000')).toBe(t);
    expect(parseTimestamp('1397088240000000000')).toBe(t);
    expect(parseTimestamp('1.39708824e+09')).toBe(t);
    expect(parseTimestamp('1.39708824E12')).toBe(t);
    // five minutes apart in microseconds is five minutes, not 300,000 seconds
    const us = parseCsvSeries('timestamp,value\n1397088240000000,1\n1397088540000000,2\n');
    expect(us.times[1] - us.times[0]).toBe(300_000);
  });

  it('reads the columns by their header names, quoted or not, and refuses what it cannot read with the reason', () => {
    const t = Date.UTC(2014, 3, 10, 0, 4);
    expect(parseCsvSeries('value,timestamp\n94.0,1397088240\n').times).toEqual([t]);
    expect(parseCsvSeries('value,timestamp\n94.0,1397088240\n').values).toEqual([94]);
    expect(parseCsvSeries('"Time","Value"\n"2014-04-10 00:04:00","94.0"\n').values).toEqual([94]);
    expect(parseCsvSeries('\uFEFFtimestamp,instance,value\r\n2014-04-10 00:04:00,host-1,94.0\r\n').values).toEqual([
      94,
    ]);
    expect(() => parseCsvSeries('time,host,region\n2014-04-10 00:04:00,a,b\n')).toThrow(
      /has 3 columns; name the time column `timestamp` and the value column `value`/
    );
    expect(() => parseCsvSeries('timestamp,value\n2014-04-10 00:04:00,"94,0"\n')).toThrow(
      /row 2 has 3 fields but the header has 2 \(a comma inside a value\? decimals take a dot\)/
    );
    expect(() => parseCsvSeries('timestamp,value\n2014-04-10 00:04:00,high\n2014-04-10 00:09:00,low\n')).toThrow(
      /no numeric value in column 2 \(e\.g\. "high"\)/
    );
    expect(() => parseCsvSeries('timestamp;value\n2014-04-10 00:04:00;94\n')).toThrow(
      /is one column; separate the fields with commas/
    );
    // Headerless two-column files stay time, value.
    expect(parseCsvSeries('1397088240,94\n').values).toEqual([94]);
  });
});
