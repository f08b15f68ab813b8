/** Statistics and the Markdown write-up of the panel render benchmark. */
import type { CanvasInk, CaseId, CaseInfo, Timing } from './api';

export type Step = 'mount' | 'update';
export type Metric = keyof Timing;
export const METRICS: Metric[] = ['toPaintMs', 'toLastChangeMs'];

export interface StepTimes {
  /** One value per repetition, in repetition order. */
  runs: Timing[];
  median: Timing;
  /** The first one in a fresh page (cold JIT, fonts, styles); not among `runs`. */
  cold?: Timing;
}

export interface CaseResult {
  info: CaseInfo;
  mount: StepTimes;
  update: StepTimes;
  ink?: CanvasInk;
}

export interface Ratio {
  step: Step;
  metric: Metric;
  numerator: CaseId;
  denominator: CaseId;
  /** median(numerator) / median(denominator). */
  ratioOfMedians: number;
  /** Median over repetitions of numerator / denominator measured in the same repetition. */
  medianPairedRatio: number;
}

export interface PanelBenchResults {
  generatedAt: string;
  seconds: number;
  repetitions: number;
  chromium: string;
  chromiumArgs: string[];
  node: string;
  cpus: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  bundle: { cached: boolean; buildMs: number; jsBytes: number };
  cases: Record<CaseId, CaseResult>;
  ratios: Ratio[];
  pageErrors: string[];
  notFound: string[];
  screenshot?: string;
}

export function median(values: number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function medianTiming(runs: Timing[]): Timing {
  return {
    toPaintMs: median(runs.map((t) => t.toPaintMs)),
    toLastChangeMs: median(runs.map((t) => t.toLastChangeMs)),
  };
}

export function ratio(step: Step, metric: Metric, num: CaseResult, den: CaseResult): Ratio {
  const a = num[step].runs.map((t) => t[metric]);
  const b = den[step].runs.map((t) => t[metric]);
  const paired = a.slice(0, Math.min(a.length, b.length)).map((x, i) => x / b[i]);
  return {
    step,
    metric,
    numerator: num.info.id,
    denominator: den.info.id,
    ratioOfMedians: median(a) / median(b),
    medianPairedRatio: median(paired),
  };
}

const ms = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(0));
const x2 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(2));

function describe(info: CaseInfo): string {
  const what =
    info.component === 'ForecastPanel' ? 'Foresight panel' : "@grafana/ui TimeSeries, the panel's chart frames";
  return `${what}, ${info.series} × ${info.points.toLocaleString('en')} points (${info.horizon} forecast), ${info.width}×${info.height}`;
}

