/** @jest-environment node */
import type { BaseMethod } from './api';
import {
  SINCE_SHIFT_PERIOD,
  excursionSentence,
  lstmNotShown,
  requestedShiftSentence,
  shiftSentence,
} from './autoWarning';
import { naiveModel } from './baselines';
import type { CandidateResult } from './pipeline';
import { plainText } from '../common/figures';

/** The sentence as the CLI and Grafana's notices print it. */
const said = (...args: Parameters<typeof lstmNotShown>) => plainText(lstmNotShown(...args));

/** A candidate with the two figures the warning reads: last day's MAE and the day-and-week score. */
function candidate(method: BaseMethod, recentMae: number, selectionScore: number): CandidateResult {
  return {
    method,
    final: naiveModel(),
    cal: { q80: [], q95: [], counts: [] },
    table: { origins: [], errors: [] },
    recentMae,
    selectionScore,
    val: { mae: recentMae, rmse: recentMae, mase: 1, coverage80: 0.8, coverage95: 0.95, fitMs: 0 },
  };
}

describe("auto's warning when the LSTM is not shown", () => {
  it('says the LSTM lost when its last day was worse than the winner', () => {
    const naive = candidate('naive', 10, 10);
    const lstm = candidate('lstm', 12, 12);
    expect(said([naive, lstm], naive, lstm)).toBe(
      'The LSTM lost to the last value (naive) on recent validation (MAE over the last day 12.00 vs 10.00), so its forecast is shown.'
    );
  });

  it('keeps its error figures as numbers, for a front door that knows the unit', () => {
    const naive = candidate('naive', 0.02017, 10);
    const lstm = candidate('lstm', 0.02136, 12);
    expect(lstmNotShown([naive, lstm], naive, lstm).filter((p) => typeof p !== 'string')).toEqual([
      { figure: 0.02136 },
      { figure: 0.02017 },
    ]);
  });

  it("names naive's gate when the LSTM beat the winner but not the last value", () => {
    const naive = candidate('naive', 9, 9);
    const sn = candidate('seasonal_naive', 11, 8);
    const lstm = candidate('lstm', 10, 7.9);
    expect(said([naive, sn, lstm], sn, lstm)).toMatch(
      /^The LSTM's recent errors were above the last value's \(MAE over the last day 10\.00 vs 9\.000\)/
    );
  });

  it('says a series that has not moved is forecast exactly by the last value, not that the LSTM did no better', () => {
    const naive = candidate('naive', 0, 0);
    const lstm = candidate('lstm', 0, 0);
    expect(said([naive, lstm], naive, lstm)).toBe(
      'The series has not changed over the last day: the last value (naive) forecast every value exactly, so no method can beat it, and it is shown.'
    );
    expect(said([naive, lstm], naive, lstm, SINCE_SHIFT_PERIOD)).toMatch(
      /^The series has not changed since the shift: /
    );
  });

  it('names the margin when a baseline was kept', () => {
    const naive = candidate('naive', 10, 10);
    const lstm = candidate('lstm', 9.9, 9.9);
    expect(said([naive, lstm], naive, lstm)).toMatch(/did not beat last value \(naive\) by the required 3 %/);
  });

  it('names the day-and-week score when another learned method (SES) won', () => {
    const naive = candidate('naive', 10, 10);
    const ses = candidate('ses', 8, 7);
    const lstm = candidate('lstm', 7.5, 7.6);
    expect(said([naive, ses, lstm], ses, lstm)).toBe(
      'Smoothed level (SES or moving median) scored better than the LSTM over the last day and week of validation together (mean MAE 7.000 vs 7.600), so the smoothed level (SES or moving median) forecast is shown.'
    );
  });
});

describe("auto's warning when a median (the LSTM among its members) is shown", () => {
  const naive = candidate('naive', 10, 10);

  it('says the median beat the LSTM when its last day was better', () => {
    const median = candidate('ensemble', 4.2, 4.3);
    const lstm = candidate('lstm', 4.4, 4.4);
    expect(said([naive, lstm, median], median, lstm)).toBe(
      'The median of the methods (the LSTM among them) beat the LSTM alone on recent validation (MAE over the last day 4.200 vs 4.400), so the median is shown.'
    );
  });

  it('never claims a win the figures contradict: a median chosen on the day-and-week score says so', () => {
    // Seen in the playground: "beat the LSTM alone … (MAE over the last day 0.888 vs 0.887)".
    const median = candidate('model_median', 0.888, 0.9);
    const lstm = candidate('lstm', 0.887, 0.95);
    expect(said([naive, lstm, median], median, lstm)).toBe(
      'The median of the models without the baselines (the LSTM among them) scored better than the LSTM over the last day and week of validation together (mean MAE 0.9000 vs 0.9500), so the median is shown.'
    );
  });

  it("names naive's gate when the LSTM's own last day was worse than the last value's", () => {
    const median = candidate('model_median', 9, 9);
    const lstm = candidate('lstm', 8, 8);
    expect(said([candidate('naive', 7.5, 10), lstm, median], median, lstm)).toBe(
      "The LSTM's recent errors were above the last value's (MAE over the last day 8.000 vs 7.500), so the median is shown."
    );
  });
});

