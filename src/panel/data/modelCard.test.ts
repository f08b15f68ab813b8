import type { ForesightRunInfo } from '../../contract/frames';
import { makeReport } from '../testing/fixtures';
import { buildModelCard } from './modelCard';

const run = (model: ForesightRunInfo['model']): ForesightRunInfo => ({
  compute: 'worker',
  backend: 'wasm',
  model,
  modelTrainedAtMs: makeReport().trainedAtMs - 3_600_000,
  fetchMs: 120,
  trainMs: 557,
  trainingPoints: 864,
  chunks: 1,
});

const labels = (model: ForesightRunInfo['model']) =>
  buildModelCard(makeReport(), undefined, run(model), { timeZone: 'utc' })!.items.map((i) => i.label);

describe('model card labels', () => {
  it("labels a reused model's window, time and duration as this run's, not as its training", () => {
    expect(labels('trained')).toEqual(expect.arrayContaining(['Trained on', 'Trained at', 'Training time']));
    for (const model of ['cache', 'loaded', 'base'] as const) {
      const l = labels(model);
      expect(l).toEqual(expect.arrayContaining(['Data', 'Run at', 'Run time']));
      expect(l).not.toContain('Trained at');
    }
  });
});

describe('model card coverage', () => {
  it('gives the number of origins its coverage was replayed on, the figure the warning line quotes', () => {
    const card = (report: ReturnType<typeof makeReport>) =>
      buildModelCard(report, undefined, run('trained'), { timeZone: 'utc' })!.items.find(
        (i) => i.label === 'Coverage 80 / 95'
      )?.value;
    expect(card(makeReport({ coverage80: 0.64, coverage95: 0.96, coverageOrigins: 26 }))).toBe(
      '64 % / 96 % (26 origins)'
    );
    expect(card(makeReport({ coverage80: 0.64, coverage95: 0.96 }))).toBe('64 % / 96 %');
  });
});

describe('model card of a forecast read from a Foresight server', () => {
  // As serverForecast.ts reports it: no run in this browser, no training window, no backtest size.
  const server = makeReport({
    backend: 'server',
    scores: {},
    mase: Number.NaN,
    origins: Number.NaN,
    trainedFromMs: Number.NaN,
    trainMs: 0,
    relMaeVsNaive: 0.57,
  });

  it('says where and when it was made instead of a training that did not happen here', () => {
    const card = buildModelCard(server, undefined, undefined, { timeZone: 'utc' })!;
    const byLabel = Object.fromEntries(card.items.map((i) => [i.label, i.value]));
    expect(byLabel.Model).toBe('on the Foresight server; nothing trained in this browser');
    expect(byLabel['Evaluated at']).toBe('2026-11-21 00:01');
    for (const gone of ['Trained on', 'Trained at', 'Training time', 'MASE', 'Backtest origins']) {
      expect(byLabel).not.toHaveProperty(gone);
    }
    expect(byLabel['MAE vs repeating the last value']).toBe('0.57×');
  });
});