export function markdown(r: PanelBenchResults): string {
  const L: string[] = [];
  const target = r.cases['panel-5x2000'];
  const find = (step: Step, metric: Metric, den: CaseId) =>
    r.ratios.find(
      (q) => q.step === step && q.metric === metric && q.numerator === 'panel-5x2000' && q.denominator === den
    )?.ratioOfMedians;
  L.push('# Foresight panel render benchmark', '');
  L.push(
    `Generated ${r.generatedAt} by \`npm run bench:panel\` in ${r.seconds.toFixed(0)} s; ${r.chromium} (headless, software rendering), ` +
      `Node ${r.node}, ${r.cpus} CPU cores shared with other work (1-min load average ${x2(r.loadAverageBefore[0])} before, ${x2(r.loadAverageAfter[0])} after). ` +
      `Page bundle ${(r.bundle.jsBytes / 1e6).toFixed(1)} MB minified, production React (${r.bundle.cached ? 'from cache' : `built in ${(r.bundle.buildMs / 1000).toFixed(1)} s`}).`,
    ''
  );
  L.push('## Headline', '');
  L.push(
    `Panel with 5 series × 2,000 points: mount-to-paint **${ms(target.mount.median.toPaintMs)} ms** and data-update-to-paint **${ms(target.update.median.toPaintMs)} ms** (medians of ${r.repetitions}). ` +
      `As ratios against baselines measured in the same run: **${x2(find('mount', 'toPaintMs', 'panel-1x200'))} ×** (mount) and **${x2(find('update', 'toPaintMs', 'panel-1x200'))} ×** (update) the same panel with 1 series × 200 points; ` +
      `**${x2(find('mount', 'toPaintMs', 'timeseries-5x2000'))} ×** (mount) and **${x2(find('update', 'toPaintMs', 'timeseries-5x2000'))} ×** (update) @grafana/ui's TimeSeries drawing the same chart frames. ` +
      'Milliseconds depend on the machine and its load; compare runs by the ratios.',
    ''
  );
  const cap = r.cases['panel-50x2000'];
  const capRatio = (step: Step) =>
    r.ratios.find(
      (q) =>
        q.step === step &&
        q.metric === 'toPaintMs' &&
        q.numerator === 'panel-50x2000' &&
        q.denominator === 'panel-5x2000'
    )?.ratioOfMedians;
  if (cap) {
    L.push(
      `At the most one panel draws, ${cap.info.series} series × 2,000 points: mount-to-paint **${ms(cap.mount.median.toPaintMs)} ms** and update-to-paint **${ms(cap.update.median.toPaintMs)} ms**, ` +
        `**${x2(capRatio('mount'))} ×** and **${x2(capRatio('update'))} ×** the 5-series panel of the same run.`,
      ''
    );
  }
  L.push('## Cases (ms; to paint / to last change)', '');
  L.push(
    '| case | mount median | mount runs (to paint) | update median | update runs (to paint) | cold mount / update (to paint) | canvas ink |',
    '|---|---|---|---|---|---|---|'
  );
  for (const c of Object.values(r.cases)) {
    const ink = c.ink ? `${(c.ink.inkRatio * 100).toFixed(1)} % of ${c.ink.width}×${c.ink.height}` : '—';
    L.push(
      `| ${describe(c.info)} | ${ms(c.mount.median.toPaintMs)} / ${ms(c.mount.median.toLastChangeMs)} | ${c.mount.runs.map((t) => ms(t.toPaintMs)).join(', ')} | ` +
        `${ms(c.update.median.toPaintMs)} / ${ms(c.update.median.toLastChangeMs)} | ${c.update.runs.map((t) => ms(t.toPaintMs)).join(', ')} | ` +
        `${ms(c.mount.cold?.toPaintMs)} / ${ms(c.update.cold?.toPaintMs)} | ${ink} |`
    );
  }
  L.push(
    '',
    '## Ratios (case / baseline, same run)',
    '',
    '| case | step | timed to | baseline | ratio of medians | median of paired ratios |',
    '|---|---|---|---|---|---|'
  );
  for (const q of r.ratios) {
    L.push(
      `| ${q.numerator} | ${q.step} | ${q.metric === 'toPaintMs' ? 'paint' : 'last change'} | ${q.denominator} | ${x2(q.ratioOfMedians)} | ${x2(q.medianPairedRatio)} |`
    );
  }
  L.push('', '## Method', '');
  L.push(
    '- The real `ForecastPanel` (`src/panel`), fed contract-shaped frames from `src/panel/testing/fixtures.ts` (each row: actual or forecast, 80 % and 95 % bands, replicas; policy thresholds), default options (legend with last and max, model card, "now" marker), dark theme, bundled with React 18 (production) and @grafana/ui by esbuild.',
    "- Baselines in the same browser session: the panel with 1 series × 200 points, and `@grafana/ui`'s `TimeSeries` given exactly the frames the panel builds for its own chart (built before the clock starts) at the panel's chart height; the difference to the latter is the panel's own work (parsing, mapping, overlay, tooltip plugin, toolbar, model card).",
    '- Mount: from `createRoot().render()`; update: from `root.render()` with new frames of the same shape (every value changed). Frames are built before the clock starts. "To paint" ends at the first frame painted after the page stopped changing (read in a task posted from requestAnimationFrame; settled = the chart canvas and, for the panel, its "now" marker present, then no DOM mutation and no canvas drawing call for 8 frames and 150 ms), so it includes the wait for that frame; "to last change" ends at the last DOM mutation or canvas drawing call, without that wait.',
    `- ${r.repetitions} repetitions after one cold round (reported separately); the cases are interleaved and their order rotates each repetition; garbage is collected before each timed step (\`--js-flags=--expose-gc\`).`,
    '- Chromium runs without a GPU (`--disable-gpu`): canvas drawing is software.',
    ''
  );
  if (r.screenshot) {
    L.push(`Screenshot of the 5 × 2,000 case (git-ignored, rewritten each run): \`${r.screenshot}\`.`, '');
  }
  if (r.pageErrors.length || r.notFound.length) {
    L.push(
      '## Page problems',
      '',
      ...r.pageErrors.map((e) => `- error: ${e}`),
      ...r.notFound.map((p) => `- 404: ${p}`),
      ''
    );
  }
  return L.join('\n');
}
