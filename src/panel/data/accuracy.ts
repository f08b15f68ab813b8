/**
 * The accuracy headline a user understands ("typical error ±0.12 req/s; 21 % better than repeating
 * the last value") and the plain-words flags for intervals that cover far less than they claim.
 * Headline and model card read the same numbers from here, so they can never disagree.
 */
import type { BaseMethod, ModelReport } from '../../contract/types';
import { belowFloor } from '../../common/coverageFloor';
import { formatDuration, type ValueFormatter } from './format';

/** The baseline the percentage is measured against, in words. */
const BASELINE_WORDS: Partial<Record<BaseMethod, string>> = {
  naive: 'repeating the last value',
  seasonal_naive: 'repeating the same time one season earlier',
};

export interface AccuracySummary {
  /** One sentence: typical error in the metric's unit and how it compares with the baseline. */
  headline: string;
  /** Mean absolute error of the chosen method on held-out origins (metric unit). */
  mae?: number;
  baseline?: BaseMethod;
  /** Baseline in words ("repeating the last value"). */
  baselineWords?: string;
  /** MAE of the chosen method ÷ MAE of the baseline, on the same origins (from the same scores). */
  relMae?: number;
  /** Sentences for bands that cover far less than nominal. */
  flags: string[];
}

function finite(n: number | undefined): n is number {
  return n != null && Number.isFinite(n);
}

/**
 * Picks the baseline: the last value (the one to beat at short horizons), else seasonal naive.
 * Falls back to the report's ratios (relMaeVsNaive, then relMaeVsSeasonalNaive) only when the
 * per-method scores are missing (a forecast read back from a Foresight server).
 */
function compare(report: ModelReport): Pick<AccuracySummary, 'baseline' | 'relMae' | 'mae'> {
  const mae = report.scores[report.method]?.mae;
  for (const baseline of ['naive', 'seasonal_naive'] as const) {
    const base = report.scores[baseline]?.mae;
    if (baseline !== report.method && finite(mae) && finite(base) && base > 0) {
      return { baseline, relMae: mae / base, mae };
    }
  }
  if (report.method !== 'naive' && finite(report.relMaeVsNaive)) {
    return { baseline: 'naive', relMae: report.relMaeVsNaive, mae: finite(mae) ? mae : undefined };
  }
  if (report.method !== 'seasonal_naive' && finite(report.relMaeVsSeasonalNaive)) {
    return { baseline: 'seasonal_naive', relMae: report.relMaeVsSeasonalNaive, mae: finite(mae) ? mae : undefined };
  }
  return { mae: finite(mae) ? mae : undefined };
}

/** "21 % better than …", "8 % worse than …", "as good as …" (rounded to whole percent). */
export function relativeWords(relMae: number, baselineWords: string): string {
  const pct = Math.round(Math.abs(1 - relMae) * 100);
  if (pct === 0) {
    return `as good as ${baselineWords}`;
  }
  return `${pct} % ${relMae < 1 ? 'better' : 'worse'} than ${baselineWords}`;
}

/** A band that held far fewer held-out values than its name promises. */
export interface LowBand {
  nominal: 95 | 80;
  coverage: number;
}

/** The bands under their floor (`COVERAGE_FLOOR`), the 95 % band first. */
export function lowBands(report: Pick<ModelReport, 'coverage80' | 'coverage95'>): LowBand[] {
  const bands: LowBand[] = [
    { nominal: 95, coverage: report.coverage95 },
    { nominal: 80, coverage: report.coverage80 },
  ];
  return bands.filter((b) => belowFloor(b.nominal, b.coverage));
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

/**
 * At most one sentence for one series' low bands. Both bands low is one sentence ("The 95 % and
 * 80 % bands held only 69 % and 60 % …"), not two near-copies stacked in the warning line, where
 * every line pushes the chart down.
 */
export function coverageFlags(
  report: Pick<ModelReport, 'coverage80' | 'coverage95' | 'origins' | 'coverageOrigins'>
): string[] {
  const low = lowBands(report);
  if (low.length === 0) {
    return [];
  }
  const one = low.length === 1;
  const names = low.map((b) => `${b.nominal} %`).join(' and ');
  const held = low.map((b) => percent(b.coverage)).join(' and ');
  // the origins the coverage was counted on (the drawn band replayed at up to 48), not all scored
  const counted = report.coverageOrigins ?? report.origins;
  const origins = finite(counted) ? ` (${counted} backtest origins)` : '';
  return [
    `The ${names} band${one ? '' : 's'} held only ${held} of held-out values${origins}: ` +
      `real values leave ${one ? 'it' : 'them'} more often than ${one ? 'its name says' : 'their names say'}, ` +
      'so plan with extra headroom.',
  ];
}

/**
 * One sentence for the low bands of several series (a query by model and version), each named with
 * its figures, instead of a line per series whose figures differ only a little.
 */
export function coverageAcrossSeries(entries: Array<{ name: string; bands: LowBand[] }>): string | undefined {
  const low = entries.filter((e) => e.bands.length > 0);
  if (low.length === 0) {
    return undefined;
  }
  const each = low.map(
    (e) => `${e.name} ${e.bands.map((b) => `${b.nominal} % band held ${percent(b.coverage)}`).join(', ')}`
  );
  return `Bands that held fewer held-out values than their names say, so plan with extra headroom: ${each.join('; ')}.`;
}

export function summarizeAccuracy(report: ModelReport, format: ValueFormatter): AccuracySummary {
  const { baseline, relMae, mae } = compare(report);
  const baselineWords = baseline ? BASELINE_WORDS[baseline] : undefined;
  const parts: string[] = [];
  if (finite(mae)) {
    parts.push(`typical error ±${format(mae)}`);
  }
  if (finite(relMae) && baselineWords) {
    parts.push(relativeWords(relMae, baselineWords));
  } else if (report.method === 'naive' && Object.keys(report.scores).length > 1) {
    parts.push('this is the last value repeated (no model beat it)');
  }
  const measured = parts.join('; ');
  // A constant series has no error to measure: "not measured (no backtest origins)" read as a fault.
  const headline =
    report.constantValue !== undefined
      ? `Constant at ${format(report.constantValue)} over the training window: the forecast is that value, with no error to measure`
      : !measured && report.backend === 'server' && report.relMaeVsNaive === undefined
        ? // read back from `serve`, which backtests itself: "no backtest origins" blamed this browser
          'The Foresight server published no error for this series (one it found constant, or could not backtest)'
        : withLevelShift(measured, report.levelShift);
  return {
    headline,
    mae,
    baseline,
    baselineWords,
    relMae,
    flags: coverageFlags(report),
  };
}

/**
 * The headline's figures come from the whole validation region; after a level shift they describe
 * the old level, so the headline says so (and that nothing since is measured yet, when that is so).
 */
function withLevelShift(measured: string, shift: ModelReport['levelShift']): string {
  const capital = (s: string) => s.replace(/^./, (c) => c.toUpperCase());
  if (!measured) {
    return 'Accuracy not measured (no backtest origins)';
  }
  if (!shift) {
    return capital(measured);
  }
  const ago = formatDuration(shift.agoMs);
  return shift.measuredSince
    ? `${capital(measured)} (measured mostly before the level shift ${ago} ago)`
    : `Not measured since the level shift ${ago} ago; before it: ${measured}`;
}
