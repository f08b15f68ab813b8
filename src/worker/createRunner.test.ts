import { dailyWave } from '../engine/testSeries';
import { createForecastRunner, FallbackRunner, NO_WORKER_REASON } from './createRunner';
import type { WorkerLike } from './runner';

/** A worker whose script failed to load (404, CSP, syntax error): its only answer is an error event. */
function unloadableWorker(): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage() {
      setTimeout(() => w.onerror?.({ message: '', preventDefault: () => undefined } as ErrorEvent));
    },
    terminate() {},
  };
  return w;
}

describe('createForecastRunner', () => {
  it('falls back to the in-thread engine where Worker does not exist, and says why', async () => {
    expect(typeof Worker).toBe('undefined');
    const runner = await createForecastRunner({ backend: 'cpu' });
    expect(runner.mode).toBe('in-thread');
    expect(runner.fallbackReason).toBe(NO_WORKER_REASON);
    runner.dispose();
  });
});

describe('FallbackRunner', () => {
  it('runs the forecast on the main thread when the worker script fails to load, and says why', async () => {
    const runner = new FallbackRunner({ backend: 'cpu' }, unloadableWorker);
    expect(runner.mode).toBe('worker');
    const { outcome } = await runner.run({
      series: dailyWave(48 * 4, { stepMs: 1_800_000, noise: 1, seed: 1 }),
      stepMs: 1_800_000,
      horizon: 4,
      method: 'naive',
    });
    expect(outcome.forecast.mean).toHaveLength(4);
    expect(outcome.forecast.mean.every(Number.isFinite)).toBe(true);
    expect(runner.mode).toBe('in-thread');
    expect(runner.fallbackReason).toMatch(/The forecast worker could not start/);
    expect(runner.fallbackReason).not.toMatch(/LSTM units/);
    runner.dispose();
  });

  it('falls back when the worker cannot even be constructed', async () => {
    const runner = new FallbackRunner({}, () => {
      throw new Error('blocked by CSP');
    });
    const { outcome } = await runner.run({
      series: dailyWave(48 * 4, { stepMs: 1_800_000, noise: 1, seed: 2 }),
      stepMs: 1_800_000,
      horizon: 2,
      method: 'seasonal_naive',
    });
    expect(outcome.report.method).toBe('seasonal_naive');
    expect(runner.fallbackReason).toMatch(/could not start \(blocked by CSP\)/);
  });
});
