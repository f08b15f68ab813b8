/**
 * Prometheus's own `warnings` and `infos` beside a result (a partial answer, "metric might not be a
 * counter"), written to serve's log: each distinct text at once, then at most once an hour while it
 * keeps coming. Why rate-limited: every job's query repeats its notice at every evaluation (every
 * 5 minutes, per chunk), which would bury the log; once per process would hide one that comes back
 * after it was fixed and broken again.
 */
import type { Clock } from '../advisor/ports';

/** How often one unchanged notice is written again. */
export const NOTICE_REPEAT_MS = 3_600_000;
/** Distinct texts remembered; the oldest is forgotten beyond this (a notice naming a timestamp must not grow the map). */
const REMEMBERED = 256;

export class NoticeLog {
  private readonly lastSaid = new Map<string, number>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly clock: Clock
  ) {}

  /** `where` says which query it came from (a job name). */
  say(where: string, text: string): void {
    const key = `${where}\n${text}`;
    const now = this.clock.now();
    const last = this.lastSaid.get(key);
    if (last !== undefined && now - last < NOTICE_REPEAT_MS) {
      return;
    }
    this.lastSaid.delete(key);
    this.lastSaid.set(key, now);
    if (this.lastSaid.size > REMEMBERED) {
      this.lastSaid.delete(this.lastSaid.keys().next().value as string);
    }
    this.log(`job ${where}: warning: Prometheus: ${text}`);
  }
}
