/** The browser benchmark's results: their shape, the target check and the Markdown write-up. */
import type { BenchSeries } from './series';
import type { VisitResult } from './visit';

export const TARGET_MS = 3000;
export const TARGET_TEXT = `a query of 100 series from the real Prometheus shows its first forecasts ≤ ${TARGET_MS / 1000} s after the data arrives`;

export type VisitId = 'naive' | 'autoFirst' | 'autoReload';

export interface Ratios {
  first?: number;
  all?: number;
  done?: number;
}

export interface BrowserBenchResults {
  generatedAt: string;
  seconds: number;
  chromium: string;
  node: string;
  cpus: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  distDir: string;
  hostBundle: { cached: boolean; buildMs: number };
  prometheus: {
    selector: string;
    series: number;
    samplesPerSeries: { min: number; max: number };
    stepSeconds: number;
    historyDays: number;
    startMs: number;
  };
  query: {
    trainingWindow: string;
    trainingStep: string;
    horizon: string;
    maxSeries: number;
    trainingPointsPerSeries: number;
  };
  timeoutSeconds: number;
  visits: Partial<Record<VisitId, VisitResult>>;
  /** Each auto visit's figures divided by the naive baseline's, measured in the same browser session. */
  ratiosToNaive: Partial<Record<'autoFirst' | 'autoReload', Ratios>>;
  target: { text: string; limitMs: number; met: boolean; worstFirstAfterDataMs?: number };
  consoleErrors: string[];
  pageErrors: string[];
  series: BenchSeries[];
}

const div = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b <= 0 ? undefined : a / b;

export function ratios(visit: VisitResult | undefined, base: VisitResult | undefined): Ratios {
  const v = visit?.timings;
  const b = base?.timings;
  return {
    first: div(v?.firstAfterDataMs, b?.firstAfterDataMs),
    all: div(v?.allAfterDataMs, b?.allAfterDataMs),
    done: div(v?.doneAfterDataMs, b?.doneAfterDataMs),
  };
}

/** Met only when every auto visit showed a forecast within the limit after its data arrived. */
export function targetCheck(visits: Array<VisitResult | undefined>): BrowserBenchResults['target'] {
  const firsts = visits.map((v) => v?.timings.firstAfterDataMs);
  const known = firsts.filter((x): x is number => x !== undefined);
  const met = known.length === firsts.length && known.every((x) => x <= TARGET_MS);
  return {
    text: TARGET_TEXT,
    limitMs: TARGET_MS,
    met,
    worstFirstAfterDataMs: known.length === firsts.length ? Math.max(...known) : undefined,
  };
}

const LABELS: Record<VisitId, string> = {
  naive: 'baseline: method `naive`, first visit',
  autoFirst: 'method `auto`, first visit (no cached models)',
  autoReload: 'method `auto`, reload (returning user)',
};

function sec(ms: number | undefined, limitS: number): string {
  return ms === undefined ? `not within ${limitS} s` : `${(ms / 1000).toFixed(2)} s`;
}

/** Series with a forecast `ms` after t_data; "—" past the end of the visit or without t_data. */
export function seriesAt(v: VisitResult, ms: number): string {
  if (v.timings.tDataMs === undefined || v.wallMs < v.timings.tDataMs + ms) {
    return v.timings.finalState === 'Done' || v.timings.finalState === 'Error'
      ? String(v.timings.maxForecastSeries)
      : '—';
  }
  const seen = v.timeline.filter((p) => p.afterDataMs <= ms);
  return String(seen.length > 0 ? seen[seen.length - 1].forecastSeries : 0);
}

const x2 = (x: number | undefined) => (x === undefined ? '—' : `${x.toFixed(2)} ×`);

function visitRow(id: VisitId, v: VisitResult | undefined, limitS: number): string {
  if (!v) {
    return `| ${LABELS[id]} | not run | | | | | | |`;
  }
  const t = v.timings;
  return (
    `| ${LABELS[id]} | ${sec(t.firstAfterDataMs, limitS)} (paint ${sec(t.firstPaintAfterDataMs, limitS)}) | ${sec(t.allAfterDataMs, limitS)} | ` +
    `${sec(t.doneAfterDataMs, limitS)} | ${t.finalState}${v.timedOut ? ' (time limit)' : ''} | ${t.maxForecastSeries} | ` +
    `${t.backends.join(', ') || '—'}${t.computes.length ? ` (${t.computes.join(', ')})` : ''} | ${t.rangeQueries}, ${t.trainingQueries} of them training (${(t.rangeBytes / 1e6).toFixed(1)} MB) |`
  );
}

