import { keysOverBudget } from './cacheBudget';

describe('keysOverBudget', () => {
  const e = (key: string, usedAtMs: number, bytes = 10) => ({ key, usedAtMs, bytes });

  it('removes the least recently used until the rest fit, and nothing within the budget', () => {
    const entries = [e('c', 3), e('a', 1), e('b', 2), e('d', 4)];
    expect(keysOverBudget(entries, 40)).toEqual([]);
    expect(keysOverBudget(entries, 39)).toEqual(['a']);
    expect(keysOverBudget(entries, 20)).toEqual(['a', 'b']);
  });

  it('never removes the model just kept, even when it alone is over the budget', () => {
    expect(keysOverBudget([e('old', 1), e('new', 2, 100)], 50, 'new')).toEqual(['old']);
    expect(keysOverBudget([e('a', 1), e('b', 2)], 10, 'a')).toEqual(['b']);
  });

  it('breaks ties by key, so two stores with the same records evict the same models', () => {
    expect(keysOverBudget([e('y', 1), e('x', 1), e('z', 1)], 10)).toEqual(['x', 'y']);
  });

  it('reads a malformed record as no bytes and the oldest use, instead of evicting everything', () => {
    const bad = { key: 'bad', usedAtMs: Number.NaN, bytes: Number.NaN };
    expect(keysOverBudget([bad, e('a', 1), e('b', 2)], 20)).toEqual([]);
    expect(keysOverBudget([bad, e('a', 1), e('b', 2)], 10)).toEqual(['bad', 'a']);
    expect(keysOverBudget([{ key: 'neg', usedAtMs: 5, bytes: -1e9 }, e('a', 1), e('b', 2)], 10)).toEqual(['a']);
  });
});
