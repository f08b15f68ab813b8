import { reasonAlreadyGiven } from './reasons';

describe('reasonAlreadyGiven', () => {
  const reason = 'the base model forecasts at most 24 steps, not 36 — shorten the horizon';
  it('finds the statement of a reason inside another sentence, whatever advice follows it', () => {
    expect(
      reasonAlreadyGiven(reason, [
        undefined,
        'The LSTM was trained from scratch (the base model forecasts at most 24 steps, not 36).',
      ])
    ).toBe(true);
    expect(reasonAlreadyGiven(reason, ['Data is stale.'])).toBe(false);
  });
  it('never matches a short statement by chance', () => {
    expect(reasonAlreadyGiven('too short — widen it', ['The series is too short.'])).toBe(false);
  });
});
