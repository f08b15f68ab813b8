/** Human words for a span of time, e.g. "2d 4h" or "35m", for error messages. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) {
    return '0s';
  }
  if (ms < 1000) {
    return `${Math.round(ms)}ms`;
  }
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts: string[] = [];
  if (d) {
    parts.push(`${d}d`);
  }
  if (h) {
    parts.push(`${h}h`);
  }
  if (m) {
    parts.push(`${m}m`);
  }
  if (sec && !d) {
    parts.push(`${sec}s`);
  }
  return parts.slice(0, 2).join(' ') || '0s';
}

/** Durations people type in an editor, in ms, ascending. */
const FRIENDLY_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map(
  (s) => s * 1000
);
const DAY_MS = 86_400_000;

/** The smallest friendly duration ≥ ms ("widen the training window to 2d or more"). */
export function roundUpDuration(ms: number): number {
  for (const f of FRIENDLY_MS) {
    if (f >= ms) {
      return f;
    }
  }
  return Math.ceil(ms / DAY_MS) * DAY_MS;
}

/** The largest friendly duration ≤ ms ("a training window of 12h or less"); 0 when ms < 1 s. */
export function roundDownDuration(ms: number): number {
  if (ms >= DAY_MS) {
    return Math.floor(ms / DAY_MS) * DAY_MS;
  }
  let best = 0;
  for (const f of FRIENDLY_MS) {
    if (f <= ms) {
      best = f;
    }
  }
  return best;
}
