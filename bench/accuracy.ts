import type { BaseMethod } from '../src/engine/api';
import { type BacktestResult, backtestSeries } from '../src/engine/backtest';
import { AUTO_CANDIDATES } from '../src/engine/forecast';
import { geometricMean } from '../src/engine/metrics';
import { medianSpacing } from '../src/engine/prepare';
import { readCsvSeries } from '../src/io/csv';
import { horizonsFor } from './horizons';

export type Row = BacktestResult & { seconds: number };

/** `lstm` is fine-tuned from the shipped base, `lstm_base` is the base zero-shot and `ensemble` the median of the others (auto's candidate): the product's methods (see run.ts). */
export const REPORTED: Array<BaseMethod | 'auto'> = [
  ...AUTO_CANDIDATES,
  'lstm_base',
  'ensemble',
  'model_median',
  'auto',
];

export async function runAccuracy(files: string[], log: (s: string) => void, onlyH?: number[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const file of files) {
    const series = readCsvSeries(file);
    const step = medianSpacing([...series.times].sort((a, b) => a - b)) / 1000;
    for (const H of horizonsFor(step)) {
      if (onlyH && !onlyH.includes(H) && !(step >= 1800 && onlyH.includes(12))) {
        continue;
      }
      const t0 = performance.now();
      try {
        const r = await backtestSeries({ name: series.name, series, horizon: H, method: 'all', phases: true });
        const row = { ...r, seconds: (performance.now() - t0) / 1000 };
        rows.push(row);
        const m = r.methods;
        log(
          `${series.name} H=${H}: ` +
            REPORTED.map((k) => `${k} ${fmt(m[k]?.mase)}`).join(', ') +
            ` (auto chose ${m.auto?.chosen}) ${row.seconds.toFixed(1)} s`
        );
      } catch (e) {
        log(`${series.name} H=${H}: FAILED ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  return rows;
}

/** Which horizon group a row belongs to: "short" (H=3 / nyc H=2) or "long" (H=12 / nyc H=48). */
export function group(r: Row): 'short' | 'long' {
  return r.horizon === 3 || r.horizon === 2 ? 'short' : 'long';
}

export interface Summary {
  group: 'short' | 'long';
  series: number;
  /** Geometric mean over series of MAE / seasonal naive's MAE on the same origins. */
  relMae: Partial<Record<BaseMethod | 'auto', number>>;
  /** Arithmetic mean MASE. */
  meanMase: Partial<Record<BaseMethod | 'auto', number>>;
  coverage80: Partial<Record<BaseMethod | 'auto', number>>;
  coverage95: Partial<Record<BaseMethod | 'auto', number>>;
  /** Series where auto is more than 5 % worse than the better of naive and seasonal naive. */
  autoWorseThanBaseline: string[];
  autoChoices: Record<string, number>;
}

export function summarise(rows: Row[], g: 'short' | 'long'): Summary {
  const rs = rows.filter((r) => group(r) === g);
  const relMae: Summary['relMae'] = {};
  const meanMase: Summary['meanMase'] = {};
  const coverage80: Summary['coverage80'] = {};
  const coverage95: Summary['coverage95'] = {};
  for (const k of REPORTED) {
    const rel: number[] = [];
    const mases: number[] = [];
    const c80: number[] = [];
    const c95: number[] = [];
    for (const r of rs) {
      const m = r.methods[k];
      const sn = r.methods.seasonal_naive;
      if (m && sn && sn.mae > 0) {
        rel.push(m.mae / sn.mae);
      }
      if (m) {
        mases.push(m.mase);
        c80.push(m.coverage80);
        c95.push(m.coverage95);
      }
    }
    relMae[k] = geometricMean(rel);
    meanMase[k] = mean(mases);
    coverage80[k] = mean(c80);
    coverage95[k] = mean(c95);
  }
  const autoWorseThanBaseline: string[] = [];
  const autoChoices: Record<string, number> = {};
  for (const r of rs) {
    const a = r.methods.auto;
    if (!a) {
      continue;
    }
    autoChoices[a.chosen] = (autoChoices[a.chosen] ?? 0) + 1;
    const base = Math.min(r.methods.naive?.mae ?? Infinity, r.methods.seasonal_naive?.mae ?? Infinity);
    if (a.mae > 1.05 * base) {
      autoWorseThanBaseline.push(
        `${r.series} (auto ${a.chosen} MAE ${fmt(a.mae)} vs baseline ${fmt(base)}, +${fmt((a.mae / base - 1) * 100)} %)`
      );
    }
  }
  return { group: g, series: rs.length, relMae, meanMase, coverage80, coverage95, autoWorseThanBaseline, autoChoices };
}

function mean(xs: number[]): number {
  const f = xs.filter((x) => Number.isFinite(x));
  return f.length ? f.reduce((a, b) => a + b, 0) / f.length : NaN;
}

export function fmt(x: number | undefined, digits = 3): string {
  return x === undefined || !Number.isFinite(x) ? '—' : x.toPrecision(digits);
}
