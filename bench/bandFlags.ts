/**
 * How often the warning line's "the 95 % band held only …" is right. For every (series, horizon,
 * method) of the accuracy run: the coverage the product reports at the first test origin (its
 * validation figure, `BacktestResult.validationCoverage`) is flagged when under the panel's floor
 * (`COVERAGE_FLOOR`: 95 % band < 0.85 or 80 % band < 0.65); the flag is right when the band's
 * coverage over the test region after it is under the same floor. Why measured: a flag that is
 * usually wrong teaches users to ignore the line, or to over-provision on its advice.
 */
import { COVERAGE_FLOOR, belowFloor } from '../src/common/coverageFloor';
import type { Row } from './accuracy';

export interface BandFlags {
  /** (series, horizon, method) cells with both figures. */
  cells: number;
  flagged: number;
  /** Cells whose band fell under the floor on the test region. */
  low: number;
  /** Flagged and low. */
  right: number;
  /** The flagged cells, "series H method validation → test". */
  flaggedCells: string[];
}

const under = (c80: number, c95: number) => belowFloor(95, c95) || belowFloor(80, c80);

export function bandFlags(rows: Row[]): BandFlags {
  const out: BandFlags = { cells: 0, flagged: 0, low: 0, right: 0, flaggedCells: [] };
  for (const r of rows) {
    for (const [method, v] of Object.entries(r.validationCoverage ?? {})) {
      const t = r.methods[method as keyof Row['methods']];
      if (!v || !t || ![v.coverage80, v.coverage95, t.coverage80, t.coverage95].every(Number.isFinite)) {
        continue;
      }
      out.cells++;
      const flagged = under(v.coverage80, v.coverage95);
      const low = under(t.coverage80, t.coverage95);
      out.flagged += flagged ? 1 : 0;
      out.low += low ? 1 : 0;
      out.right += flagged && low ? 1 : 0;
      if (flagged) {
        const pair = (a: number, b: number) => `${a.toFixed(2)} / ${b.toFixed(2)}`;
        out.flaggedCells.push(
          `${r.series} H=${r.horizon} ${method} ${pair(v.coverage80, v.coverage95)} → ${pair(t.coverage80, t.coverage95)}`
        );
      }
    }
  }
  return out;
}

export function bandFlagsMarkdown(f: BandFlags): string {
  return [
    '### Band flags (is "the band held only …" right?)',
    '',
    `Every (series, horizon, method) of the shared set: the coverage the product reports at the first test origin (the drawn band replayed over validation) against the same band's coverage over the test region; a flag is a 95 % band under ${COVERAGE_FLOOR.band95} or an 80 % band under ${COVERAGE_FLOOR.band80}.`,
    '',
    `- ${f.cells} cells; flagged ${f.flagged}, of which right ${f.right}; under the floor on the test region ${f.low}.`,
    ...(f.flaggedCells.length ? [`- flagged (80 % / 95 %, validation → test): ${f.flaggedCells.join('; ')}.`] : []),
  ].join('\n');
}
