/**
 * Base-model section of the benchmark (issue 14): speed of the shipped base model on Node wasm —
 * zero-shot forecast of one 2,016-point series, of 100 such series in one batch, fine-tune per
 * series — each also as a ratio to the naive + seasonal-naive path measured in the same run
 * (`forecastSeries` with `seasonal_naive`, which validates and calibrates both baselines); and
 * `lstm_base` zero-shot accuracy vs last-value naive at H = 3 and H = 12 on the shared set (the
 * engine's backtest protocol; pretraining held each series' test region out). Writes
 * bench/base-results.json (also when called from run.ts). Standalone: `npx tsx bench/baseModel.ts [--quick]`.
 */
import { writeFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';
import type { BaseMethod } from '../src/engine/api';
import { selectBackend } from '../src/engine/backend';
import { backtestSeries } from '../src/engine/backtest';
import { forecastSeries } from '../src/engine/forecast';
import { geometricMean } from '../src/engine/metrics';
import { initEngineNode } from '../src/engine/node';
import { medianSpacing, prepareSeries } from '../src/engine/prepare';
import {
  type BaseModel,
  type BaseSeries,
  FINE_TUNE_DEFAULTS,
  fineTuneBase,
  forecastMany,
  getBaseModel,
  toBaseSeries,
} from '../src/engine/lstm/baseModel';
import { selectShippedBaseModel } from '../src/engine/lstm/baseModelNode';
import { earlyStoppingLength } from '../src/engine/lstm/fitter';
import { tf } from '../src/engine/tf';
import { listCsvFiles, readCsvSeries } from '../src/io/csv';

const N = 2016;
const STEP = 300_000;

export interface BaseBenchResult {
  backend: string;
  /** 1-minute load average at the end of the speed runs (the machine is shared). */
  loadAverage: number;
  points: number;
  horizon: number;
  /** Medians of `runs` runs, wall ms. */
  naivePathMs: number;
  zeroShotOneMs: number;
  zeroShotOnePipelineMs: number;
  zeroShotHundredMs: number;
  naivePathHundredMs: number;
  /** The dashboard's first answer: 100 × forecastSeries quick (validated auto among untrained methods, base included). */
  quickHundredMs: number;
  fineTuneMs: number;
  fineTuneEpochs: number;
  ratios: { zeroShotOne: number; zeroShotOnePipeline: number; zeroShotHundred: number; fineTune: number };
  accuracy: Array<{ h: number; series: number; geoMeanMaeVsNaive: number; perSeries: Record<string, number> }>;
  /** Tensors before and after `cycles` cycles of zero-shot, fine-tune and forecast (quick and lstm from the base). */
  leak: { before: number; after: number; cycles: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timed<T>(f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

/** 100 series of 2,016 5-minute points: windows of the shared 5-minute series at different offsets. */
function hundredSeries(files: string[]) {
  const pool = files
    .map((f) => readCsvSeries(f))
    .filter((s) => medianSpacing([...s.times].sort((a, b) => a - b)) === STEP);
  return Array.from({ length: 100 }, (_, k) => {
    const s = pool[k % pool.length];
    const end = s.times.length - 97 * Math.floor(k / pool.length);
    return { times: s.times.slice(end - N, end), values: s.values.slice(end - N, end) };
  });
}

async function accuracyVsNaive(files: string[], h: number, log: (s: string) => void) {
  const perSeries: Record<string, number> = {};
  for (const file of files) {
    const series = readCsvSeries(file);
    const step = medianSpacing([...series.times].sort((a, b) => a - b));
    if (step !== STEP) {
      continue; // the shared set's H = 3 / 12 rows are its 5-minute series
    }
    const mae = async (method: BaseMethod) =>
      (await backtestSeries({ name: series.name, series, horizon: h, method })).methods[method]?.mae ?? NaN;
    const ratio = (await mae('lstm_base')) / (await mae('naive'));
    perSeries[series.name] = ratio;
    log(`base model H=${h} ${series.name}: lstm_base / naive MAE ${ratio.toFixed(3)}`);
  }
  const ratios = Object.values(perSeries).filter((x) => Number.isFinite(x) && x > 0);
  return { h, series: ratios.length, geoMeanMaeVsNaive: geometricMean(ratios), perSeries };
}

/** One leak cycle: zero-shot, fine-tune (disposed), a quick forecast and an lstm forecast from the base. */
async function leakCycle(
  model: BaseModel,
  one: { times: number[]; values: Array<number | null> },
  H: number,
  grid: (s: { times: number[]; values: Array<number | null> }) => BaseSeries
): Promise<void> {
  forecastMany(model, [grid(one)], H);
  const trainEnd = N - earlyStoppingLength(N, STEP, H);
  (await fineTuneBase(model, grid(one), { trainEnd, heldEnd: N, epochs: 2 })).network.dispose();
  await forecastSeries({ series: one, stepMs: STEP, horizon: H, method: 'auto', quick: true });
  await forecastSeries({ series: one, stepMs: STEP, horizon: H, method: 'lstm' });
}

export async function runBaseModelBench(
  nabDir: string,
  log: (s: string) => void,
  quick = false
): Promise<{ json: BaseBenchResult; markdown: string }> {
  selectShippedBaseModel();
  const backend = await selectBackend('wasm');
  const model = (await getBaseModel())!;
  const files = listCsvFiles(nabDir);
  const hundred = hundredSeries(files);
  const one = hundred[0];
  const runs = quick ? 1 : 5;
  const H = 12;
  const leakBefore = tf.memory().numTensors;
  const grid = (s: (typeof hundred)[number]) => {
    const p = prepareSeries(s, STEP);
    return toBaseSeries('s', p.values, p.observed, STEP);
  };
  const naive: number[] = [];
  const zero: number[] = [];
  const zeroPipe: number[] = [];
  const zeroHundred: number[] = [];
  const fine: number[] = [];
  forecastMany(model, [grid(one)], H); // first call compiles kernels: not timed
  for (let r = 0; r < runs; r++) {
    naive.push(
      (await timed(() => forecastSeries({ series: one, stepMs: STEP, horizon: H, method: 'seasonal_naive' }))).ms
    );
    zero.push((await timed(() => forecastMany(model, [grid(one)], H))).ms);
    zeroPipe.push(
      (await timed(() => forecastSeries({ series: one, stepMs: STEP, horizon: H, method: 'lstm_base' }))).ms
    );
    zeroHundred.push((await timed(() => forecastMany(model, hundred.map(grid), H))).ms);
    const s = grid(one);
    const trainEnd = N - earlyStoppingLength(N, STEP, H);
    const ft = await timed(() => fineTuneBase(model, s, { trainEnd, heldEnd: N }));
    ft.value.network.dispose();
    fine.push(ft.ms);
  }
  const naiveHundred = (
    await timed(async () => {
      for (const s of hundred) {
        await forecastSeries({ series: s, stepMs: STEP, horizon: H, method: 'seasonal_naive' });
      }
    })
  ).ms;
  const quickHundred = (
    await timed(async () => {
      for (const s of hundred) {
        await forecastSeries({ series: s, stepMs: STEP, horizon: H, method: 'auto', quick: true });
      }
    })
  ).ms;
  const cycles = quick ? 3 : 20;
  for (let c = 0; c < cycles; c++) {
    await leakCycle(model, hundred[c % hundred.length], H, grid);
  }
  const leakAfter = tf.memory().numTensors;
  const loadAverage = loadavg()[0];
  const accuracy = [];
  for (const h of [3, 12]) {
    accuracy.push(await accuracyVsNaive(files, h, log));
  }
  const json: BaseBenchResult = {
    backend,
    loadAverage,
    points: N,
    horizon: H,
    naivePathMs: median(naive),
    zeroShotOneMs: median(zero),
    zeroShotOnePipelineMs: median(zeroPipe),
    zeroShotHundredMs: median(zeroHundred),
    naivePathHundredMs: naiveHundred,
    quickHundredMs: quickHundred,
    fineTuneMs: median(fine),
    fineTuneEpochs: FINE_TUNE_DEFAULTS.epochs,
    ratios: {
      zeroShotOne: median(zero) / median(naive),
      zeroShotOnePipeline: median(zeroPipe) / median(naive),
      zeroShotHundred: median(zeroHundred) / naiveHundred,
      fineTune: median(fine) / median(naive),
    },
    accuracy,
    leak: { before: leakBefore, after: leakAfter, cycles },
  };
  writeFileSync(join(__dirname, 'base-results.json'), `${JSON.stringify(json, null, 2)}\n`);
  return { json, markdown: toMarkdown(json) };
}

function toMarkdown(r: BaseBenchResult): string {
  const f = (x: number) => x.toFixed(1);
  return [
    '## Base model (zero-shot and fine-tune)',
    '',
    `Node ${r.backend} (load average ${r.loadAverage.toFixed(1)}), ${r.points}-point 5-minute series, H = ${r.horizon}; medians; ratio = time / the naive + seasonal-naive path (\`forecastSeries\` seasonal_naive) in the same run.`,
    '',
    '| what | ms | target | ratio to naive path |',
    '|---|---|---|---|',
    `| zero-shot, one series (batched pass) | ${f(r.zeroShotOneMs)} | ≤ 50 | ${r.ratios.zeroShotOne.toFixed(2)} |`,
    `| zero-shot, one series (forecastSeries lstm_base, with validation) | ${f(r.zeroShotOnePipelineMs)} | — | ${r.ratios.zeroShotOnePipeline.toFixed(2)} |`,
    `| zero-shot, 100 series in one batch | ${f(r.zeroShotHundredMs)} | ≤ 1000 | ${r.ratios.zeroShotHundred.toFixed(2)} (vs 100 naive paths, ${f(r.naivePathHundredMs)} ms) |`,
    `| quick first answer, 100 series one by one (forecastSeries quick: validated auto among naive, seasonal naive, SES, the seasonal mean, lstm_base, the median of naive, seasonal naive and lstm_base and the median of SES, the seasonal mean and lstm_base; what a dashboard shows first) | ${f(r.quickHundredMs)} | — | ${(r.quickHundredMs / r.naivePathHundredMs).toFixed(2)} (vs 100 naive paths) |`,
    `| fine-tune one series (${r.fineTuneEpochs} epochs) | ${f(r.fineTuneMs)} | ≤ 1000 | ${r.ratios.fineTune.toFixed(2)} |`,
    '',
    '| H | series | lstm_base geo-mean MAE / naive | target |',
    '|---|---|---|---|',
    ...r.accuracy.map((a) => `| ${a.h} | ${a.series} | ${a.geoMeanMaeVsNaive.toFixed(3)} | < 1 |`),
    '',
    `Tensors: ${r.leak.before} before, ${r.leak.after} after ${r.leak.cycles} cycles of zero-shot, fine-tune, quick forecast and lstm-from-base forecast.`,
    '',
  ].join('\n');
}

if (require.main === module) {
  (async () => {
    await initEngineNode({ mstl: false });
    const nabDir = process.env.FORESIGHT_NAB_DIR ?? '/work/shared/data/nab';
    const { markdown } = await runBaseModelBench(
      nabDir,
      (s) => process.stderr.write(`${s}\n`),
      process.argv.includes('--quick')
    );
    process.stdout.write(markdown);
  })().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
