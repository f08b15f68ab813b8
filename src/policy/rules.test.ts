import { recommend, type LoadPoint } from './rules';
import { validatePolicy } from './validate';

const T = Date.UTC(2026, 10, 21, 14, 35);
const words = { referenceMs: T };
const at = (value: number, label = 'forecast'): LoadPoint => ({ value, timeMs: T, label });

describe('target tracking rule', () => {
  const p = validatePolicy({
    kind: 'target',
    capacityPerReplica: 250,
    tolerance: 0.1,
    minReplicas: 2,
    maxReplicas: 15,
    unit: 'req/s',
  });

  it('asks for ceil(load / capacity) outside the tolerance', () => {
    const r = recommend(p, 10, at(2840), words);
    expect(r.replicas).toBe(12);
    expect(r.reason).toBe(
      'forecast 2,840 req/s at 14:35 exceeds 2,500 req/s, the capacity of 10 replicas; needs 12 replicas at 250 req/s each'
    );
    expect(recommend(p, 10, at(1000), words).replicas).toBe(4);
  });

  it('holds inside the tolerance band on both sides (hysteresis)', () => {
    expect(recommend(p, 10, at(2750), words).replicas).toBe(10); // ratio 1.10
    expect(recommend(p, 10, at(2250), words).replicas).toBe(10); // ratio 0.90
    expect(recommend(p, 10, at(2751), words).replicas).toBe(12);
    expect(recommend(p, 10, at(2249), words).replicas).toBe(9);
    expect(recommend(p, 10, at(2600), words).reason).toMatch(
      /is within 10 % of the capacity of 10 replicas \(2,500 req\/s\)/
    );
  });

  it('clamps to min and max and says so', () => {
    const high = recommend(p, 10, at(10_000), words);
    expect(high).toMatchObject({ replicas: 15, limitedBy: 'max' });
    expect(high.reason).toMatch(/needs 40 replicas .*; capped at the maximum of 15$/);
    const zero = recommend(p, 4, at(0), words);
    expect(zero).toMatchObject({ replicas: 2, limitedBy: 'min' });
    expect(zero.reason).toMatch(/needs only 0 replicas .*; kept at the minimum of 2$/);
  });

  it('starts from zero replicas without dividing by zero', () => {
    expect(recommend({ ...p, minReplicas: 0 }, 0, at(300), words).replicas).toBe(2);
    expect(recommend({ ...p, minReplicas: 0 }, 0, at(0), words).replicas).toBe(0);
  });

  it('brings a count outside [min, max] back inside even within tolerance', () => {
    expect(recommend(p, 20, at(5000), words).replicas).toBe(15);
    expect(recommend(p, 1, at(250), words).replicas).toBe(2);
  });
});

describe('thresholds rule (the original design)', () => {
  const p = validatePolicy({
    kind: 'thresholds',
    lowThreshold: 50,
    highThreshold: 2500,
    step: 1,
    minReplicas: 3,
    maxReplicas: 15,
    unit: 'req/s',
  });

  it('steps up above the high threshold and down below the low one', () => {
    const up = recommend(p, 5, at(2840), words);
    expect(up.replicas).toBe(6);
    expect(up.reason).toBe('forecast 2,840 req/s at 14:35 exceeds 2,500');
    const down = recommend(p, 5, at(40), words);
    expect(down.replicas).toBe(4);
    expect(down.reason).toBe('forecast 40 req/s at 14:35 is below 50');
  });

  it('holds between the thresholds, including on them (hysteresis band)', () => {
    for (const v of [50, 1000, 2500]) {
      expect(recommend(p, 5, at(v), words).replicas).toBe(5);
    }
    expect(recommend(p, 5, at(1000), words).reason).toMatch(/is between 50 and 2,500$/);
  });

  it('clamps at min and max', () => {
    expect(recommend(p, 15, at(9000), words)).toMatchObject({ replicas: 15, limitedBy: 'max' });
    expect(recommend(p, 3, at(0), words)).toMatchObject({ replicas: 3, limitedBy: 'min' });
    expect(recommend({ ...p, step: 4 }, 13, at(9000), words).replicas).toBe(15);
  });

  it('compares the load per replica when asked to', () => {
    const per = { ...p, thresholdBasis: 'perReplica' as const, lowThreshold: 100, highThreshold: 225 };
    const r = recommend(per, 10, at(2400), words);
    expect(r.replicas).toBe(11);
    expect(r.reason).toBe('forecast 2,400 req/s at 14:35 is 240 req/s per replica, which exceeds 225');
    expect(recommend(per, 10, at(900), words).replicas).toBe(9);
  });
});
