/**
 * Runs cancelled while they still waited for Prometheus, per slot. A dashboard's auto-refresh
 * cancels the run under way; when Prometheus answers more slowly than the refresh interval, every
 * run is cancelled before its data arrives, and the panel kept an old forecast under nothing but a
 * progress line (measured: 20–40 s answers on a 1-minute refresh, no panel updated in 3 minutes).
 * From the second such run in a row, the next fetch's progress says so, and what to change.
 */
import { formatDuration } from '../common/duration';

/** One cancelled run can be an edit or a range change; two in a row are a pattern. */
const SAID_FROM = 2;

export class UnansweredRuns {
  private readonly bySlot = new Map<string, { count: number; sinceMs: number }>();

  /** A run of `slot` that started at `startedMs` was cancelled before Prometheus answered it. */
  cancelled(slot: string, startedMs: number): void {
    const last = this.bySlot.get(slot);
    this.bySlot.set(slot, { count: (last?.count ?? 0) + 1, sinceMs: last?.sinceMs ?? startedMs });
  }

  /** A run of `slot` got its answer. */
  answered(slot: string): void {
    this.bySlot.delete(slot);
  }

  /** What the slot's next fetch says about the runs before it, if they went unanswered. */
  note(slot: string, nowMs: number): string | undefined {
    const last = this.bySlot.get(slot);
    if (!last || last.count < SAID_FROM) {
      return undefined;
    }
    return (
      `the last ${last.count} refreshes were cancelled by the next one before Prometheus answered ` +
      `(no new forecast for ${formatDuration(Math.max(0, nowMs - last.sinceMs))}): it answers more slowly than ` +
      'the refresh interval, so choose a longer interval or a shorter training window'
    );
  }
}
