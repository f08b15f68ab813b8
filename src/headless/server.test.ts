/**
 * @jest-environment node
 */
import type { JobState } from './evaluateJob';
import { health } from './server';

function state(last: number | undefined, lastError: number | undefined): JobState {
  return {
    job: { name: 'j', intervalMs: 60_000 },
    evaluations: 2,
    failures: 1,
    last: last === undefined ? undefined : { atMs: last },
    lastError: lastError === undefined ? undefined : { reason: 'unreachable', message: 'down', atMs: lastError },
  } as unknown as JobState;
}

describe('health', () => {
  it('reports the last error only while the job has not succeeded since', () => {
    expect(health([state(1_000, 500)], 2_000).jobs[0]).toEqual({
      job: 'j',
      ok: true,
      ageSeconds: 1,
      lastError: undefined,
    });
    expect(health([state(500, 1_000)], 2_000).jobs[0].lastError).toBe('down');
    expect(health([state(undefined, 1_000)], 2_000)).toEqual({
      ok: false,
      jobs: [{ job: 'j', ok: false, ageSeconds: undefined, lastError: 'down' }],
    });
  });
});
