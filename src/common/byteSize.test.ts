import { byteSizeProblem, parseByteSize } from './byteSize';

describe('parseByteSize', () => {
  it('reads binary and decimal units, with or without a space', () => {
    expect(parseByteSize('512MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize(' 1.5 GiB ')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('500MB')).toBe(500_000_000);
    expect(parseByteSize('64B')).toBe(64);
    expect(parseByteSize('1TiB')).toBe(1024 ** 4);
  });

  it('refuses a bare number, a unit it does not know, a negative size and text', () => {
    for (const text of ['512', '512M', '512mib', '-1GiB', 'GiB', 'lots', '', '1e3MB']) {
      expect(parseByteSize(text)).toBeUndefined();
    }
  });

  it('quotes what was typed, shortened, with the units it would take', () => {
    expect(byteSizeProblem('512')).toBe('"512" is not a size; use e.g. 512MiB, 2GiB or 500MB');
    expect(byteSizeProblem('x'.repeat(100))).toMatch(/… \(100 characters\)" is not a size/);
  });
});
