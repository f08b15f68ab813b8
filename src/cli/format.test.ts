import type { ForecastOutcome } from '../engine/api';
import type { BacktestResult } from '../engine/backtest';
import { formatBacktest, formatForecast, inputNotes } from './format';

const score = { mae: 1, rmse: 1, mase: 0.9, coverage80: 0.8, coverage95: 0.95, fitMs: 3 };

/** A one-step forecast by `method` with this report, as the engine returns it. */
function outcomeOf(method: string, report: Record<string, unknown>): ForecastOutcome {
  const forecast = {
    method,
    startMs: 0,
    stepMs: 300_000,
    mean: [1],
    lower80: [0],
    upper80: [2],
    lower95: [0],
    upper95: [3],
  };
  return { forecast, report } as unknown as ForecastOutcome;
}

describe('CLI text output', () => {
  it('shows skipped candidates and preparation notes, each once', () => {
    const outcome = outcomeOf('seasonal_naive', {
      requested: 'auto',
      mase: 0.9,
      coverage95: 0.95,
      skipped: [
        {
          method: 'lstm',
          reason: 'this window gives 461 points, it needs 535 — widen the training window to 3d or more',
        },
      ],
      notes: [
        'lstm skipped: this window gives 461 points, it needs 535 — widen the training window to 3d or more.',
        '3 duplicate sample(s) averaged; 2 missing point(s) in short gaps filled.',
      ],
    });
    const text = formatForecast(outcome);
    expect(text).toContain('lstm skipped: this window gives 461 points');
    expect(text.match(/lstm skipped/g)).toHaveLength(1);
    expect(text).toContain('note: 3 duplicate sample(s) averaged; 2 missing point(s) in short gaps filled.');
  });

  it('says that auto re-chose at every origin, how often it showed each method, and the grid notes', () => {
    const result: BacktestResult = {
      series: 'x',
      points: 100,
      stepSeconds: 300,
      horizon: 12,
      origins: 20,
      methods: {
        naive: score,
        seasonal_naive: score,
        auto: { ...score, chosen: 'ses', choices: { naive: 3, ses: 15, lstm: 2 }, switches: 4 },
      },
      validationCoverage: {},
      skipped: [],
      notes: ['2 missing point(s) in short gaps (≤ 3 steps) were linearly interpolated.'],
    };
    const text = formatBacktest(result);
    expect(text).toContain(
      'auto re-chose at every test origin from the errors each candidate made before it (it showed ses at 15 of 20 origins, naive at 3, lstm at 2; 4 switches)'
    );
    expect(text).toContain('note: 2 missing point(s) in short gaps');
  });

  it('says why an RMSE is a dash when its squared errors overflow, and only then', () => {
    const result: BacktestResult = {
      series: 'huge',
      points: 100,
      stepSeconds: 300,
      horizon: 12,
      origins: 20,
      methods: {
        naive: { ...score, mae: 2.8e300, rmse: Infinity },
        seasonal_naive: { ...score, mae: 3.1e300, rmse: Infinity },
        ses: score,
      },
      validationCoverage: {},
      skipped: [],
      notes: [],
    };
    const text = formatBacktest(result);
    expect(text).toMatch(/^naive {11}2\.8000e\+300 —  /m);
    expect(text).toContain(
      'note: RMSE not shown for naive, seasonal_naive: the squared errors overflow a double (errors of about 1e154 or more); MAE and MASE are unaffected.'
    );
    expect(formatBacktest({ ...result, methods: { ses: score } })).not.toMatch(/RMSE not shown/);
    // errors that overflow even their sum leave MAE a dash too: the note does not call it unaffected
    const both = formatBacktest({ ...result, methods: { naive: { ...score, mae: Infinity, rmse: Infinity } } });
    expect(both).toContain(
      'note: RMSE not shown for naive: the squared errors overflow a double (errors of about 1e154 or more).'
    );
  });

  it('prints a note once when the warning line already says it', () => {
    const sentence =
      'The LSTM was trained from scratch, not from the base model (the base model forecasts at most 24 steps, not 60)';
    const outcome = outcomeOf('lstm', {
      requested: 'lstm',
      mase: 1,
      coverage95: 0.95,
      warning: `${sentence}.`,
      notes: [`${sentence}.`],
    });
    const text = formatForecast(outcome);
    expect(text.split(sentence)).toHaveLength(2);
    expect(text).toContain(`warning: ${sentence}.`);
  });

  it('counts unreadable CSV rows', () => {
    expect(inputNotes(0)).toEqual([]);
    expect(inputNotes(2)[0]).toMatch(/2 CSV row\(s\) could not be read/);
  });
});
