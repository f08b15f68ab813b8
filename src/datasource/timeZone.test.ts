import { reasonTimeZone } from './timeZone';

describe('reasonTimeZone', () => {
  it('maps Grafana zone settings to IANA zones', () => {
    expect(reasonTimeZone('utc')).toBe('UTC');
    expect(reasonTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(reasonTimeZone('browser')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(reasonTimeZone(undefined)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
