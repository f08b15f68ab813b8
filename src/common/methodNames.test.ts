import { METHOD_NAMES, methodName, methodNameInSentence } from './methodNames';

describe('method names', () => {
  it('has one display name per engine method', () => {
    expect(METHOD_NAMES).toEqual({
      naive: 'Last value (naive)',
      seasonal_naive: 'Seasonal naive',
      ses: 'Smoothed level (SES or moving median)',
      seasonal_mean: 'Seasonal mean (up to 7 days)',
      mstl: 'MSTL + ETS',
      linear: 'Linear model (recent steps and yesterday)',
      lstm: 'LSTM',
      lstm_base: 'LSTM base model (zero-shot)',
      ensemble: 'Median of the methods (ensemble)',
      model_median: 'Median of the models (ensemble without baselines)',
    });
    expect(methodName('mstl')).toBe('MSTL + ETS');
  });
  it('keeps unknown ids and "auto" as they are', () => {
    expect(methodName('auto')).toBe('auto');
    expect(methodName('toString')).toBe('toString');
  });
  it('lower-cases words but not acronyms inside a sentence', () => {
    expect(methodNameInSentence('seasonal_naive')).toBe('seasonal naive');
    expect(methodNameInSentence('naive')).toBe('last value (naive)');
    expect(methodNameInSentence('lstm')).toBe('LSTM');
    expect(methodNameInSentence('mstl')).toBe('MSTL + ETS');
  });
});
