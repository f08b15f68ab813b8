/** @jest-environment node */
import type { PhaseScore } from '../src/engine/rolling';
import type { Row } from './accuracy';
import { phasesMarkdown, sharedPhases, stressPhases } from './phases';
import type { StressRow } from './stressRun';

const phase = (offset: number, auto: number, naive: number, seasonalNaive: number, coverage95 = 0.95): PhaseScore => ({
  offset,
  origins: 10,
  auto,
  naive,
  seasonalNaive,
  coverage95,
});

const row = (series: string, phases: PhaseScore[]) =>
  ({ series, methods: { auto: { phases } } }) as unknown as Row & StressRow;

describe('every origin phase', () => {
  it('pools each series over its phases and reports the best and worst phase', () => {
    const rows = [
      row('a', [phase(0, 1, 2, 2), phase(1, 3, 2, 2)]), // pooled 4 / 4 = 1; phases 0.5 and 1.5
      row('b', [phase(0, 1, 4, 4), phase(1, 1, 4, 4)]), // pooled 0.25
    ];
    const s = sharedPhases(rows)!;
    expect(s.pooled).toBeCloseTo(0.5, 10); // geometric mean of 1 and 0.25
    expect(s.lowest.offset).toBe(0);
    expect(s.lowest.value).toBeCloseTo(Math.sqrt(0.5 * 0.25), 10);
    expect(s.highest.offset).toBe(1);
    expect(s.highest.value).toBeCloseTo(Math.sqrt(1.5 * 0.25), 10);
    expect(s.phases).toBe(2);
  });

  it('counts every stressed (series, phase) cell against the better baseline and the coverage bound', () => {
    const rows = [row('x to_zero', [phase(0, 1, 1, 2), phase(1, 1.2, 1, 2, 0.8)])];
    const s = stressPhases(rows)!;
    expect(s.cells).toBe(2);
    expect(s.worst).toBeCloseTo(1.2, 10);
    expect(s.over).toEqual(['x to_zero +1 1.20']);
    expect(s.under).toEqual(['x to_zero +1 0.80']);
    expect(phasesMarkdown(undefined, s)).toContain('1 of 2 (series, phase) cells');
  });

  it('says nothing when no row was scored at every phase', () => {
    expect(sharedPhases([row('a', [])])).toBeUndefined();
    expect(stressPhases([])).toBeUndefined();
  });
});
