import { ScaleController } from './controller';
import type { LoadPoint } from './rules';
import { validatePolicy } from './validate';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 21, 14, 0);
const load = (value: number, minute: number): LoadPoint => ({ value, timeMs: T0 + minute * MIN, label: 'current' });

const base = validatePolicy({
  kind: 'target',
  capacityPerReplica: 100,
  tolerance: 0,
  minReplicas: 2,
  maxReplicas: 10,
  scaleDownStabilizationSec: 0,
  cooldownSec: 0,
  leadTimeSec: 0,
  evaluationIntervalSec: 60,
});

function run(c: ScaleController, loads: number[]) {
  return loads.map((v, m) => {
    const e = c.evaluate(T0 + m * MIN, load(v, m));
    return { target: c.target, action: e.action?.action ?? null, cause: e.holdCause };
  });
}

describe('ScaleController', () => {
  it('scales up at once and down at once without stabilisation or cooldown', () => {
    const c = new ScaleController(base, 2, { referenceMs: T0 });
    expect(run(c, [500, 200]).map((r) => r.target)).toEqual([5, 2]);
  });

  it('keeps the highest recommendation of the stabilisation window before scaling down', () => {
    const c = new ScaleController({ ...base, scaleDownStabilizationSec: 180 }, 2, { referenceMs: T0 });
    // minute: 0 → 8, then loads needing 3; the window (3 min) still holds the 8 until minute 4.
    const r = run(c, [800, 300, 300, 300, 300, 300]);
    expect(r.map((x) => x.target)).toEqual([8, 8, 8, 8, 3, 3]);
    expect(r[1]).toMatchObject({ action: 'hold', cause: 'stabilization' });
  });

  it('scales down part-way when an intermediate recommendation is still in the window', () => {
    const c = new ScaleController({ ...base, scaleDownStabilizationSec: 120 }, 8, { referenceMs: T0 });
    const r = run(c, [800, 600, 300]);
    expect(r.map((x) => x.target)).toEqual([8, 8, 8]);
    const e = c.evaluate(T0 + 3 * MIN, load(300, 3)); // window [1, 3]: 6, 3, 3 → 6
    expect(c.target).toBe(6);
    expect(e.action?.reason).toMatch(/the 2m stabilisation window keeps 6 \(recommended at 14:01\)$/);
  });

  it('never delays a scale-up for stabilisation', () => {
    const c = new ScaleController({ ...base, scaleDownStabilizationSec: 600 }, 2, { referenceMs: T0 });
    expect(run(c, [200, 900]).map((x) => x.target)).toEqual([2, 9]);
  });

  it('waits for the cooldown between changes, in both directions', () => {
    const c = new ScaleController({ ...base, cooldownSec: 120 }, 2, { referenceMs: T0 });
    const r = run(c, [500, 900, 900, 200]);
    expect(r.map((x) => x.target)).toEqual([5, 5, 9, 9]);
    expect(r[1]).toMatchObject({ action: 'hold', cause: 'cooldown' });
    const e = c.evaluate(T0 + 4 * MIN, load(200, 4));
    expect(e.action?.action).toBe('down');
    expect(r[3].cause).toBe('cooldown');
  });

  it('says why it waits during a cooldown', () => {
    const c = new ScaleController({ ...base, cooldownSec: 120 }, 2, { referenceMs: T0 });
    c.evaluate(T0, load(500, 0));
    const e = c.evaluate(T0 + MIN, load(900, 1));
    expect(e.action?.reason).toMatch(/waiting for the 2m cooldown after the change at 14:00 \(until 14:02\)$/);
  });

  it('corrects a count outside [min, max] at once, whatever the cooldown', () => {
    const c = new ScaleController({ ...base, cooldownSec: 3600, scaleDownStabilizationSec: 3600 }, 14, {
      referenceMs: T0,
    });
    const e = c.evaluate(T0, load(1400, 0));
    expect(e.action).toMatchObject({ action: 'down', from: 14, to: 10 });
  });

  it('holds at the maximum and says the load outgrows it', () => {
    const c = new ScaleController(base, 10, { referenceMs: T0 });
    const e = c.evaluate(T0, load(5000, 0));
    expect(e.holdCause).toBe('limit');
    expect(e.action?.reason).toMatch(/capped at the maximum of 10$/);
    // Sitting at the minimum is the quiet state: nothing to say.
    const low = new ScaleController(base, 2, { referenceMs: T0 });
    expect(low.evaluate(T0, load(0, 0)).action).toBeNull();
  });

  it('holds with a reason when there is no usable load', () => {
    const c = new ScaleController(base, 4, { referenceMs: T0 });
    const e = c.evaluate(T0, null);
    expect(c.target).toBe(4);
    expect(e).toMatchObject({ holdCause: 'no-data' });
    expect(e.action?.reason).toBe('no usable load value at 14:00 (missing or NaN): keeping 4 replicas');
  });

  it('says when a scale-up will be ready', () => {
    const c = new ScaleController({ ...base, leadTimeSec: 900, unit: 'req/s' }, 2, { referenceMs: T0 });
    const e = c.evaluate(T0 + 20 * MIN, { value: 2840, timeMs: T0 + 35 * MIN, label: 'forecast' });
    expect(e.action?.reason).toBe(
      'forecast 2,840 req/s at 14:35 exceeds 200 req/s, the capacity of 2 replicas; needs 29 replicas at 100 req/s each; ' +
        'capped at the maximum of 10; ready about 14:35 (15m lead time)'
    );
  });

  it('applies the same stabilisation and cooldown to the thresholds rule', () => {
    const p = validatePolicy({
      ...base,
      kind: 'thresholds',
      lowThreshold: 50,
      highThreshold: 500,
      step: 2,
      cooldownSec: 120,
    });
    const c = new ScaleController(p, 4, { referenceMs: T0 });
    expect(run(c, [600, 600, 600, 10, 10, 10]).map((x) => x.target)).toEqual([6, 6, 8, 8, 6, 6]);
  });
});
