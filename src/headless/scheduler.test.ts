/**
 * @jest-environment node
 */
import { Scheduler, type Timers } from './scheduler';

/** Hand-driven time: timers fire when `advance` passes their due time, in order. */
class FakeTime implements Timers {
  nowMs = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  now = () => this.nowMs;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.nowMs + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  pending(): number {
    return this.timers.length;
  }
  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    for (;;) {
      // Let finished runs settle first, as real time would between two timers.
      await new Promise((resolve) => setImmediate(resolve));
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) {
        break;
      }
      this.timers.shift();
      this.nowMs = next.at;
      next.fn();
    }
    this.nowMs = end;
  }
}

describe('Scheduler', () => {
  it('runs each job at start and then on a fixed grid', async () => {
    const time = new FakeTime();
    const runs: Array<[string, number]> = [];
    const s = new Scheduler(
      [
        { name: 'a', intervalMs: 60_000, run: async () => runs.push(['a', time.nowMs]) },
        { name: 'b', intervalMs: 45_000, run: async () => runs.push(['b', time.nowMs]) },
      ],
      time,
      undefined,
      time
    );
    s.start();
    await time.advance(180_000);
    expect(runs.filter(([n]) => n === 'a').map(([, t]) => t)).toEqual([0, 60_000, 120_000, 180_000]);
    expect(runs.filter(([n]) => n === 'b').map(([, t]) => t)).toEqual([0, 45_000, 90_000, 135_000, 180_000]);
    await s.stop();
    expect(time.pending()).toBe(0);
  });

  it('skips (and counts) a tick while the previous run is still going, never overlapping', async () => {
    const time = new FakeTime();
    let finish: () => void = () => undefined;
    let active = 0;
    let maxActive = 0;
    const skipped: string[] = [];
    const s = new Scheduler(
      [
        {
          name: 'slow',
          intervalMs: 10_000,
          run: () => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            return new Promise<void>((resolve) => {
              finish = () => {
                active -= 1;
                resolve();
              };
            });
          },
        },
      ],
      time,
      (name) => skipped.push(name),
      time
    );
    s.start();
    await time.advance(25_000); // ticks at 10 s and 20 s find the first run still going
    expect(skipped).toEqual(['slow', 'slow']);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    await time.advance(5_000); // the 30 s tick runs again
    expect(s.stats().slow).toEqual({ ticks: 4, skipped: 2, running: true });
    expect(maxActive).toBe(1);
    finish();
    await s.stop();
  });

  it('stop waits for a running evaluation, then aborts it after the grace period', async () => {
    const time = new FakeTime();
    let aborted = false;
    const s = new Scheduler(
      [
        {
          name: 'stuck',
          intervalMs: 1000,
          run: (signal) =>
            new Promise<void>((resolve) =>
              signal.addEventListener('abort', () => {
                aborted = true;
                resolve();
              })
            ),
        },
      ],
      time,
      undefined,
      time
    );
    s.start();
    await s.stop(20);
    expect(aborted).toBe(true);
    expect(time.pending()).toBe(0);
  });
});
