/** @jest-environment node */
import type { ForecastRequest } from '../api';
import { forecastSeries } from '../forecast';
import { initEngineNode } from '../node';
import { tf } from '../tf';
import { dailyWave } from '../testSeries';

const HALF_HOUR = 1_800_000;
const series = dailyWave(48 * 9, { stepMs: HALF_HOUR, noise: 4, seed: 5 });
// 4 batches an epoch × 6 epochs: with the old 4 s cap, a machine at 0.5 s per batch stopped early.
const small = { units: 4, window: 8, epochs: 6, samplesPerEpoch: 512, batchSize: 128, patience: 6 };
const request = (lstm: ForecastRequest['lstm'] = small): ForecastRequest => ({
  series,
  stepMs: HALF_HOUR,
  horizon: 4,
  method: 'lstm',
  lstm,
});

/** A clock that moves `msPerRead` every time anyone reads it: a very slow, very loaded machine. */
function slowClock(msPerRead: number): jest.SpyInstance {
  let t = 0;
  return jest.spyOn(performance, 'now').mockImplementation(() => (t += msPerRead));
}

describe('LSTM training is deterministic: epochs end it, the clock does not', () => {
  beforeAll(async () => {
    await initEngineNode({ mstl: false });
  });
  afterEach(() => jest.restoreAllMocks());

  it('same data and seed give the same forecast, on a normal and on a slow machine', async () => {
    const a = await forecastSeries(request());
    const b = await forecastSeries(request());
    expect(b.forecast.mean).toEqual(a.forecast.mean);
    expect(b.forecast.upper95).toEqual(a.forecast.upper95);

    const clock = slowClock(500);
    const slow = await forecastSeries(request());
    const reads = clock.mock.calls.length;
    clock.mockRestore();
    // the slow machine "took" well over the old 4 s cap, and still trained the same epochs
    expect(reads * 500).toBeGreaterThan(4000);
    expect(slow.forecast.mean).toEqual(a.forecast.mean);
    expect(slow.report.notes?.join(' ')).not.toMatch(/safety limit/);
    expect(slow.report.warning ?? '').not.toMatch(/safety limit/);
  }, 60_000);

  it('when the safety limit does fire, the report says so in the visible warning', async () => {
    const before = tf.memory().numTensors;
    const out = await forecastSeries(request({ ...small, maxTrainMs: 1 }));
    const said =
      /LSTM training stopped by the 1 ms safety limit after \d+ of 6 epochs, so results may differ between runs/;
    expect(out.report.notes?.join(' ')).toMatch(said);
    expect(out.report.warning).toMatch(said);
    expect(tf.memory().numTensors).toBe(before);
  });
});
