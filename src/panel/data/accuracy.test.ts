import { makeReport } from '../testing/fixtures';
import { coverageAcrossSeries, coverageFlags, lowBands, summarizeAccuracy } from './accuracy';
import { valueFormatter } from './format';

const reqPerSec = valueFormatter('reqps', 2);

describe('accuracy headline', () => {
  it('says the typical error in the unit and the gain over the last value, from the same scores as the card', () => {
    const report = makeReport({
      scores: {
        lstm: { mae: 0.12, rmse: 0.2, mase: 0.7, coverage80: 0.8, coverage95: 0.95, fitMs: 1 },
        naive: { mae: 0.152, rmse: 0.2, mase: 0.9, coverage80: 0.8, coverage95: 0.95, fitMs: 1 },
        seasonal_naive: { mae: 0.3, rmse: 0.4, mase: 1.1, coverage80: 0.8, coverage95: 0.95, fitMs: 1 },
      },
      // A stale ratio on the report must not leak into the headline: the scores decide.
      relMaeVsSeasonalNaive: 0.5,
    });
    const a = summarizeAccuracy(report, reqPerSec);
    expect(a.headline).toBe('Typical error ±0.12 req/s; 21 % better than repeating the last value');
    expect(a.baseline).toBe('naive');
    expect(a.relMae).toBeCloseTo(0.12 / 0.152, 6);
    expect(Math.round((1 - a.relMae!) * 100)).toBe(21);
  });

  it('falls back to seasonal naive when no last-value score exists, and says "worse" when worse', () => {
    const report = makeReport({
      scores: {
        mstl: { mae: 11, rmse: 14, mase: 1.1, coverage80: 0.8, coverage95: 0.95, fitMs: 1 },
        seasonal_naive: { mae: 10, rmse: 14, mase: 1, coverage80: 0.8, coverage95: 0.95, fitMs: 1 },
      },
      method: 'mstl',
    });
    expect(summarizeAccuracy(report, valueFormatter(undefined)).headline).toBe(
      'Typical error ±11; 10 % worse than repeating the same time one season earlier'
    );
  });

  it('says the figures are from before a level shift, and when nothing since is measured yet', () => {
    const scores = {
      naive: { mae: 1.64, rmse: 2, mase: 0.5, coverage80: 0.8, coverage95: 0.95, fitMs: 1 },
      seasonal_naive: { mae: 2.83, rmse: 3, mase: 0.9, coverage80: 0.8, coverage95: 0.95, fitMs: 1 },
    };
    const pct = valueFormatter('percent', 2);
    const none = makeReport({ scores, method: 'naive', levelShift: { agoMs: 7_200_000, measuredSince: false } });
    expect(summarizeAccuracy(none, pct).headline).toBe(
      'Not measured since the level shift 2h ago; before it: typical error ±1.64%; 42 % better than repeating the same time one season earlier'
    );
    const some = makeReport({ scores, method: 'naive', levelShift: { agoMs: 7_200_000, measuredSince: true } });
    expect(summarizeAccuracy(some, pct).headline).toMatch(/ \(measured mostly before the level shift 2h ago\)$/);
  });

  it('says how a forecast read from a Foresight server compared with the last value there (its one published ratio)', () => {
    const server = { scores: {}, mase: NaN, relMaeVsSeasonalNaive: NaN, relMaeVsNaive: 0.89 };
    const a = summarizeAccuracy(makeReport({ ...server, method: 'model_median' }), reqPerSec);
    expect(a.headline).toBe('11 % better than repeating the last value');
    expect(a.relMae).toBe(0.89);
    // the last value is its own baseline: no "as good as repeating the last value"
    const naive = makeReport({ ...server, method: 'naive', relMaeVsNaive: 1 });
    expect(summarizeAccuracy(naive, reqPerSec).headline).toBe('Accuracy not measured (no backtest origins)');
    // no ratio published (a series the server found constant): the server's doing, not this browser's
    const unpublished = makeReport({ ...server, method: 'naive', relMaeVsNaive: undefined, backend: 'server' });
    expect(summarizeAccuracy(unpublished, reqPerSec).headline).toBe(
      'The Foresight server published no error for this series (one it found constant, or could not backtest)'
    );
  });

  it('claims no comparison where none was made (a constant series)', () => {
    const constant = makeReport({
      scores: {},
      method: 'naive',
      relMaeVsSeasonalNaive: NaN,
      mase: NaN,
      coverage80: NaN,
      coverage95: NaN,
      origins: 0,
    });
    expect(summarizeAccuracy(constant, reqPerSec).headline).toBe('Accuracy not measured (no backtest origins)');
    // The engine marks a constant series: the headline says why there is nothing to measure.
    expect(summarizeAccuracy({ ...constant, constantValue: 0 }, reqPerSec).headline).toBe(
      'Constant at 0.00 req/s over the training window: the forecast is that value, with no error to measure'
    );
  });

  it('flags bands that hold far fewer values than nominal, in words', () => {
    expect(coverageFlags({ coverage80: 0.78, coverage95: 0.93, origins: 24 })).toEqual([]);
    expect(coverageFlags({ coverage80: 0.78, coverage95: 0.7, origins: 24 })).toEqual([
      'The 95 % band held only 70 % of held-out values (24 backtest origins): real values leave it more often than its name says, so plan with extra headroom.',
    ]);
    // counted on the origins the drawn band was replayed at, not on every scored one
    expect(coverageFlags({ coverage80: 0.78, coverage95: 0.7, origins: 1000, coverageOrigins: 48 })).toEqual([
      'The 95 % band held only 70 % of held-out values (48 backtest origins): real values leave it more often than its name says, so plan with extra headroom.',
    ]);
    expect(coverageFlags({ coverage80: 0.6, coverage95: 0.93, origins: NaN })).toEqual([
      'The 80 % band held only 60 % of held-out values: real values leave it more often than its name says, so plan with extra headroom.',
    ]);
  });

  it('says both bands in one sentence when both are low (one warning line, not two near-copies)', () => {
    expect(coverageFlags({ coverage80: 0.6, coverage95: 0.69, origins: 162 })).toEqual([
      'The 95 % and 80 % bands held only 69 % and 60 % of held-out values (162 backtest origins): real values leave them more often than their names say, so plan with extra headroom.',
    ]);
  });

  it('names every series with its low bands in one sentence for a panel of several', () => {
    expect(
      coverageAcrossSeries([
        { name: 'churn v1', bands: lowBands({ coverage80: 0.64, coverage95: 0.75 }) },
        { name: 'fraud v1', bands: lowBands({ coverage80: 0.8, coverage95: 0.95 }) },
        { name: 'fraud v2', bands: lowBands({ coverage80: 0.7, coverage95: 0.8 }) },
      ])
    ).toBe(
      'Bands that held fewer held-out values than their names say, so plan with extra headroom: churn v1 95 % band held 75 %, 80 % band held 64 %; fraud v2 95 % band held 80 %.'
    );
    expect(coverageAcrossSeries([{ name: 'fraud v1', bands: [] }])).toBeUndefined();
  });
});
