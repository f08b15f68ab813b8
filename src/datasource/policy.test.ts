import { lastObservation, reasonTimeZone } from './policy';

describe('lastObservation', () => {
  it('skips trailing gaps and NaN', () => {
    expect(lastObservation({ times: [1, 2, 3, 4], values: [5, 6, null, NaN] })).toEqual({ value: 6, timeMs: 2 });
    expect(lastObservation({ times: [1], values: [null] })).toBeUndefined();
  });
});

describe('reasonTimeZone', () => {
  it('maps Grafana zone settings to IANA zones', () => {
    expect(reasonTimeZone('utc')).toBe('UTC');
    expect(reasonTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(reasonTimeZone('browser')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(reasonTimeZone(undefined)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
