import { valueFormatter } from './format';

describe('valueFormatter', () => {
  it('writes values in the unit, with its prefixes, as Grafana does', () => {
    expect(valueFormatter('reqps', 2)(1234)).toBe('1.23K req/s');
    expect(valueFormatter('bytes')(1e16)).toMatch(/^8\.88 PiB$/);
    expect(valueFormatter(undefined)(null)).toBe('–');
    expect(valueFormatter('reqps')(Number.NaN)).toBe('–');
  });

  it('writes a value past the unit’s largest prefix with three significant digits, not every digit', () => {
    // Grafana's reqps format gives "2.4031386044469506e+289T req/s" here.
    expect(valueFormatter('reqps')(2.4031386044469506e301)).toBe('2.40e+301 req/s');
    expect(valueFormatter(undefined)(-3.3e300)).toBe('-3.30e+300');
    expect(valueFormatter('percent')(1e300)).toBe('1.00e+300%');
    expect(valueFormatter('ms')(5e299)).toBe('5.00e+299 ms');
  });
});
