import { DEFAULT_POLICY } from './defaults';
import { PolicyValidationError, validatePolicy } from './validate';
import type { ScalingPolicy } from './types';

describe('validatePolicy', () => {
  it('fills a partial policy from the defaults without touching the input', () => {
    const input = { capacityPerReplica: 100 };
    const p = validatePolicy(input);
    expect(p).toEqual({ ...DEFAULT_POLICY, capacityPerReplica: 100 });
    expect(input).toEqual({ capacityPerReplica: 100 });
    expect(validatePolicy({ minReplicas: undefined }).minReplicas).toBe(DEFAULT_POLICY.minReplicas);
    expect(validatePolicy({ maxReplicas: null as unknown as number }).maxReplicas).toBe(DEFAULT_POLICY.maxReplicas);
  });

  it('accepts the original design thresholds', () => {
    const p = validatePolicy({
      kind: 'thresholds',
      lowThreshold: 50,
      highThreshold: 2500,
      minReplicas: 3,
      maxReplicas: 15,
    });
    expect(p.kind).toBe('thresholds');
  });

  it.each<[Partial<ScalingPolicy>, RegExp]>([
    [{ capacityPerReplica: 0 }, /capacityPerReplica must be above 0 \(got 0\)/],
    [{ capacityPerReplica: NaN }, /capacityPerReplica must be a finite number \(got NaN\)/],
    [{ tolerance: 1 }, /tolerance must be at least 0 and below 1/],
    [{ tolerance: -0.1 }, /tolerance/],
    [{ lowThreshold: 100, highThreshold: 100 }, /highThreshold \(100\) must be above lowThreshold \(100\)/],
    [{ lowThreshold: -1 }, /lowThreshold must be 0 or more/],
    [{ minReplicas: 2.5 }, /minReplicas must be a whole number \(got 2.5\)/],
    [{ minReplicas: 10, maxReplicas: 5 }, /minReplicas \(10\) must not exceed maxReplicas \(5\)/],
    [{ maxReplicas: 0 }, /maxReplicas must be between 1 and 10000/],
    [{ maxReplicas: 1e6 }, /maxReplicas must be between 1 and 10000/],
    [{ step: 0 }, /step must be between 1/],
    [{ cooldownSec: -5 }, /cooldownSec must be between 0 and 604800/],
    [{ leadTimeSec: Infinity }, /leadTimeSec must be a finite number/],
    [{ evaluationIntervalSec: 0 }, /evaluationIntervalSec must be between 1/],
    [{ kind: 'magic' as ScalingPolicy['kind'] }, /kind must be one of target, thresholds \(got "magic"\)/],
    [{ headroom: 'upper99' as ScalingPolicy['headroom'] }, /headroom must be one of mean, upper80, upper95/],
    [{ unit: 'x'.repeat(40) }, /unit must be text of at most 32 characters/],
    [{ reactiveFloor: 'yes' as unknown as boolean }, /reactiveFloor must be true or false \(got "yes"\)/],
    [{ capacityPerReplica: '250' as unknown as number }, /capacityPerReplica must be a finite number \(got "250"\)/],
  ])('rejects %j', (input, message) => {
    expect(() => validatePolicy(input)).toThrow(message);
  });

  it('lists every problem at once', () => {
    try {
      validatePolicy({ capacityPerReplica: -1, step: 0, cooldownSec: -1 });
      throw new Error('expected a PolicyValidationError');
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyValidationError);
      expect((e as PolicyValidationError).problems).toHaveLength(3);
    }
  });

  it('rejects a non-object', () => {
    expect(() => validatePolicy(null as unknown as Partial<ScalingPolicy>)).toThrow(/expected an object, got null/);
  });
});
