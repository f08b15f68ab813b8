import {
  LSTM_BUDGET_BYTES,
  MAX_POINTS,
  MAX_VALIDATION_CELLS,
  assertGridFits,
  lstmBudgetRefusal,
  lstmBytes,
  maxValidationOrigins,
  planWork,
  spacedOrigins,
} from './budget';
import { LSTM_LIMITS } from './options';

const SECOND = 1000;
const DEFAULT_SHAPE = { window: 12, units: 16, batchSize: 256 };

describe('work budget', () => {
  it('issue case — step 1s, 2 days, 1h horizon: validation thinned to fit, LSTM refused with what to change', () => {
    const plan = planWork({
      points: 172_800,
      stepMs: SECOND,
      horizon: 3600,
      methods: ['naive', 'seasonal_naive', 'mstl', 'lstm'],
      lstm: DEFAULT_SHAPE,
    });
    expect(plan.maxValOrigins).toBe(Math.floor(MAX_VALIDATION_CELLS / 3600));
    expect(plan.maxValOrigins * 3600).toBeLessThanOrEqual(MAX_VALIDATION_CELLS);
    expect(plan.refused.map((r) => r.method)).toEqual(['lstm']);
    expect(plan.refused[0].reason).toMatch(
      /at a horizon of 3600 steps \(1h\).*needs about \d+ MB to train, over its 120 MB share of the memory budget — use a horizon of \d+ steps \(\d+m at this step\) or less/
    );
  });

  it('ordinary requests are untouched: 7 days of 5-minute data, 1h horizon', () => {
    const plan = planWork({
      points: 2016,
      stepMs: 300 * SECOND,
      horizon: 12,
      methods: ['naive', 'seasonal_naive', 'mstl', 'lstm'],
      lstm: DEFAULT_SHAPE,
    });
    expect(plan.refused).toEqual([]);
    expect(plan.maxValOrigins).toBeGreaterThan(2016);
  });

  it('the largest options the editor accepts cannot exceed the budget unnoticed', () => {
    const biggest = {
      window: LSTM_LIMITS.window.max,
      units: LSTM_LIMITS.units.max,
      batchSize: LSTM_LIMITS.batchSize.max,
    };
    const why = lstmBudgetRefusal(biggest, 12, 300 * SECOND, 10_000);
    expect(why).toMatch(/ — lower the batch size to \d+ or less \(defaults: window 12, batch size 256, units 16\)$/);
    expect(lstmBytes(DEFAULT_SHAPE, 12, 2)).toBeLessThan(LSTM_BUDGET_BYTES / 10);
  });

  it('says how far each size must come down when not even one step fits', () => {
    const why = lstmBudgetRefusal({ window: 512, units: 16, batchSize: 256 }, 12, 300 * SECOND, 4032) ?? '';
    const lowered =
      /lower the window to (\d+) or less, or the batch size to (\d+) or less, or the units to (\d+) or less/.exec(why);
    expect(lowered).not.toBeNull();
    const [window, batchSize, units] = (lowered ?? []).slice(1).map(Number);
    // each advised size fits with the others kept, and one more does not
    const fits = (s: { window: number; units: number; batchSize: number }) =>
      lstmBudgetRefusal(s, 12, 300 * SECOND, 4032) === undefined;
    expect(fits({ window, units: 16, batchSize: 256 })).toBe(true);
    expect(fits({ window: window + 1, units: 16, batchSize: 256 })).toBe(false);
    expect(fits({ window: 512, units: 16, batchSize })).toBe(true);
    expect(fits({ window: 512, units: 16, batchSize: batchSize + 1 })).toBe(false);
    expect(fits({ window: 512, units, batchSize: 256 })).toBe(true);
    expect(fits({ window: 512, units: units + 1, batchSize: 256 })).toBe(false);
  });

  it('MSTL is refused when two days of points exceed its share', () => {
    const plan = planWork({ points: 400_000, stepMs: 500, horizon: 10, methods: ['mstl'], lstm: DEFAULT_SHAPE });
    expect(plan.refused[0].reason).toMatch(/345,600 points at 500ms steps.*use a step of 1s or more/);
  });

  it('refuses a grid beyond MAX_POINTS before allocating, naming a step and a window that fit', () => {
    expect(() => assertGridFits(MAX_POINTS, SECOND)).not.toThrow();
    expect(() => assertGridFits(30 * 86_400, SECOND)).toThrow(
      'This request gives 2,592,000 points (30d at 1s steps); at most 600,000 fit the memory budget. Use a step of 5s or more, or a training window of 6d or less.'
    );
  });

  it('spaces validation origins evenly, keeping both ends', () => {
    expect(spacedOrigins(10, 14, 100)).toEqual([10, 11, 12, 13, 14]);
    const o = spacedOrigins(0, 34_560, 138);
    expect(o).toHaveLength(138);
    expect(o[0]).toBe(0);
    expect(o[o.length - 1]).toBe(34_560);
    expect(spacedOrigins(5, 4, 10)).toEqual([]);
    expect(maxValidationOrigins(10_000)).toBeGreaterThanOrEqual(20);
  });
});
