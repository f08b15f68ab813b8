/** Runs the stress set (`stress.ts`) through the backtest and writes its table and target checks. */
import type { BaseMethod } from '../src/engine/api';
import { backtestSeries } from '../src/engine/backtest';
import { REPORTED, type Row, fmt } from './accuracy';
import { type StressCase, type StressKind } from './stress';

export type StressRow = Row & { base: string; kind: StressKind };

export const STRESS_HORIZON = 12;
/** The issue's targets for every stressed series. */
export const STRESS_MAX_RATIO = 1.1;
export const STRESS_MIN_COVERAGE95 = 0.85;

export async function runStress(cases: StressCase[], log: (s: string) => void): Promise<StressRow[]> {
  const rows: StressRow[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    try {
      const r = await backtestSeries({
        name: c.name,
        series: c.series,
        horizon: STRESS_HORIZON,
        method: 'all',
        phases: true,
      });
      const row: StressRow = { ...r, seconds: (performance.now() - t0) / 1000, base: c.base, kind: c.kind };
      rows.push(row);
      log(
        `stress ${c.name}: ` +
          REPORTED.map((k) => `${k} ${fmt(r.methods[k]?.mase)}`).join(', ') +
          ` (auto ${fmt(autoRatio(row))} × best baseline, cov95 ${fmt(r.methods.auto?.coverage95, 2)}) ${row.seconds.toFixed(1)} s`
      );
    } catch (e) {
      log(`stress ${c.name}: FAILED ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return rows;
}

/** auto's MAE over the better of naive and seasonal naive (NaN when either is missing). */
export function autoRatio(r: Row): number {
  const base = Math.min(r.methods.naive?.mae ?? Infinity, r.methods.seasonal_naive?.mae ?? Infinity);
  const a = r.methods.auto?.mae;
  return a !== undefined && Number.isFinite(base) && base > 0 ? a / base : NaN;
}

export interface StressTarget {
  name: string;
  value: string;
  met: boolean;
}

export function stressTargets(rows: StressRow[], expected: number): StressTarget[] {
  const over = rows.filter((r) => !(autoRatio(r) <= STRESS_MAX_RATIO));
  const under = rows.filter((r) => !((r.methods.auto?.coverage95 ?? NaN) >= STRESS_MIN_COVERAGE95));
  const missing = expected - rows.length;
  const ratios = rows.map(autoRatio).filter((x) => Number.isFinite(x));
  const covs = rows.map((r) => r.methods.auto?.coverage95 ?? NaN).filter((x) => Number.isFinite(x));
  return [
    {
      name: `Stress set: every stressed series auto ≤ ${STRESS_MAX_RATIO} × the better of naive / seasonal naive (MAE)`,
      value:
        `worst ${fmt(Math.max(...ratios))}; ${over.length} of ${rows.length} over` +
        (over.length ? `: ${over.map((r) => `${r.series} ${fmt(autoRatio(r))}`).join(', ')}` : '') +
        (missing > 0 ? `; ${missing} failed to run` : ''),
      met: over.length === 0 && missing <= 0,
    },
    {
      name: `Stress set: every stressed series auto 95 % coverage ≥ ${STRESS_MIN_COVERAGE95}`,
      value:
        `lowest ${fmt(Math.min(...covs), 2)}; ${under.length} of ${rows.length} under` +
        (under.length ? `: ${under.map((r) => `${r.series} ${fmt(r.methods.auto?.coverage95, 2)}`).join(', ')}` : ''),
      met: under.length === 0 && missing <= 0,
    },
  ];
}

export function stressMarkdown(rows: StressRow[], kinds: StressKind[], bases: string[]): string {
  const L: string[] = [];
  L.push(`## Stress set (H = ${STRESS_HORIZON})`, '');
  L.push(
    `Base series: ${bases.join(', ')}; transforms: ${kinds.join(', ')} — applied from a quarter of the way into the ` +
      'backtest test region, never to the history the methods are fitted and validated on (`bench/stress.ts`). ' +
      'Each cell: MASE / 95 % coverage. "auto ÷ best baseline" = auto MAE over the better of naive and seasonal naive.',
    ''
  );
  L.push(
    `| series | transform | ${REPORTED.join(' | ')} | auto ÷ best baseline | auto choices (switches) |`,
    `|---|---|${REPORTED.map(() => '---').join('|')}|---|---|`
  );
  for (const r of rows) {
    const cells = REPORTED.map((k) => {
      const m = r.methods[k as BaseMethod | 'auto'];
      return m ? `${fmt(m.mase)} / ${fmt(m.coverage95, 2)}` : '—';
    });
    const a = r.methods.auto;
    const choices = a?.choices
      ? Object.entries(a.choices)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')
      : (a?.chosen ?? '—');
    const ratio = autoRatio(r);
    L.push(
      `| ${r.base} | ${r.kind} | ${cells.join(' | ')} | ${ratio <= STRESS_MAX_RATIO ? fmt(ratio) : `**${fmt(ratio)}**`} | ${choices} (${a?.switches ?? 0}) |`
    );
  }
  return L.join('\n');
}
