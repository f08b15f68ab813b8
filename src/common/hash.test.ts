import { stableHash } from './hash';

describe('stableHash', () => {
  it('gives 16 hex characters, the same for the same text', () => {
    expect(stableHash('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(stableHash('abc')).toBe(stableHash('abc'));
    expect(stableHash('abc')).not.toBe(stableHash('abd'));
  });
  it('keeps its known values (saved caches and shards depend on them)', () => {
    // FNV-1a 32-bit of "" is its offset basis; of "a" is the published test vector e40c292c.
    expect(stableHash('')).toBe('811c9dc501000193');
    expect(stableHash('a').slice(0, 8)).toBe('e40c292c');
  });
});
