export const DAY_MS = 86_400_000;

/** Steps in one day at this step, or 0 when a day is not at least two steps (no daily season). */
export function dailySeasonSteps(stepMs: number): number {
  const s = Math.round(DAY_MS / stepMs);
  return s >= 2 ? s : 0;
}

/**
 * The seasonal-naive lag: one week where at least three weeks of history exist (weekday effects,
 * e.g. nyc_taxi), else one day; 0 when the step is too coarse for a daily season.
 */
export function seasonalNaiveLag(stepMs: number, historyPoints: number): number {
  const day = dailySeasonSteps(stepMs);
  if (day === 0) {
    return 0;
  }
  return historyPoints >= 21 * day ? 7 * day : day;
}
