import { createForecastRunner, NO_WORKER_REASON } from './createRunner';

describe('createForecastRunner', () => {
  it('falls back to the in-thread engine where Worker does not exist, and says why', async () => {
    expect(typeof Worker).toBe('undefined');
    const runner = await createForecastRunner({ backend: 'cpu' });
    expect(runner.mode).toBe('in-thread');
    expect(runner.fallbackReason).toBe(NO_WORKER_REASON);
    runner.dispose();
  });
});
