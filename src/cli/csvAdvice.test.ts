import type { ForecastOutcome } from '../engine/api';
import { assertGridFits, lstmBudgetRefusal } from '../engine/budget';
import { EngineError } from '../engine/errors';
import { assertHistoryCovers, type LstmMeta } from '../engine/lstm/persist';
import { tooLittleHistory, tooShortMessage } from '../engine/requirements';
import { adviseForCsv, csvError, csvOutcome } from './csvAdvice';

const HALF_HOUR = 1_800_000;
const forecastCmd = { horizonFromModel: true };
const trainCmd = { horizonFromModel: false };

/** The engine's own message for `fn`, so a change of its wording fails here instead of slipping past. */
function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected a throw');
}

describe('too-little-history advice for a CSV', () => {
  it('asks `forecast` for a longer CSV, and for a retrain rather than a horizon it has no flag for', () => {
    const engine = tooShortMessage('lstm', 96, HALF_HOUR, 4, 8);
    expect(engine).toMatch(/widen the training window/);
    expect(adviseForCsv(engine, forecastCmd)).toBe(
      'Too little history: 96 point(s) (2d at 30m steps) after cleaning; LSTM at a horizon of 4 step(s) needs at least 286 points (5d 23h) — ' +
        'use a CSV that covers 6d or more (more rows of history), or retrain the model with a shorter --horizon.'
    );
  });

  it('asks `train --csv` for a longer CSV or a shorter --horizon', () => {
    expect(adviseForCsv(tooShortMessage('lstm', 96, HALF_HOUR, 4, 8), trainCmd)).toMatch(
      / — use a CSV that covers 6d or more \(more rows of history\), or a shorter --horizon\.$/
    );
    // at a one-step horizon there is no horizon to shorten
    expect(adviseForCsv(tooLittleHistory('seasonal_mean', 50, HALF_HOUR, 1, 12), trainCmd)).toMatch(
      /it needs \d+ — use a CSV that covers \S+ or more \(more rows of history\)$/
    );
  });

  it('offers a finer export where the rows given are enough at that step', () => {
    // 7 days at 12h steps: the LSTM needs 96 days at 12h, or the same 7 days at 15m
    expect(adviseForCsv(tooLittleHistory('lstm', 14, 24 * HALF_HOUR, 1, 12), trainCmd)).toMatch(
      / — use a CSV that covers 96d or more \(more rows of history\), or export the series at a step of 15m or less$/
    );
  });

  it('rewords every training-window remedy the engine gives, and leaves other text alone', () => {
    const meta = { window: 8, horizon: 4, lstm: { lags: [7 * 48] } } as unknown as LstmMeta;
    const lookBack = messageOf(() =>
      assertHistoryCovers(meta, { points: 400, beforeValidation: 300, stepMs: HALF_HOUR })
    );
    expect(adviseForCsv(lookBack, forecastCmd)).toMatch(
      /but the data covers 8d 8h; use a CSV that covers \d+d or more \(more rows of history\), or retrain the model\.$/
    );
    const lstm = lstmBudgetRefusal({ units: 32, window: 12, batchSize: 64 }, 2000, HALF_HOUR, 20_000);
    expect(lstm).toMatch(/, or a coarser step, or a baseline method$/);
    expect(adviseForCsv(lstm as string, trainCmd)).toMatch(/ or less, or a CSV exported at a coarser step$/);
    const budget = messageOf(() => assertGridFits(10_000_000, 1000));
    expect(adviseForCsv(budget, trainCmd)).toMatch(/Use a step of \S+ or more, or a CSV that covers 6d or less\.$/);
    // pipeline.ts's two shapes (its failureReason is not exported)
    expect(adviseForCsv('too few windows — widen the training window beyond 2d 2h', trainCmd)).toBe(
      'too few windows — use a CSV that covers more than 2d 2h (more rows of history)'
    );
    expect(adviseForCsv('gaps: query the series without the filter, or widen the training window', trainCmd)).toBe(
      'gaps: export the series without the filter, or use a CSV with more rows'
    );
    const unrelated = 'The series is constant (7) over the training window: the forecast is that constant.';
    expect(adviseForCsv(unrelated, trainCmd)).toBe(unrelated);
  });

  it('keeps the error an EngineError with its code, and the saved model untouched', () => {
    const e = csvError(new EngineError(tooShortMessage('lstm', 96, HALF_HOUR, 4, 8), 'too_short'), forecastCmd);
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe('too_short');
    expect((e as EngineError).message).not.toMatch(/training window/);
    const other = new Error('disk full');
    expect(csvError(other, forecastCmd)).toBe(other);

    const model = {
      meta: { report: { skipped: [{ method: 'lstm', reason: 'x — widen the training window to 3d or more' }] } },
    };
    const outcome = {
      forecast: {},
      model,
      report: {
        requested: 'auto',
        skipped: [{ method: 'lstm', reason: 'it needs 535 — widen the training window to 3d or more' }],
      },
    } as unknown as ForecastOutcome;
    const said = csvOutcome(outcome, trainCmd);
    expect(said.report.skipped?.[0].reason).toBe(
      'it needs 535 — use a CSV that covers 3d or more (more rows of history)'
    );
    expect(said.report).not.toHaveProperty('warning');
    expect(said.model).toBe(model);
    expect(outcome.report.skipped?.[0].reason).toMatch(/widen the training window/);
  });
});
