/**
 * Below these, a band is flagged in the warning line: it held far fewer held-out values than its
 * name promises. Shared by the panel (`panel/data/accuracy.ts`) and the benchmark, which measures
 * how often such a flag was right (`bench/bandFlags.ts`).
 */
export const COVERAGE_FLOOR = { band80: 0.65, band95: 0.85 } as const;

/** Is a band of this nominal level under its floor? The one rule the panel flags by and the benchmark counts. */
export function belowFloor(nominal: 80 | 95, coverage: number): boolean {
  return Number.isFinite(coverage) && coverage < (nominal === 95 ? COVERAGE_FLOOR.band95 : COVERAGE_FLOOR.band80);
}
