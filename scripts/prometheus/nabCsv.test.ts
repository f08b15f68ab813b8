/** @jest-environment node */
import { parseNabCsv, sampleStep, shiftToEndBefore } from './nabCsv';

describe('parseNabCsv', () => {
  it('reads odd minutes and seconds as UTC', () => {
    const { samples } = parseNabCsv('timestamp,value\n2014-04-10 00:04:00,94.0\n2015-02-26 21:42:53,104\n');
    expect(samples).toEqual([
      { t: Date.UTC(2014, 3, 10, 0, 4, 0), v: 94 },
      { t: Date.UTC(2015, 1, 26, 21, 42, 53), v: 104 },
    ]);
  });

  it('keeps gaps as gaps (no invented rows)', () => {
    const { samples } = parseNabCsv(
      'timestamp,value\n2014-04-10 00:00:00,1\n2014-04-10 00:05:00,2\n2014-04-10 00:20:00,3\n'
    );
    expect(samples.map((s) => (s.t - samples[0].t) / 60_000)).toEqual([0, 5, 20]);
  });

  it('sorts rows and drops duplicate timestamps, keeping the first row as promtool does', () => {
    const { samples, duplicates } = parseNabCsv(
      'timestamp,value\n2014-04-10 00:10:00,3\n2014-04-10 00:00:00,1\n2014-04-10 00:10:00,9\n'
    );
    expect(samples.map((s) => s.v)).toEqual([1, 3]);
    expect(duplicates).toBe(1);
  });

  it('drops the repeated hour at the 2014 US daylight-saving change', () => {
    // NAB's naive local times repeat 01:00-01:55 on 2014-11-02; read as UTC they are duplicates.
    const rows = [
      'timestamp,value',
      '2014-11-02 01:00:00,10',
      '2014-11-02 01:30:00,11',
      '2014-11-02 01:00:00,12',
      '2014-11-02 01:30:00,13',
      '2014-11-02 02:00:00,14',
    ];
    const { samples, duplicates } = parseNabCsv(rows.join('\n'));
    expect(samples.map((s) => s.v)).toEqual([10, 11, 14]);
    expect(duplicates).toBe(2);
  });

  it('counts unparsable rows instead of guessing', () => {
    const { samples, invalid } = parseNabCsv(
      'timestamp,value\nyesterday,1\n2014-04-10 00:00:00,NaN\n2014-04-10 00:05:00,\n2014-04-10 00:10:00,7\n'
    );
    expect(samples).toHaveLength(1);
    expect(invalid).toBe(3);
  });
});

describe('shiftToEndBefore', () => {
  it('shifts by whole steps so the series ends within one step before now', () => {
    const step = 5 * 60_000;
    const last = Date.UTC(2014, 3, 24, 0, 39);
    const now = Date.UTC(2026, 10, 21, 5, 40, 17);
    const shift = shiftToEndBefore(last, now, step);
    expect(shift % step).toBe(0);
    expect(last + shift).toBeLessThanOrEqual(now - 1_000);
    expect(now - (last + shift)).toBeLessThan(step + 1_000);
  });
});

describe('sampleStep', () => {
  it('is the median spacing, robust to a gap', () => {
    const t0 = Date.UTC(2014, 0, 1);
    const samples = [0, 5, 10, 15, 40, 45].map((m) => ({ t: t0 + m * 60_000, v: 1 }));
    expect(sampleStep(samples)).toBe(5 * 60_000);
  });
});
