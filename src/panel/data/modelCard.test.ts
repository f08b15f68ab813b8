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
