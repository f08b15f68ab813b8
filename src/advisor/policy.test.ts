import { checkCurrentReplicas } from './policy';

describe('checkCurrentReplicas', () => {
  it('defaults to the minimum and refuses what is not a replica count, before any training', () => {
    expect(checkCurrentReplicas(undefined, 2)).toBe(2);
    expect(checkCurrentReplicas(0, 2)).toBe(0);
    expect(() => checkCurrentReplicas(1.5, 1)).toThrow(/whole number from 0 to 10000; got 1.5/);
    expect(() => checkCurrentReplicas(-1, 1)).toThrow(/got -1/);
  });
});
