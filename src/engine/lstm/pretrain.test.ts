/** @jest-environment node */
import { initEngineNode } from '../node';
import { tf } from '../tf';
import { pretrainBase } from './pretrain';
import { syntheticCorpus } from './pretrainSynthetic';
import type { LstmArtifacts } from './persist';

const tiny = { epochs: 1, samplesPerEpoch: 128, units: 4 };

function weightBytes(a: unknown): Uint8Array {
  const data = (a as LstmArtifacts).weightData;
  return new Uint8Array(tf.io.CompositeArrayBuffer.join(data ?? new ArrayBuffer(0)));
}

describe('pretraining the base model', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
  });

  it('gives identical weights for the same seed and corpus, different ones for another seed', async () => {
    const corpus = syntheticCorpus(2, 3, 11);
    const a = await pretrainBase(corpus, { ...tiny, seed: 5 });
    const b = await pretrainBase(corpus, { ...tiny, seed: 5 });
    const c = await pretrainBase(corpus, { ...tiny, seed: 6 });
    expect(weightBytes(a.model.artifacts).length).toBeGreaterThan(0);
    expect(Buffer.from(weightBytes(a.model.artifacts)).equals(Buffer.from(weightBytes(b.model.artifacts)))).toBe(true);
    expect(Buffer.from(weightBytes(a.model.artifacts)).equals(Buffer.from(weightBytes(c.model.artifacts)))).toBe(false);
  }, 120_000);

  it('lists its corpus in the metadata and skips a series too short for a day plus the window', async () => {
    const corpus = syntheticCorpus(2, 3, 11);
    const short = { name: 'short', times: corpus[0].times.slice(0, 100), values: corpus[0].values.slice(0, 100) };
    const before = tf.memory().numTensors;
    const { meta, skipped } = await pretrainBase([...corpus, short], {
      ...tiny,
      seed: 1,
      holdOutTestRegion: () => false,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(meta.base.corpus.map((c) => c.series)).toEqual(['synthetic_00', 'synthetic_01']);
    expect(meta.base.corpus[0]).toEqual({ series: 'synthetic_00', points: 864, stepSeconds: 300, trainedPoints: 864 });
    expect(skipped).toEqual([expect.stringContaining('short (100 points')]);
  }, 120_000);

  it('holds out the backtest test region of real series', async () => {
    const corpus = syntheticCorpus(1, 3, 11);
    const { meta } = await pretrainBase(corpus, { ...tiny, seed: 1 });
    // 864 points: the last min(20 %, 7 days) = 172 points are not trained on.
    expect(meta.base.corpus[0].trainedPoints).toBe(864 - 172);
  }, 120_000);
});
