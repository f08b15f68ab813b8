import { figure, formatSentence, hasFigures, joinSentences, plainText, sentence } from './figures';

describe('sentences with figures', () => {
  const lost = sentence`The LSTM lost (MAE ${'over the last day'} ${figure(0.021357)} vs ${figure(0.02017)}), so SES is shown.`;

  it('keeps the text around the figures and the figures as numbers', () => {
    expect(lost).toEqual([
      'The LSTM lost (MAE over the last day ',
      { figure: 0.021357 },
      ' vs ',
      { figure: 0.02017 },
      '), so SES is shown.',
    ]);
    expect(hasFigures(lost)).toBe(true);
    expect(hasFigures(sentence`No figures here.`)).toBe(false);
  });

  it('prints plainly with four significant digits: what the CLI, serve and Grafana notices show', () => {
    expect(plainText(lost)).toBe('The LSTM lost (MAE over the last day 0.02136 vs 0.02017), so SES is shown.');
    expect(plainText(joinSentences([sentence`Level shift.`, lost]))).toBe(`Level shift. ${plainText(lost)}`);
  });

  it('formats each figure with the unit formatter it is given', () => {
    const ms = (x: number) => `${(x * 1000).toFixed(1)} ms`;
    expect(formatSentence(lost, ms)).toBe('The LSTM lost (MAE over the last day 21.4 ms vs 20.2 ms), so SES is shown.');
  });

  it('reads a sentence from a frame as untrusted: anything malformed gives undefined, never a throw', () => {
    const f = (x: number) => String(x);
    for (const bad of [
      undefined,
      null,
      'text',
      42,
      [],
      [{ figure: 'x' }],
      [{ figure: NaN }],
      ['a', null],
      [{}],
      new Array(65).fill('a'),
    ]) {
      expect(formatSentence(bad, f)).toBeUndefined();
    }
    expect(formatSentence(['a ', { figure: 2 }], f)).toBe('a 2');
  });
});
