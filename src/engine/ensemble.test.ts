/** @jest-environment node */
import {
  ensembleModel,
  isEnsemble,
  isEnsembleMember,
  isModelMedianMember,
  medianForecasts,
  modelMedianMembers,
} from './ensemble';
import { forecastSeries } from './forecast';
import type { FittedModel } from './model';
import type { BaseMethod } from './api';
import { FIVE_MIN, dailyWave } from './testSeries';

const row = (...xs: number[]) => Float64Array.from(xs);

describe('the ensemble candidates (medians of the methods, and of the models)', () => {
  it('takes the median per origin and step, ignoring members with no finite forecast there', () => {
    const out = medianForecasts([
      [row(1, 10), row(5, 5)],
      [row(2, 30), row(6, NaN)],
      [row(100, 20), row(7, 9)],
    ]);
    expect(Array.from(out[0])).toEqual([2, 20]);
    // second origin, step 2: only 5 and 9 are finite → their mean
    expect(Array.from(out[1])).toEqual([6, 7]);
    expect(Array.from(medianForecasts([[row(NaN)], [row(NaN)], [row(NaN)]])[0])).toEqual([NaN]);
  });

  it('leaves out the smoothed level, the seasonal mean and the linear model: the baselines anchor it', () => {
    expect(isEnsembleMember('ses')).toBe(false);
    expect(isEnsembleMember('seasonal_mean')).toBe(false);
    expect(isEnsembleMember('linear')).toBe(false);
    expect(isEnsembleMember('ensemble')).toBe(false);
    for (const m of ['naive', 'seasonal_naive', 'mstl', 'lstm', 'lstm_base'] as const) {
      expect(isEnsembleMember(m)).toBe(true);
    }
  });

  it('has a second median, of the models only: the baselines and the medians are not members', () => {
    for (const m of ['naive', 'seasonal_naive', 'ensemble', 'model_median'] as const) {
      expect(isModelMedianMember(m)).toBe(false);
    }
    expect(isEnsembleMember('model_median')).toBe(false);
    for (const m of ['ses', 'seasonal_mean', 'mstl', 'linear', 'lstm', 'lstm_base'] as const) {
      expect(isModelMedianMember(m)).toBe(true);
      expect(isEnsemble(m)).toBe(false);
    }
    expect(isEnsemble('ensemble') && isEnsemble('model_median')).toBe(true);
  });

  it('gives the base model a vote among the models only where the LSTM fine-tuned from it did not run', () => {
    const ran = (...ms: BaseMethod[]) => ms.map((method) => ({ method }));
    const names = (xs: Array<{ method: BaseMethod }>) => xs.map((x) => x.method);
    expect(
      names(modelMedianMembers(ran('naive', 'ses', 'seasonal_mean', 'mstl', 'linear', 'lstm', 'lstm_base')))
    ).toEqual(['ses', 'seasonal_mean', 'mstl', 'linear', 'lstm']);
    // a quick request trains nothing: the base model is the network's only vote
    expect(names(modelMedianMembers(ran('naive', 'seasonal_naive', 'ses', 'seasonal_mean', 'lstm_base')))).toEqual([
      'ses',
      'seasonal_mean',
      'lstm_base',
    ]);
  });

  it('one wild member cannot drag it: the median stays between the sane ones', () => {
    const [r] = medianForecasts([[row(10)], [row(12)], [row(1e9)]]);
    expect(r[0]).toBe(12);
  });

  it('forecasts from its members and owns nothing of theirs', async () => {
    let disposed = 0;
    const member = (k: number): FittedModel => ({
      method: 'naive',
      fitMs: 1,
      predict: async (_v, origins, h) => origins.map((o) => Float64Array.from({ length: h }, () => o * k)),
      dispose: () => {
        disposed++;
      },
    });
    const m = ensembleModel([member(1), member(2), member(3)]);
    expect(m.method).toBe('ensemble');
    expect(ensembleModel([member(1)], 'model_median').method).toBe('model_median');
    const [p] = await m.predict(new Float64Array(10), [4], 2);
    expect(Array.from(p)).toEqual([8, 8]);
    m.dispose();
    expect(disposed).toBe(0);
  });

  it('is a candidate of auto only: scored, and never added to an explicitly requested method', async () => {
    const s = dailyWave(288 * 4, { noise: 3, seed: 5 });
    const auto = await forecastSeries({
      series: s,
      stepMs: FIVE_MIN,
      horizon: 12,
      method: 'auto',
      lstm: { units: 4, epochs: 2, samplesPerEpoch: 256 },
    });
    expect(auto.report.scores.ensemble?.mae).toBeGreaterThan(0);
    // members here: SES, the seasonal mean and the LSTM
    expect(auto.report.scores.model_median?.mae).toBeGreaterThan(0);
    if (auto.report.method === 'ensemble') {
      // the LSTM's own forecast is replaced, and the warning line says by what
      expect(auto.report.warning).toMatch(/^The median of the methods \(the LSTM among them\) beat the LSTM alone/);
    }
    if (auto.report.method === 'model_median') {
      expect(auto.report.warning).toMatch(
        /^The median of the models without the baselines \(the LSTM among them\) beat the LSTM alone/
      );
    }
    const naive = await forecastSeries({ series: s, stepMs: FIVE_MIN, horizon: 12, method: 'naive' });
    expect(naive.report.scores.ensemble).toBeUndefined();
    expect(naive.report.scores.model_median).toBeUndefined();
  }, 60_000);
});
