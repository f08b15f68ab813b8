/**
 * Is the data fresh enough to act on? The forecast starts at the last sample (its origin), but the
 * user lives at the wall clock: when the last sample is old, a plan dated from it would put scale
 * actions in the past. One rule for every front door (panel, CLI, headless runner):
 * stale when the last sample is older than max(3 steps, 10 minutes).
 */
import { formatDuration } from '../common/duration';

export const STALE_MIN_MS = 10 * 60_000;
export const STALE_STEPS = 3;

export interface Staleness {
  /** Epoch ms of the last sample: the forecast origin. */
  lastSampleMs: number;
  /** Wall clock the data was judged against. */
  nowMs: number;
  /** How old the last sample is (0 when it is in the future). */
  ageMs: number;
  /** Age above which the data counts as stale. */
  thresholdMs: number;
  stale: boolean;
  /** "last sample 52m ago", for the origin label. */
  label: string;
  /** The visible warning when stale, saying what it means for the plan. */
  warning?: string;
}

/** An age as the origin labels say it: "just now" under a second, else "52m ago". */
export function howLongAgo(ageMs: number): string {
  return ageMs < 1000 ? 'just now' : `${formatDuration(ageMs)} ago`;
}

export function staleThresholdMs(stepMs: number): number {
  return Math.max(STALE_STEPS * stepMs, STALE_MIN_MS);
}

/**
 * `horizonEndMs`: the forecast's last step, where the caller knows it; a forecast that ends before
 * now shows nothing ahead of now, which the warning then says (it read as a forecast missing).
 */
export function assessStaleness(lastSampleMs: number, nowMs: number, stepMs: number, horizonEndMs?: number): Staleness {
  const ageMs = Math.max(0, nowMs - lastSampleMs);
  const thresholdMs = staleThresholdMs(stepMs);
  const stale = ageMs > thresholdMs;
  const label = `last sample ${howLongAgo(ageMs)}`;
  const endsBeforeNow =
    stale && horizonEndMs !== undefined && horizonEndMs < nowMs
      ? ` It ends ${formatDuration(nowMs - horizonEndMs)} before now, so nothing is forecast from now on; a horizon longer than ${formatDuration(horizonEndMs - lastSampleMs)} reaches past now.`
      : '';
  return {
    lastSampleMs,
    nowMs,
    ageMs,
    thresholdMs,
    stale,
    label,
    warning: stale
      ? `Data is stale: the last sample is ${formatDuration(ageMs)} old (more than ${formatDuration(thresholdMs)}). ` +
        `The forecast starts at that sample; no scale actions are given until fresh data arrives.${endsBeforeNow}`
      : undefined,
  };
}