export function markdown(r: BrowserBenchResults): string {
  const L: string[] = [];
  const limitS = r.timeoutSeconds;
  const target = r.target;
  L.push('# Foresight browser benchmark: 100 series, time to first forecasts', '');
  L.push(
    `Generated ${r.generatedAt} by \`npm run bench:browser\` in ${r.seconds.toFixed(0)} s; ${r.chromium} (headless, one profile), ` +
      `Node ${r.node}, ${r.cpus} CPU cores shared with other work (1-min load average ${r.loadAverageBefore[0]?.toFixed(2)} before, ${r.loadAverageAfter[0]?.toFixed(2)} after). ` +
      `Plugin from \`${r.distDir}\`.`,
    ''
  );
  L.push('## Target', '');
  L.push(
    `Issue 14: "${target.text}". **${target.met ? 'Met' : 'Not met'}**: ` +
      (target.worstFirstAfterDataMs === undefined
        ? `at least one \`auto\` visit showed no forecast within the ${limitS} s limit.`
        : `the slower \`auto\` visit showed its first forecast ${(target.worstFirstAfterDataMs / 1000).toFixed(2)} s after its data arrived (limit ${target.limitMs / 1000} s).`),
    ''
  );
  L.push('## Figures (from t_data, the last response of the training fetch before the first forecast)', '');
  L.push(
    '| visit | t_first − t_data | t_all − t_data | t_done − t_data | end state | series with a forecast | tfjs backend (where) | range queries |',
    '|---|---|---|---|---|---|---|---|'
  );
  for (const id of ['naive', 'autoFirst', 'autoReload'] as const) {
    L.push(visitRow(id, r.visits[id], limitS));
  }
  const marks = [3, 10, 30, 60];
  L.push('', '### Series with a forecast, seconds after t_data', '');
  L.push(`| visit | ${marks.map((m) => `${m} s`).join(' | ')} |`, `|---|${marks.map(() => '---|').join('')}`);
  for (const id of ['naive', 'autoFirst', 'autoReload'] as const) {
    const v = r.visits[id];
    if (v) {
      L.push(`| ${LABELS[id]} | ${marks.map((m) => seriesAt(v, m * 1000)).join(' | ')} |`);
    }
  }
  L.push('', '### Ratios to the naive baseline (same browser session)', '');
  L.push('| visit | first | all | done |', '|---|---|---|---|');
  for (const id of ['autoFirst', 'autoReload'] as const) {
    const q = r.ratiosToNaive[id];
    L.push(`| ${LABELS[id]} | ${x2(q?.first)} | ${x2(q?.all)} | ${x2(q?.done)} |`);
  }
  L.push('', '## Setup', '');
  L.push(
    `- Real Prometheus (Debian) with ${r.prometheus.series} series under \`${r.prometheus.selector}\`, ${r.prometheus.samplesPerSeries.min}–${r.prometheus.samplesPerSeries.max} samples each ` +
      `(${r.prometheus.historyDays} days at ${r.prometheus.stepSeconds / 60} minutes), checked through the HTTP API before timing; ready in ${(r.prometheus.startMs / 1000).toFixed(1)} s. ` +
      'The series are variants of the 13 shared NAB series (× factor, + level, rotated by whole days), resampled onto one 5-minute grid (`bench/browser/series.ts`).',
    `- One Foresight panel in the playground host, query \`${r.prometheus.selector}\`, training window ${r.query.trainingWindow} at ${r.query.trainingStep} ` +
      `(${r.query.trainingPointsPerSeries} points per series), horizon ${r.query.horizon}; data source with maxSeries ${r.query.maxSeries}; dashboard range the last day.`,
    `- Order in one browser profile: naive (first visit), auto (first visit: no model cached), auto again by reload (cached models, if the first visit stored any). Each visit ends when the query reaches Done or Error, or after ${limitS} s.`,
    `- Host bundle ${r.hostBundle.cached ? 'from cache' : `built in ${(r.hostBundle.buildMs / 1000).toFixed(1)} s`}.`,
    ''
  );
  L.push('## Method', '');
  L.push(
    "- Black box, on the page's own clock. t_data = the end of the last response of the training fetch (the `/api/v1/query_range` requests with the query's training step, read from their POST bodies by the driver; the panel's display-range query has another step) that finished before the first forecast was shown (before the end of the query when none was). The driver's times are checked against the page's Resource Timing (clock check in results.json).",
    '- t_first / t_all / t_done: the DOM mutation after React committed new data to the panel, read from the playground\'s panel summary (`playground/host/panelSummary.ts`): the first with a forecast frame holding finite forecast points, the first with such frames for all 100 series, the first in state Done (or Error). "paint" is the first frame painted after t_first.',
    '- Console errors and page errors are counted over the whole session and must be 0.',
    ''
  );
  L.push('## Page problems', '');
  if (r.consoleErrors.length === 0 && r.pageErrors.length === 0) {
    L.push('None: 0 console errors, 0 page errors.', '');
  } else {
    L.push(
      `${r.consoleErrors.length} console errors, ${r.pageErrors.length} page errors:`,
      '',
      ...r.consoleErrors.slice(0, 20).map((e) => `- console: ${e.slice(0, 300)}`),
      ...r.pageErrors.slice(0, 20).map((e) => `- page: ${e.slice(0, 300)}`),
      ''
    );
  }
  const queryErrors = Object.entries(r.visits).flatMap(([id, v]) =>
    v.timings.errors.map((e) => `- ${id}: ${e.slice(0, 300)}`)
  );
  if (queryErrors.length > 0) {
    L.push('Errors the panel received:', '', ...queryErrors, '');
  }
  L.push(
    'The panel draws at most its option _Maximum forecast series_ (default 10) and says so in its warning line; t_all counts the series in the data it received, all 100.',
    ''
  );
  const shots = Object.values(r.visits).map((v) => `\`${v.screenshot}\``);
  if (shots.length) {
    L.push(`Screenshots (git-ignored, rewritten each run): ${shots.join(', ')}.`, '');
  }
  return L.join('\n');
}
