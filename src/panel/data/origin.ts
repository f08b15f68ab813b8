/**
 * Where "now" and the forecast origin go on the chart, and the staleness sentence. The only panel
 * module that applies the shared staleness rule (src/advisor/staleness.ts), so the panel, CLI and
 * headless runner call data "stale" on the same grounds.
 */
import { assessStaleness, howLongAgo } from '../../contract/staleness';
import type { ForecastSeries } from '../../contract/types';

export interface OriginMark {
  timeMs: number;
  /** "last sample 52m ago" */
  label: string;
  stale: boolean;
}

export interface TimeMarks {
  /** Wall clock of the answer, where the "now" line goes. */
  clockMs: number;
  /** One per distinct forecast origin (last sample). */
  origins: OriginMark[];
}

type Timed = Pick<ForecastSeries, 'lastSampleMs' | 'clockMs' | 'stepMs' | 'stale' | 'horizonEndMs'> &
  Partial<Pick<ForecastSeries, 'times' | 'actual'>>;

/** Samples newer than the forecast's origin are drawn (a re-plan on a kept forecast). */
function hasNewerSamples(s: Timed, originMs: number): boolean {
  return Boolean(s.times?.some((t, i) => t > originMs && s.actual?.[i] != null));
}

/**
 * "now" is the data source's clock (the latest when several series answered), else the render time:
 * never the last sample, which can be an hour old when scraping stopped.
 */
export function timeMarks(series: Timed[], renderNowMs: number): TimeMarks {
  const clocks = series.map((s) => s.clockMs).filter((t): t is number => t != null && Number.isFinite(t));
  const clockMs = clocks.length ? Math.max(...clocks) : renderNowMs;
  const seen = new Map<number, OriginMark>();
  for (const s of series) {
    if (s.lastSampleMs == null || seen.has(s.lastSampleMs)) {
      continue;
    }
    const assessed = assessStaleness(s.lastSampleMs, s.clockMs ?? clockMs, s.stepMs ?? 0);
    const stale = Boolean(s.stale) || assessed.stale;
    seen.set(s.lastSampleMs, {
      timeMs: s.lastSampleMs,
      // With newer samples drawn the origin is not the last sample: it is where the forecast starts.
      // Not when stale: what follows the last sample there is Prometheus repeating it for its
      // lookback (5 minutes), and the warning line speaks of "the last sample".
      label:
        hasNewerSamples(s, s.lastSampleMs) && !stale ? `forecast origin ${howLongAgo(assessed.ageMs)}` : assessed.label,
      stale,
    });
  }
  return { clockMs, origins: Array.from(seen.values()).sort((a, b) => a.timeMs - b.timeMs) };
}

/**
 * The visible sentence for a stale series, or nothing. The data source decides (`stale` in the
 * frame); the sentence is the shared rule's, measured against the answer's clock.
 */
export function staleWarning(s: Timed, renderNowMs: number): string | undefined {
  if (!s.stale || s.lastSampleMs == null) {
    return undefined;
  }
  const clock = s.clockMs ?? s.lastSampleMs + s.stale.ageMs;
  const assessed = assessStaleness(
    s.lastSampleMs,
    Number.isFinite(clock) ? clock : renderNowMs,
    s.stepMs ?? 0,
    s.horizonEndMs
  );
  return (
    assessed.warning ??
    assessStaleness(s.lastSampleMs, s.lastSampleMs + s.stale.ageMs, s.stale.thresholdMs / 3, s.horizonEndMs).warning
  );
}
