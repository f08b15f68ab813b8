/** @jest-environment node */
import { EngineError } from './errors';
import { forecastSeries } from './forecast';
import { runPipeline } from './pipeline';
import { prepareSeries } from './prepare';
import { FIVE_MIN, dailyWave } from './testSeries';

describe('skipped candidates say why and what to change', () => {
  it('auto on a short history: the LSTM is listed with points, need and a friendly window to widen to', async () => {
    const out = await forecastSeries({ series: dailyWave(600), stepMs: FIVE_MIN, horizon: 12, method: 'auto' });
    const lstm = out.report.skipped?.find((s) => s.method === 'lstm');
    expect(lstm?.reason).toBe(
      'this window gives 600 points (2d 2h at 5m steps), it needs 669 — widen the training window to 3d or more or shorten the horizon'
    );
    // still in the notes for older readers
    expect(out.report.notes?.join(' ')).toMatch(/lstm skipped: this window gives 600 points/);
  });

  it('a step too coarse for a daily season says which step would do', async () => {
    const day = 86_400_000;
    const s = dailyWave(200, { stepMs: day });
    const out = await forecastSeries({ series: s, stepMs: day, horizon: 2, method: 'auto', lstm: { epochs: 1 } });
    expect(out.report.skipped?.find((x) => x.method === 'seasonal_naive')?.reason).toBe(
      'it needs a daily season, and a step of 1d gives fewer than two points a day — use a step of 12h or less'
    );
  }, 30_000);

  it('a budget refusal is a skip in auto and an error when that method is requested', async () => {
    const series = dailyWave(900);
    const lstm = { units: 256, batchSize: 2048 };
    const auto = await forecastSeries({ series, stepMs: FIVE_MIN, horizon: 3, method: 'auto', lstm });
    expect(auto.report.skipped?.find((x) => x.method === 'lstm')?.reason).toMatch(
      /needs about \d+ MB to train, over its 120 MB share of the memory budget — lower the batch size to \d+ or less, or the units to \d+ or less/
    );
    await expect(forecastSeries({ series, stepMs: FIVE_MIN, horizon: 3, method: 'lstm', lstm })).rejects.toThrow(
      /^LSTM cannot run here: at a horizon of 3 steps \(15m\) with 256 units, a window of 12 and batches of 2048/
    );
  });

  it('a fit that fails (load error, crash) is listed with what to do, and the others are used', async () => {
    const prep = prepareSeries(dailyWave(900), FIVE_MIN);
    const failing = (e: Error) => ({ refitFinal: false, fit: () => Promise.reject(e) });
    const run = (e: Error) =>
      runPipeline({
        values: prep.values,
        observed: prep.observed,
        stepMs: FIVE_MIN,
        horizon: 3,
        fitEnd: prep.values.length,
        methods: ['naive', 'lstm'],
        fitters: { lstm: failing(e) },
      });
    const crash = await run(new Error('Out of memory.'));
    expect(crash.skipped).toEqual([
      {
        method: 'lstm',
        reason: 'it failed (Out of memory); the other methods were used — retry, or pick another method if it repeats',
      },
    ]);
    expect(crash.candidates.map((c) => c.method)).toEqual(['naive']);
    const load = await run(new EngineError('Saved model is for a horizon of 12, not 3.', 'incompatible_model'));
    expect(load.skipped[0].reason).toBe(
      'the saved model could not be used (Saved model is for a horizon of 12, not 3) — clear the saved model or let it retrain'
    );
    crash.candidates.concat(load.candidates).forEach((c) => c.final.dispose());
  });
});
