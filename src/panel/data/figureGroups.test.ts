import { figure, sentence } from '../../common/figures';
import { groupFigureSentences } from './figureGroups';

const lost = (a: number, b: number) =>
  sentence`The LSTM lost to the linear model on recent validation (MAE over the last day ${figure(a)} vs ${figure(b)}), so its forecast is shown.`;
const reqs = (x: number) => `${x.toFixed(2)} req/s`;

describe('one engine sentence said of several series with different figures', () => {
  it('is said once, with each series named beside its own figures in its own unit', () => {
    const groups = groupFigureSentences([
      { name: 'v1', parts: lost(0.97, 0.946), format: reqs },
      { name: 'v2', parts: lost(4.93, 4.79), format: (x) => `${x.toFixed(1)} ms` },
    ]);
    expect(groups).toEqual([
      {
        text: 'The LSTM lost to the linear model on recent validation (MAE over the last day: v1 0.97 req/s vs 0.95 req/s; v2 4.9 ms vs 4.8 ms), so its forecast is shown.',
        names: ['v1', 'v2'],
      },
    ]);
  });

  it('leaves alone a sentence said of one series, other words, and sentences without figures', () => {
    const other = sentence`The LSTM lost to the SES on recent validation (MAE over the last day ${figure(2)} vs ${figure(1)}), so its forecast is shown.`;
    expect(
      groupFigureSentences([
        { name: 'v1', parts: lost(1, 0.5), format: reqs },
        { name: 'v2', parts: other, format: reqs },
        { name: 'v3', parts: ['No figures here.'], format: reqs },
        { name: 'v4', parts: ['No figures here.'], format: reqs },
      ])
    ).toEqual([]);
  });

  it('reads parts from a data frame as untrusted: a malformed one is not grouped', () => {
    const bad = [{ figure: 'x' }] as unknown as ReturnType<typeof lost>;
    const notArray = 'text' as unknown as ReturnType<typeof lost>;
    expect(
      groupFigureSentences([
        { name: 'v1', parts: lost(1, 0.5), format: reqs },
        { name: 'v2', parts: bad, format: reqs },
        { name: 'v3', parts: notArray, format: reqs },
      ])
    ).toEqual([]);
  });

  it('names a series once however often its sentence arrives', () => {
    const groups = groupFigureSentences([
      { name: 'v1', parts: lost(1, 0.5), format: reqs },
      { name: 'v1', parts: lost(1, 0.5), format: reqs },
      { name: 'v2', parts: lost(2, 1), format: reqs },
    ]);
    expect(groups.map((g) => g.names)).toEqual([['v1', 'v2']]);
  });
});
