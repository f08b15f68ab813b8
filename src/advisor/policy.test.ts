import { DEFAULT_POLICY } from '../policy';
import type { ScalingPolicy } from '../policy/types';
import { checkCurrentReplicas, effectivePolicy } from './policy';

describe('checkCurrentReplicas', () => {
  it('defaults to the minimum and refuses what is not a replica count, before any training', () => {
    expect(checkCurrentReplicas(undefined, 2)).toBe(2);
    expect(checkCurrentReplicas(0, 2)).toBe(0);
    expect(() => checkCurrentReplicas(1.5, 1)).toThrow(/whole number from 0 to 10000; got 1.5/);
    expect(() => checkCurrentReplicas(-1, 1)).toThrow(/got -1/);
  });
});

describe('effectivePolicy', () => {
  it("takes a query's null as not set, so the data source's default applies, not the built-in one", () => {
    const fromDataSource = { maxReplicas: 40, capacityPerReplica: 25 };
    const query = { maxReplicas: null, minReplicas: 3 } as unknown as Partial<ScalingPolicy>;
    const policy = effectivePolicy(fromDataSource, query);
    expect(policy.maxReplicas).toBe(40);
    expect(policy.minReplicas).toBe(3);
    expect(policy.capacityPerReplica).toBe(25);
    expect(effectivePolicy(undefined, query).maxReplicas).toBe(DEFAULT_POLICY.maxReplicas);
  });
});