describe("auto's warning after a level shift", () => {
  it('the LSTM sentence names the period it compared: the forecasts since the shift', () => {
    const naive = candidate('naive', 0, 0);
    const lstm = candidate('lstm', 6.4, 6.4);
    expect(said([naive, lstm], naive, lstm, SINCE_SHIFT_PERIOD)).toBe(
      'The LSTM lost to the last value (naive) on recent validation (MAE since the shift 6.400 vs 0.000), so its forecast is shown.'
    );
    const ses = candidate('ses', 1, 1);
    expect(said([naive, ses, candidate('lstm', 0.5, 2)], ses, candidate('lstm', 0.5, 2), SINCE_SHIFT_PERIOD)).toMatch(
      /^The LSTM's recent errors were above the last value's \(MAE since the shift 0\.5000 vs 0\.000\)/
    );
  });

  it('names the direction and how long ago, and says when the last value is shown for want of anything to compare', () => {
    expect(shiftSentence({ shift: { start: 0, since: 1, direction: 'below' }, agoMs: 2 * 3_600_000 }, true)).toBe(
      'Level shift: every value of the last 2h is below the lowest of the day before, so the methods are compared only on forecasts made since then.'
    );
    expect(shiftSentence({ shift: { start: 0, since: 1, direction: 'above' }, agoMs: 45 * 60_000 }, false)).toBe(
      'Level shift: every value of the last 45m is above the highest of the day before, so the methods are compared only on forecasts made since then; there are none yet, so the last value (naive) is shown.'
    );
    const afterGap = {
      shift: { start: 9, since: 10, direction: 'below' as const, gapFrom: 3 },
      agoMs: 5 * 60_000,
      gapMs: 20 * 3_600_000,
    };
    expect(shiftSentence(afterGap, false)).toBe(
      'Level shift: every value since a 20h gap in the data is below the lowest of the day before the gap, so the methods are compared only on forecasts made since then; there are none yet, so the last value (naive) is shown.'
    );
  });

  it('a requested method: the shift, and what a seasonal method does with it', () => {
    const fell = { shift: { start: 0, since: 1, direction: 'below' as const }, agoMs: 3 * 3_600_000 };
    expect(requestedShiftSentence(fell, 'seasonal_naive')).toBe(
      'Level shift: every value of the last 3h is below the lowest of the day before; the requested seasonal naive repeats the values of a day earlier, from before it, so its forecast stays near the old level (Auto follows the new one).'
    );
    expect(requestedShiftSentence(fell, 'seasonal_mean')).toMatch(
      /averages earlier days, from before it, so its forecast stays near the old level/
    );
    // a day on, seasonal naive repeats values from after the shift; the others start from the latest values
    expect(requestedShiftSentence({ ...fell, agoMs: 30 * 3_600_000 }, 'seasonal_naive')).toBe(
      'Level shift: every value of the last 1d 6h is below the lowest of the day before.'
    );
    expect(requestedShiftSentence(fell, 'mstl')).toBe(
      'Level shift: every value of the last 3h is below the lowest of the day before.'
    );
  });

  it("an excursion: the direction, how long, the shift rule's wait, and what the last value replaced", () => {
    const rise = {
      shift: { start: 0, since: 1, direction: 'above' as const },
      agoMs: 20 * 60_000,
      confirmMs: 3_600_000,
    };
    expect(excursionSentence({ ...rise, insteadOf: 'mstl' })).toBe(
      'Sudden rise: every value of the last 20m is above the highest value before it, too recent to call a level shift (that takes 1h), so the last value (naive) is shown instead of the MSTL + ETS forecast until the values hold there or come back.'
    );
    // a median is named as one, not as "the median of the methods (ensemble) forecast"
    expect(excursionSentence({ ...rise, insteadOf: 'model_median' })).toMatch(/shown instead of the median until/);
  });
});
