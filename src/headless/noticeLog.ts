/**
 * Warnings written to serve's log: each distinct one at once, then at most once an hour while it
 * keeps coming. Two kinds: Prometheus's own `warnings` and `infos` beside a result (a partial
 * answer, "metric might not be a counter"), distinct by text; and the forecast's own notes per
 * series ("The LSTM lost to the SES on recent validation (MAE … 37.79 vs 37.16) …", "Data is stale: the last
 * sample is 1h 6m old"), distinct by text with the figures left out (`withoutFigures`), because
 * their figures change at every evaluation while what they say does not.
 *
 * Why rate-limited: every job repeats its notes at every evaluation. The playground's two jobs,
 * evaluated every minute, logged 5 such lines a minute (7,200 a day) beside the one line per
 * evaluation that says it ran; once per process would hide one that comes back after it was fixed
 * and broken again.
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

  /**
   * `where` says which job it came from; `same` is what makes two notices the same one (by default
   * the text itself).
   */
  say(where: string, text: string, same = text): void {
    const key = `${where}\n${same}`;
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
    this.log(`job ${where}: warning: ${text}`);
  }
}

/**
 * The text with every number (1h 6m, 37.16, 3.2e-9, 2026-12-05) as `#`: a note's gist. Series
 * labels (`{model_version="v1"}`) are kept as they are: they say which series a note is about, and
 * two series' notes are two notes.
 */
export function withoutFigures(text: string): string {
  return text.replace(/(\{[^}]*\})|\d+(?:[.,]\d+)*(?:e[-+]?\d+)?/gi, (match, labels?: string) => labels ?? '#');
}
