/** @jest-environment node */
import { forecastSeries } from './forecast';
import { LINEAR_MAX_WINDOWS, fitLinear, linearInputCount, linearSpec } from './linear';
import { stepEnvelope } from './lstm/envelope';
import { prepareSeries } from './prepare';
import { pointsBeforeValidation } from './requirements';
import { FIVE_MIN, dailyWave } from './testSeries';

const DAY = 288;

/** Six days of a daily wave with noise, on the 5-minute grid. */
function wave(noise = 6, seed = 4): { values: Float64Array; observed: Uint8Array } {
  return prepareSeries(dailyWave(6 * DAY, { noise, seed }), FIVE_MIN);
}

describe('the linear model', () => {
  it('is level- and scale-free: ×1000 + 50 in gives ×1000 + 50 out', async () => {
    const { values, observed } = wave();
    const shifted = Float64Array.from(values, (x) => 1000 * x + 50);
    const end = 5 * DAY;
    const origins = [end, end + 7, end + 100];
    const a = await fitLinear(values, observed, FIVE_MIN, 12, end).predict(values, origins, 12);
    const b = await fitLinear(shifted, observed, FIVE_MIN, 12, end).predict(shifted, origins, 12);
    a.forEach((row, i) => row.forEach((x, h) => expect(b[i][h]).toBeCloseTo(1000 * x + 50, 5)));
  });

  it('forecasts a noisy daily wave better than the last value, and stays inside the envelope', async () => {
    const { values, observed } = wave(20);
    const end = 5 * DAY;
    const model = fitLinear(values, observed, FIVE_MIN, 12, end);
    const origins = Array.from({ length: 200 }, (_, i) => end + i);
    const preds = await model.predict(values, origins, 12);
    let linear = 0;
    let naive = 0;
    const spec = linearSpec(FIVE_MIN, end, 12);
    preds.forEach((row, i) => {
      const o = origins[i];
      const env = stepEnvelope(values, o, spec, values.length);
      row.forEach((x, h) => {
        linear += Math.abs(x - values[o + h]);
        naive += Math.abs(values[o - 1] - values[o + h]);
        expect(x).toBeGreaterThanOrEqual(env[h].lo - 1e-9);
        expect(x).toBeLessThanOrEqual(env[h].hi + 1e-9);
      });
    });
    expect(linear).toBeLessThan(0.8 * naive);
  });

  it('is deterministic, and reads nothing at or after the origin', async () => {
    const { values, observed } = wave();
    const end = 5 * DAY;
    const origin = end + 30;
    const a = await fitLinear(values, observed, FIVE_MIN, 6, end).predict(values, [origin], 6);
    const probe = Float64Array.from(values).fill(NaN, origin);
    const b = await fitLinear(values, observed, FIVE_MIN, 6, end).predict(probe, [origin], 6);
    expect(Array.from(b[0])).toEqual(Array.from(a[0]));
  });

  it('says why it cannot fit too little history, and fits on at most the latest windows', () => {
    const { values, observed } = wave();
    // 30 points: 7 windows of 12 inputs and 12 targets; no daily lag yet, so 12 + 1 + 1 weights
    expect(linearInputCount(linearSpec(FIVE_MIN, 30, 12))).toBe(14);
    expect(() => fitLinear(values, observed, FIVE_MIN, 12, 30)).toThrow(
      'Too little history for the linear model: 7 training windows for 14 weights (it needs 28).'
    );
    expect(LINEAR_MAX_WINDOWS).toBe(4096);
  });

  it('advises the horizon or the step, not a wider window, where its weights outgrow the windows it fits', () => {
    // 1 s steps, two days, a 1 h horizon: 3,600 steps ahead with a daily lag is 7,226 weights
    const n = 2 * 86_400 + 7_200;
    const values = new Float64Array(n);
    const observed = new Uint8Array(n).fill(1);
    expect(() => fitLinear(values, observed, 1000, 3600, n)).toThrow(
      'the linear model fits at most 4096 training windows, 2 per weight, and a horizon of 3600 steps gives it 7226 weights — shorten the horizon to 15m or use a coarser step'
    );
  });

  it('refuses to forecast a horizon other than the one it was fitted for', async () => {
    const { values, observed } = wave();
    const model = fitLinear(values, observed, FIVE_MIN, 12, 5 * DAY);
    await expect(model.predict(values, [5 * DAY], 6)).rejects.toThrow(
      'The linear model was fitted for 12 steps, not 6.'
    );
  });

  it('is a method of its own and an auto candidate that joins the models’ median, not the ensemble', async () => {
    const series = dailyWave(6 * DAY, { noise: 6, seed: 2 });
    const alone = await forecastSeries({ series, stepMs: FIVE_MIN, horizon: 12, method: 'linear' });
    expect(alone.report.method).toBe('linear');
    expect(alone.forecast.mean.every(Number.isFinite)).toBe(true);
    const auto = await forecastSeries({ series, stepMs: FIVE_MIN, horizon: 12, method: 'auto' });
    expect(auto.report.scores.linear).toBeDefined();
  }, 120_000);
});

describe('what the linear model needs', () => {
  it('asks for the history its fit needs, with yesterday among its inputs', () => {
    const { values, observed } = wave();
    for (const horizon of [3, 12, 48]) {
      const need = pointsBeforeValidation('linear', FIVE_MIN, horizon, 12);
      expect(() => fitLinear(values, observed, FIVE_MIN, horizon, need)).not.toThrow();
      expect(linearSpec(FIVE_MIN, need, horizon).lags).toEqual([DAY]);
    }
  });
});
