import { FAILURE_REMINDER_MS, FailureLog } from './failureLog';

const T0 = Date.UTC(2026, 0, 1);
const DOWN =
  'Prometheus is unreachable: connect ECONNREFUSED 127.0.0.1:9090. Check that it is running and that the URL is right.';

function setup(): { log: FailureLog; lines: string[]; tick(ms?: number): void } {
  let now = T0;
  const lines: string[] = [];
  const log = new FailureLog((line) => lines.push(line), { now: () => now });
  return { log, lines, tick: (ms = 60_000) => (now += ms) };
}

describe("serve's log of failed evaluations", () => {
  it('says an outage once with its error, then its recovery with the count of failed ticks', () => {
    const { log, lines, tick } = setup();
    for (let i = 0; i < 5; i++) {
      log.failed('demo', 'unreachable', DOWN, '; still serving the result from 2025-12-31T23:59:00.000Z');
      tick();
    }
    expect(lines).toEqual([
      `job demo: evaluation failed (unreachable): ${DOWN}; still serving the result from 2025-12-31T23:59:00.000Z`,
    ]);
    log.succeeded('demo');
    expect(lines[1]).toBe(
      'job demo: Prometheus reachable again after 5 failed ticks (failing since 2026-01-01T00:00:00.000Z)'
    );
    // a success that ends no outage says nothing
    log.succeeded('demo');
    expect(lines).toHaveLength(2);
  });

  it('reminds hourly while the same error lasts, with how many ticks failed and how many were not logged', () => {
    const { log, lines, tick } = setup();
    log.failed('demo', 'unreachable', DOWN, '');
    for (let i = 0; i < 60; i++) {
      tick();
      log.failed('demo', 'unreachable', DOWN, '');
    }
    expect(FAILURE_REMINDER_MS).toBe(3_600_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `job demo: still failing (unreachable), 61 failed ticks since 2026-01-01T00:00:00.000Z (60 not logged): ${DOWN}`
    );
  });

  it('says a different error at once, keeps counting the outage, and keeps jobs apart', () => {
    const { log, lines, tick } = setup();
    log.failed('a', 'unreachable', DOWN, '');
    log.failed('b', 'unreachable', DOWN, '');
    tick();
    log.failed('a', 'timeout', 'Prometheus timed out after 30 s.', '');
    tick();
    // only the figures changed: the same error
    log.failed('a', 'timeout', 'Prometheus timed out after 31 s.', '');
    log.succeeded('a');
    expect(lines).toEqual([
      `job a: evaluation failed (unreachable): ${DOWN}`,
      `job b: evaluation failed (unreachable): ${DOWN}`,
      'job a: evaluation failed (timeout): Prometheus timed out after 30 s.',
      'job a: Prometheus answering in time again after 3 failed ticks (failing since 2026-01-01T00:00:00.000Z)',
    ]);
  });

  it('says a recovery from any other error in words of its own, in the singular for one tick', () => {
    const { log, lines } = setup();
    log.failed('demo', 'engine', 'no series could be forecast', '');
    log.succeeded('demo');
    expect(lines[1]).toBe('job demo: evaluating again after 1 failed tick (failing since 2026-01-01T00:00:00.000Z)');
  });
});
