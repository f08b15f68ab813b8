/**
 * A job's failed evaluations in serve's log: the first of a run of failures with its error, then
 * silence while the same error repeats (a reminder with the count at most hourly), a new error at
 * once, and one line when the job recovers, with how many ticks failed. Why: an unreachable
 * Prometheus failed every job at every tick, and a job evaluated every minute wrote the same line
 * 1,440 times a day, burying the one that said when it started and leaving none that said it ended.
 * The metrics (`foresight_evaluation_errors_total`) and `/api/v1/results` still count every failure.
 */
import type { Clock } from '../advisor/ports';
import type { ForesightErrorKind } from '../advisor/errors';
import { NOTICE_REPEAT_MS, withoutFigures } from './noticeLog';
import { plural } from '../common/plural';

/**
 * How often an unchanged failure is said again. By time, not by a count of ticks: jobs tick from
 * every few seconds to every few hours, so "every 10th" would be minutes for one and days for
 * another; an hour, as for the notices (`noticeLog.ts`), means the last hour of log always shows a
 * job that is still failing.
 */
export const FAILURE_REMINDER_MS = NOTICE_REPEAT_MS;

interface Streak {
  /** Failed ticks in a row, whatever their errors. */
  ticks: number;
  sinceMs: number;
  kind: ForesightErrorKind;
  /** What makes two failures the same one: the kind and the message with its figures left out. */
  same: string;
  /** Ticks since the current error was last written. */
  unsaid: number;
  lastSaidMs: number;
}

export class FailureLog {
  private readonly streaks = new Map<string, Streak>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly clock: Clock
  ) {}

  /** A failed evaluation of `job`; `kept` says which earlier result is still served ("" for none). */
  failed(job: string, kind: ForesightErrorKind, message: string, kept: string): void {
    const now = this.clock.now();
    const same = `${kind}\n${withoutFigures(message)}`;
    const streak = this.streaks.get(job);
    if (streak && streak.same === same) {
      streak.ticks += 1;
      streak.unsaid += 1;
      if (now - streak.lastSaidMs < FAILURE_REMINDER_MS) {
        return;
      }
      this.log(
        `job ${job}: still failing (${kind}), ${streak.ticks} failed ticks since ${iso(streak.sinceMs)} ` +
          `(${streak.unsaid} not logged): ${message}${kept}`
      );
      streak.unsaid = 0;
      streak.lastSaidMs = now;
      return;
    }
    // a first failure, or another error than the one said: news either way
    this.streaks.set(job, {
      ticks: (streak?.ticks ?? 0) + 1,
      sinceMs: streak?.sinceMs ?? now,
      kind,
      same,
      unsaid: 0,
      lastSaidMs: now,
    });
    this.log(`job ${job}: evaluation failed (${kind}): ${message}${kept}`);
  }

  /** A successful evaluation of `job`: says that it recovered, when it had been failing. */
  succeeded(job: string): void {
    const streak = this.streaks.get(job);
    if (!streak) {
      return;
    }
    this.streaks.delete(job);
    const ticks = plural(streak.ticks, 'failed tick');
    this.log(`job ${job}: ${recovered(streak.kind)} after ${ticks} (failing since ${iso(streak.sinceMs)})`);
  }
}

/** What came back, in the words of what had failed. */
function recovered(kind: ForesightErrorKind): string {
  switch (kind) {
    case 'unreachable':
      return 'Prometheus reachable again';
    case 'timeout':
      return 'Prometheus answering in time again';
    default:
      return 'evaluating again';
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
