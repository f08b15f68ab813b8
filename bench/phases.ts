/**
 * The benchmark's figures at every origin phase. The protocol puts origins every H steps
 * from the start of the test region; the same forecasts scored with the origins moved 1 … H − 1
 * steps later are as valid a sample. Why report them: a stressed series is decided by the one or two
 * origins right after its change, and which step after the change they land on depends on the phase
 * alone; and a figure chosen on, change after change, at one phase can look better there than it is.
 */
import type { PhaseScore } from '../src/engine/rolling';
import { geometricMean } from '../src/engine/metrics';
import { type Row, fmt } from './accuracy';
import { STRESS_MAX_RATIO, STRESS_MIN_COVERAGE95, type StressRow } from './stressRun';

export interface PhaseSummary {
  /** Geometric mean over series of auto's MAE ÷ seasonal naive's, each pooled over every phase. */
  pooled: number;
  /** The same geometric mean at each phase alone (the offsets every series has), lowest and highest. */
  lowest: { offset: number; value: number };
  highest: { offset: number; value: number };
  phases: number;
}

export function sharedPhases(rows: Row[]): PhaseSummary | undefined {
  const withPhases = rows.map((r) => r.methods.auto?.phases).filter((p): p is PhaseScore[] => !!p?.length);
  if (withPhases.length === 0) {
    return undefined;
  }
  const sum = (ps: PhaseScore[], key: 'auto' | 'seasonalNaive') => ps.reduce((a, p) => a + p[key] * p.origins, 0);
  const pooled = geometricMean(withPhases.map((ps) => sum(ps, 'auto') / sum(ps, 'seasonalNaive')));
  const phases = Math.min(...withPhases.map((ps) => ps.length));
  const byPhase = Array.from({ length: phases }, (_, k) => ({
    offset: k,
    value: geometricMean(withPhases.map((ps) => ps[k].auto / ps[k].seasonalNaive)),
  }));
  const sorted = [...byPhase].sort((a, b) => a.value - b.value);
  return { pooled, lowest: sorted[0], highest: sorted[sorted.length - 1], phases };
}

export interface StressPhaseSummary {
  cells: number;
  worst: number;
  over: string[];
  lowestCoverage95: number;
  under: string[];
}

/** Every (stressed series, phase): auto ÷ the better of naive and seasonal naive, and auto's coverage. */
export function stressPhases(rows: StressRow[]): StressPhaseSummary | undefined {
  const cells = rows.flatMap((r) => (r.methods.auto?.phases ?? []).map((p) => ({ name: r.series, p })));
  if (cells.length === 0) {
    return undefined;
  }
  const ratio = (p: PhaseScore) => p.auto / Math.min(p.naive, p.seasonalNaive);
  const label = (c: (typeof cells)[number], x: string) => `${c.name} +${c.p.offset} ${x}`;
  return {
    cells: cells.length,
    worst: Math.max(...cells.map((c) => ratio(c.p)).filter(Number.isFinite)),
    over: cells.filter((c) => !(ratio(c.p) <= STRESS_MAX_RATIO)).map((c) => label(c, fmt(ratio(c.p)))),
    lowestCoverage95: Math.min(...cells.map((c) => c.p.coverage95).filter(Number.isFinite)),
    under: cells.filter((c) => !(c.p.coverage95 >= STRESS_MIN_COVERAGE95)).map((c) => label(c, fmt(c.p.coverage95, 2))),
  };
}

export function phasesMarkdown(shared: PhaseSummary | undefined, stress: StressPhaseSummary | undefined): string {
  const L: string[] = ['## Every origin phase (robustness, not the issue protocol)', ''];
  L.push(
    'The same forecasts scored with every origin moved 0 … H − 1 steps later (offset 0 is the protocol above), ' +
      'so no figure depends on where a change falls between two origins (`bench/phases.ts`).',
    ''
  );
  if (shared) {
    L.push(
      `- Shared set H=12 (nyc H=48): auto geo-mean MAE ÷ seasonal naive pooled over every phase ` +
        `**${fmt(shared.pooled)}**; phase by phase (offsets 0 to ${shared.phases - 1}) from ${fmt(shared.lowest.value)} (+${shared.lowest.offset}) ` +
        `to ${fmt(shared.highest.value)} (+${shared.highest.offset}).`
    );
  }
  if (stress) {
    L.push(
      `- Stress set: auto ≤ ${STRESS_MAX_RATIO} × the better baseline in ${stress.cells - stress.over.length} of ` +
        `${stress.cells} (series, phase) cells, worst ${fmt(stress.worst)}` +
        (stress.over.length ? ` (over: ${stress.over.join(', ')})` : '') +
        `; 95 % coverage ≥ ${STRESS_MIN_COVERAGE95} in ${stress.cells - stress.under.length}, lowest ${fmt(stress.lowestCoverage95, 2)}` +
        (stress.under.length ? ` (under: ${stress.under.join(', ')})` : '') +
        '.'
    );
  }
  return L.join('\n');
}
