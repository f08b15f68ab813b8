import { decodeFrames } from '../../contract/decode';
import { planShortfall, shortfallSentence } from './shortfall';
import { makeForecastFrame, THRESHOLD_POLICY, T0, STEP } from '../testing/fixtures';

const target = {
  ...THRESHOLD_POLICY,
  kind: 'target' as const,
  capacityPerReplica: 50,
  maxReplicas: 3,
  headroom: 'upper80' as const,
};

describe('plan shortfall', () => {
  it('finds where a plan capped at max replicas needs more, and by how much', () => {
    const [s] = decodeFrames([makeForecastFrame({ policy: target, history: 4, horizon: 6, base: 200 })]).forecasts;
    // Cap the replica line at max, as the planner does.
    const capped = { ...s, replicas: s.replicas.map((r) => (r == null ? null : Math.min(r, 3))) };
    const short = planShortfall(capped)!;
    expect(short).toBeDefined();
    expect(short.maxReplicas).toBe(3);
    expect(short.peakReplicas).toBeGreaterThan(3);
    expect(short.load.some((v) => v != null && v > 150)).toBe(true);
    expect(short.load.every((v) => v == null || v > 150)).toBe(true);
    expect(short.firstMs).toBeGreaterThan(T0 - STEP);
    expect(shortfallSentence(short, 'utc')).toMatch(
      /^Plan capped at 3 replicas: from \d\d:\d\d the upper 80 % band needs up to \d+ replicas \(\d+ more than the maximum/
    );
  });

  it('says an absurd count (a unit mistake) in three digits, not every digit', () => {
    const short = {
      load: [],
      maxReplicas: 15,
      peakReplicas: 2.1427626326135612e300,
      firstMs: T0,
      basis: 'the forecast',
    };
    expect(shortfallSentence(short, 'utc')).toContain(
      'needs up to 2.14e+300 replicas (2.14e+300 more than the maximum'
    );
  });

  it('has nothing to say when the plan fits, or without a target policy', () => {
    const [fits] = decodeFrames([makeForecastFrame({ policy: { ...target, maxReplicas: 50 } })]).forecasts;
    expect(planShortfall(fits)).toBeUndefined();
    const [thresholds] = decodeFrames([makeForecastFrame()]).forecasts;
    expect(planShortfall(thresholds)).toBeUndefined();
  });
});
