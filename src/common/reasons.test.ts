import { reasonAlreadyGiven, skippedSentence } from './reasons';

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

describe('skippedSentence', () => {
  it('names the method once, as a sentence', () => {
    expect(skippedSentence('lstm', 'this window gives 461 points, it needs 535')).toBe(
      'LSTM skipped: this window gives 461 points, it needs 535.'
    );
    // already named by the producer, or by the engine in front of its reason
    expect(skippedSentence('lstm', 'LSTM skipped: too short — widen the window to 3d.')).toBe(
      'LSTM skipped: too short — widen the window to 3d.'
    );
    expect(skippedSentence('lstm', 'LSTM cannot run here: no backend')).toBe('LSTM cannot run here: no backend.');
    expect(skippedSentence('naive', 'naive needs 2 points')).toBe('naive needs 2 points.');
  });

  it('keeps a method id it does not know, from another producer', () => {
    expect(skippedSentence('prophet', 'not installed')).toBe('prophet skipped: not installed.');
  });
});
