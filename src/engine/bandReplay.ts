/**
 * How often the band the product draws held the truth, replayed over the validation region: at
 * up to `REPLAYED_ORIGINS` validation origins, spread evenly over the region from the first with
 * `minResiduals` + H validation origins before it to the last, the band is calibrated exactly as
 * at the forecast origin (`recentCalibration`: the latest errors, normalised by the local scale,
 * the wider of two) from the errors known then, and counted on that origin's own targets. It is
 * what `report.coverage80/95` shows, so the card's figure and the warning line's "the 95 % band
 * held only …" are about the band on the chart.
 *
 * Why not the cross-fitted figure it replaced where validation is long enough (one band from all
 * raw errors of one half of the validation origins, counted on the other half): that is a
 * different band. Where the swings of a series change within the validation region (a daily
 * traffic curve, a CPU that got busier) a raw band from the calm half misses in the busy half,
 * while the drawn band, scaled by the swings at its origin, does not. Measured 2026-12-05 by
 * replaying the bench's dumped forecasts (every candidate on the 13 shared, 25 nab-extra and 20
 * held-out NAB series, H = 12 and H = 3: 1,132 cells; a flag is a 95 % band under 0.85 or an 80 %
 * band under 0.65, right when the drawn band's coverage on the test region after it is under the
 * same floor; 10 were): the cross-fitted figure flagged 125 cells, 1 rightly; this replay (the
 * cross-fitted figure where validation is too short) flags 21, 2 rightly (1 on the shared set).
 * Its distance from the test region's coverage: 95 % band 0.034 → 0.025 on average, 80 % band
 * 0.052 → 0.059 (48 origins are a smaller sample than half the region; replaying every origin
 * flagged 16, 3 rightly, but costs a second per method). The wrong flags left are validation
 * regions holding an anomaly the test region does not repeat (NAB's artificial daily series),
 * where the band really did miss then.
 */
import type { MethodScore } from './api';
import { type ErrorTable, type RecentOptions, recentCalibration } from './recent';

/** At most this many origins are replayed: each is a calibration (about 0.4 ms at a 1-hour horizon). */
export const REPLAYED_ORIGINS = 48;

export interface ReplayedCoverage {
  coverage80: number;
  coverage95: number;
  /** Validation origins whose band was replayed and counted. */
  origins: number;
}

/**
 * The drawn band's coverage over the validation origins of `table` (ascending), counting only
 * targets before `fitEnd`. A target is inside the band when its absolute error is within the
 * band's half-width (the band clipped at 0 for a never-negative history holds the same targets,
 * which are never negative either). Undefined when fewer than `minResiduals` targets could be
 * counted (a short validation region, or a quick request's 48 spaced origins): a coverage from a
 * handful of targets would raise the warning line's flag on noise.
 */
export function replayedCoverage(
  table: ErrorTable,
  horizon: number,
  fitEnd: number,
  recent: RecentOptions,
  since?: number
): ReplayedCoverage | undefined {
  const from = recent.minResiduals + horizon;
  let cells = 0;
  let in80 = 0;
  let in95 = 0;
  let origins = 0;
  // Every replayed origin is a calibration (a sort of a day of errors per step), hence the cap:
  // at most REPLAYED_ORIGINS, evenly spread over the region, the latest always among them.
  const last = table.origins.length - 1;
  const stride = Math.max(1, Math.ceil((last - from + 1) / REPLAYED_ORIGINS));
  for (let i = last; i >= from && origins < REPLAYED_ORIGINS; i -= stride) {
    const o = table.origins[i];
    const cal = recentCalibration(table, o, horizon, recent, since);
    origins++;
    for (let h = 0; h < horizon && o + h < fitEnd; h++) {
      const e = table.errors[i][h];
      if (Number.isFinite(e)) {
        cells++;
        in80 += e <= cal.q80[h] ? 1 : 0;
        in95 += e <= cal.q95[h] ? 1 : 0;
      }
    }
  }
  return cells < recent.minResiduals ? undefined : { coverage80: in80 / cells, coverage95: in95 / cells, origins };
}

/**
 * The coverage a report shows for a candidate: the drawn band's, replayed, with the origins it was
 * counted on, where validation is long enough; else its cross-fitted validation figure.
 */
export function reportedCoverage(
  c: { table: ErrorTable; val: Pick<MethodScore, 'coverage80' | 'coverage95'> },
  horizon: number,
  fitEnd: number,
  recent: RecentOptions,
  since?: number
): Pick<MethodScore, 'coverage80' | 'coverage95'> & { origins?: number } {
  const drawn = replayedCoverage(c.table, horizon, fitEnd, recent, since);
  return drawn ?? { coverage80: c.val.coverage80, coverage95: c.val.coverage95 };
}
