import { prepareSeries } from '../engine/prepare';
import { planChunks } from '../io/prometheus/chunks';
import { matrixToSeries } from '../io/prometheus/httpClient';
import { fetchTrainingWindow } from './fetchWindow';
import type { RangeRequest, RangeSource } from './ports';
import { engineSeries } from './seriesRuns';

const STEP = 60_000;
const NAN_SENTENCE = /^\d+ samples? missing, NaN, infinite or stale: treated as gaps\.$/;

/** Prometheus answering each chunk from the HTTP client's reader; "NaN", "+Inf" and "-Inf" at the given minutes. */
function source(bad: Map<number, string>): RangeSource {
  return {
    name: 'prom',
    async queryRange(request: RangeRequest) {
      const values: Array<[number, string]> = [];
      for (let t = request.fromMs; t <= request.toMs; t += request.stepMs) {
        values.push([t / 1000, bad.get(t / STEP) ?? String(10 + ((t / STEP) % 7))]);
      }
      return matrixToSeries([{ metric: { job: 'api' }, values }]);
    },
  };
}

describe('fetchTrainingWindow', () => {
  // 300 points in chunks of 100: the bad samples lie in the first, second and last chunk.
  const plan = planChunks({ endMs: 300 * STEP, windowMs: 300 * STEP, stepMs: STEP, maxPointsPerChunk: 100 });
  const query = { refId: 'A', expr: 'x' };

  it("keeps each chunk's NaN and ±Inf samples through the merge, so the engine's warning line says all of them", async () => {
    const bad = new Map([
      [50, 'NaN'],
      [150, '+Inf'],
      [250, '-Inf'],
    ]);
    const window = await fetchTrainingWindow(source(bad), plan, query);
    expect(window.chunks).toBe(3);
    const [series] = window.series;
    expect(series.nonFiniteTimes).toEqual([50 * STEP, 150 * STEP, 250 * STEP]);
    // Three single-step gaps in 300 points would pass as routine nulls; as NaN and ±Inf they are said.
    expect(prepareSeries(engineSeries(series), STEP).warnings).toEqual([
      '3 samples missing, NaN, infinite or stale: treated as gaps.',
    ]);
  });

  it('says nothing of the kind for a series without them', async () => {
    const [series] = (await fetchTrainingWindow(source(new Map()), plan, query)).series;
    expect(series).not.toHaveProperty('nonFiniteTimes');
    expect(prepareSeries(engineSeries(series), STEP).warnings.filter((w) => NAN_SENTENCE.test(w))).toEqual([]);
  });
});
