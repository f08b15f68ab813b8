import { minimumPoints, tooLittleHistory, tooShortMessage } from './requirements';

const FIVE_MIN = 300_000;

describe('too little history: one shortfall, one piece of advice', () => {
  it('says the same facts and advice as a skip reason and as the error', () => {
    expect(minimumPoints('naive', FIVE_MIN, 12, 12)).toBe(32);
    const advice = 'widen the training window to 3h or more or shorten the horizon';
    expect(tooLittleHistory('naive', 20, FIVE_MIN, 12, 12)).toBe(
      `this window gives 20 points (1h 40m at 5m steps), it needs 32 — ${advice}`
    );
    expect(tooShortMessage('naive', 20, FIVE_MIN, 12, 12)).toBe(
      'Too little history: 20 point(s) (1h 40m at 5m steps) after cleaning; last value (naive) at a horizon of 12 ' +
        `step(s) needs at least 32 points (2h 40m) — ${advice}.`
    );
  });

  it('asks for a finer step when the step leaves no daily season, in both forms', () => {
    const day = 86_400_000;
    expect(tooLittleHistory('seasonal_naive', 200, day, 2, 12)).toBe(
      'it needs a daily season, and a step of 1d gives fewer than two points a day — use a step of 12h or less'
    );
    expect(tooShortMessage('seasonal_naive', 200, day, 2, 12)).toBe(
      'Seasonal naive needs a daily season, and a step of 1d gives fewer than two points a day — use a step of 12h or less.'
    );
  });

  it('offers the coarsest common step at which the window already fetched is enough', () => {
    const halfDay = 43_200_000;
    // 7 days at 12h steps: the LSTM needs 96 days there, and the same 7 days at 15m steps
    expect(tooLittleHistory('lstm', 14, halfDay, 1, 12)).toBe(
      'this window gives 14 points (7d at 12h steps), it needs 192 — widen the training window to 96d or more, ' +
        'or use a step of 15m or less'
    );
    expect(tooLittleHistory('mstl', 14, halfDay, 1, 12)).toMatch(/or use a step of 1h or less$/);
    // the horizon is kept in time: 12h is 48 steps at 15m, past the base model's 24
    expect(tooLittleHistory('lstm_base', 14, halfDay, 1, 12)).toMatch(/or use a step of 1h or less$/);
    // nothing finer than 5m is offered
    expect(tooLittleHistory('lstm', 20, FIVE_MIN, 1, 12)).not.toMatch(/use a step/);
  });

  it('does not offer a shorter horizon at a horizon of one step', () => {
    expect(tooLittleHistory('naive', 10, FIVE_MIN, 1, 12)).not.toMatch(/horizon/);
  });

  it('advises a coarser step where the history needed is more points than one forecast may hold', () => {
    // two days at 100 ms steps is 1.7 million points, over the 600,000-point grid limit
    expect(tooLittleHistory('seasonal_naive', 1000, 100, 12, 12)).toBe(
      'this window gives 1000 points (1m 40s at 100ms steps), it needs 1080000 — ' +
        'use a step of 1s or more, with a training window of 2d or more'
    );
  });
});
