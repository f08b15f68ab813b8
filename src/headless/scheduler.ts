/**
 * One timer per job, on a fixed grid: the k-th tick of a job is due at `start + k × interval` (no
 * jitter, no drift from run times). A tick that finds the job's previous run still going is skipped
 * and counted, never queued: queued runs would pile up behind a slow Prometheus and then stampede it.
 * Ticks missed while a run overran are skipped too (the next one is the next grid point ahead).
 * Timers and clock are injected, so tests drive time by hand.
 */
import type { Clock } from '../advisor/ports';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ScheduledJob {
  name: string;
  intervalMs: number;
  run(signal: AbortSignal): Promise<unknown>;
}

interface Slot {
  job: ScheduledJob;
  startMs: number;
  timer?: unknown;
  running?: Promise<void>;
  ticks: number;
  skipped: number;
}

export class Scheduler {
  private readonly slots: Slot[];
  private stopped = false;
  private readonly controller = new AbortController();

  constructor(
    jobs: readonly ScheduledJob[],
    private readonly clock: Clock,
    private readonly onSkip: (name: string) => void = () => undefined,
    private readonly timers: Timers = REAL_TIMERS
  ) {
    this.slots = jobs.map((job) => ({ job, startMs: 0, ticks: 0, skipped: 0 }));
  }

  /** Runs every job now, then on its grid. */
  start(): void {
    const now = this.clock.now();
    for (const slot of this.slots) {
      slot.startMs = now;
      this.tick(slot);
    }
  }

  private tick(slot: Slot): void {
    if (this.stopped) {
      return;
    }
    slot.ticks += 1;
    if (slot.running) {
      slot.skipped += 1;
      this.onSkip(slot.job.name);
    } else {
      slot.running = slot.job
        .run(this.controller.signal)
        .then(
          () => undefined,
          () => undefined
        )
        .finally(() => {
          slot.running = undefined;
        });
    }
    this.arm(slot);
  }

  private arm(slot: Slot): void {
    const { intervalMs } = slot.job;
    const elapsed = this.clock.now() - slot.startMs;
    const nextAt = slot.startMs + (Math.floor(elapsed / intervalMs) + 1) * intervalMs;
    slot.timer = this.timers.setTimeout(() => this.tick(slot), Math.max(0, nextAt - this.clock.now()));
  }

  /** Ticks so far and skipped ticks, per job. */
  stats(): Record<string, { ticks: number; skipped: number; running: boolean }> {
    return Object.fromEntries(
      this.slots.map((s) => [s.job.name, { ticks: s.ticks, skipped: s.skipped, running: s.running !== undefined }])
    );
  }

  /**
   * Stops the timers and waits for running evaluations; after `graceMs` they are asked to abort
   * (and are waited for again, since an aborted run still ends).
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const slot of this.slots) {
      if (slot.timer !== undefined) {
        this.timers.clearTimeout(slot.timer);
        slot.timer = undefined;
      }
    }
    const running = this.slots.flatMap((s) => (s.running ? [s.running] : []));
    let grace: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      grace = setTimeout(() => resolve('expired'), graceMs);
    });
    const outcome = await Promise.race([Promise.all(running).then(() => 'done' as const), expired]);
    clearTimeout(grace);
    if (outcome === 'expired') {
      this.controller.abort();
      await Promise.all(running);
    }
  }
}
