/**
 * Foresight engine CLI: `npm run --silent forecast -- <backtest|train|forecast> …`.
 * Human-readable output by default (with a progress bar on a terminal); one JSON object on stdout
 * with --json. Warnings (stale data) and errors go to stderr; exit code 2 for usage errors, 1 for
 * failures while running.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { BaseMethod, ComputeBackend, ForecastOutcome, RawSeries } from '../engine/api';
import { backtestSeries } from '../engine/backtest';
import { forecastSeries } from '../engine/forecast';
import { loadModelFromDir, saveModelToDir } from '../engine/lstm/fileStore';
import { initEngineNode } from '../engine/node';
import { readCsvSeries } from '../io/csv';
import { cliStaleWarning, seriesStaleness } from './freshness';
import { counterShape, counterWarning } from '../advisor/counter';
import { repeatsWarning, sampleRepeats } from '../advisor/repeats';
import { csvStepMs } from './csvStep';
import { horizonSteps } from './horizon';
import { CLI_METHODS, parseMethod } from './methods';
import { progressBar } from './progress';
import { registerPretrain } from './pretrain';
import { selectShippedBaseModel, withShippedBaseModel } from '../engine/lstm/baseModelNode';
import { coverageShortfall, fetchRange } from './promRange';
import { prometheusTrainOptions } from './promOptions';
import { checkOutDir } from './outDir';
import { formatBacktest, formatForecast, inputNotes } from './format';
import { csvError, csvOutcome, type CsvAdviceContext } from './csvAdvice';
import { exitCodeFor, UsageError } from './usage';
import { wholeNumberIn } from './wholeNumber';
import { LSTM_LIMITS } from '../engine/options';
import { workInUserDir } from '../io/userDir';

const BACKENDS = ['auto', 'wasm', 'cpu'];
/** Long enough for a 30-day chunked fetch on a healthy server, short enough that a stalled one is noticed. */
const DEFAULT_TIMEOUT = '30s';
/** What a CSV user changes when its rows repeat each sample. */
const CSV_STEP = 'the step the CSV is exported at';

const BACKTEST_EXAMPLES = `
Examples:
  $ npm run --silent forecast -- backtest --csv ../shared/data/nab/realAWSCloudwatch/elb_request_count_8c0756.csv --horizon 1h
  $ npm run --silent forecast -- backtest --csv series.csv --horizon 30m --method seasonal_naive --json`;

const TRAIN_EXAMPLES = `
Give exactly one source: --csv FILE, or --prometheus URL with --query PROMQL.

Examples:
  $ npm run --silent forecast -- train --csv series.csv --horizon 1h --out models/elb
  $ npm run --silent forecast -- train --prometheus http://127.0.0.1:9090 \\
      --query 'sum(rate(http_requests_total[5m]))' --range 7d --step 5m --horizon 1h --out models/api`;

const FORECAST_EXAMPLES = `
Examples:
  $ npm run --silent forecast -- forecast --model models/elb --csv series.csv
  $ npm run --silent forecast -- forecast --model models/elb --csv series.csv --fine-tune --json`;

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('must be a whole number ≥ 1.');
  }
  return n;
}

function oneOf(list: string[]) {
  return (v: string): string => {
    if (!list.includes(v)) {
      throw new InvalidArgumentError(`must be one of ${list.join(', ')}.`);
    }
    return v;
  };
}

function warn(text: string): void {
  process.stderr.write(`warning: ${text}\n`);
}

/**
 * What the command had to say about its input (stale or short data, a counter read without rate(),
 * repeated samples, CSV rows skipped, Prometheus's own warnings): on stderr as it happens, and kept
 * for `--json`, whose one object on stdout is all a script reads (the skipped rows were not in it).
 */
class InputWarnings {
  readonly said: string[] = [];
  warn(text: string): void {
    warn(text);
    this.said.push(text);
  }
  /** Skipped CSV rows: a note in the text output, a warning in JSON, never on stderr twice. */
  note(text: string): string {
    this.said.push(text);
    return `note: ${text}`;
  }
}

/**
 * What is wrong with the data itself, said before any work: a counter read without rate() forecasts
 * a running total (`advisor/counter.ts`); samples repeated by a step finer than the data's own
 * (`advisor/repeats.ts`). `stepSetting`: what the user changes to fix the step.
 */
function warnAboutData(
  said: InputWarnings,
  series: RawSeries & { labels?: Record<string, string> },
  stepMs: number,
  stepSetting: string,
  expr?: string
): void {
  const shape = counterShape({ values: series.values, expr, labels: series.labels });
  if (shape) {
    said.warn(counterWarning(shape, stepMs, false));
  }
  const repeats = sampleRepeats(series.values);
  if (repeats) {
    said.warn(repeatsWarning(repeats, stepMs, stepSetting));
  }
}

/** The result: one JSON object (with what was said about the input, if anything is) or the text for people. */
function print(json: boolean, obj: unknown, text: string, said?: InputWarnings): void {
  const out = said && typeof obj === 'object' && obj !== null ? { ...obj, inputWarnings: said.said } : obj;
  process.stdout.write(json ? `${JSON.stringify(out)}\n` : `${text}\n`);
}

/**
 * `forecastSeries` with its advice said for the input: a CSV is made longer with rows, not with a
 * training window (`csvAdvice.ts`); Prometheus input (`csv` undefined) keeps the engine's words.
 */
async function forecastFor(
  request: Parameters<typeof forecastSeries>[0],
  csv: CsvAdviceContext | undefined
): Promise<ForecastOutcome> {
  if (!csv) {
    return forecastSeries(request);
  }
  try {
    return csvOutcome(await forecastSeries(request), csv);
  } catch (e) {
    throw csvError(e, csv);
  }
}

export function buildProgram(): Command {
  const program = new Command();
  // Usage errors throw (exit 2, set in main) instead of exiting 1; subcommands inherit this.
  program.exitOverride();
  program
    .name('forecast')
    .description('Foresight forecasting engine: backtest methods, train an LSTM, forecast from a saved model.')
    .option('--backend <name>', `tfjs backend: ${BACKENDS.join(', ')}`, oneOf(BACKENDS), 'auto')
    .showHelpAfterError();
  registerBacktest(program);
  registerTrain(program);
  registerForecast(program);
  registerPretrain(program, () => init(program), print, positiveInt);
  return program;
}

function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description('Rolling-origin backtest of a CSV series (timestamp,value) per the engine protocol.')
    .requiredOption('--csv <file>', '(required) CSV file with header timestamp,value')
    .requiredOption('--horizon <duration>', '(required) how far ahead to forecast, e.g. 30m, 1h, 1d')
    .option('--method <method>', `one of ${CLI_METHODS.join(', ')}`, 'all')
    .option('--json', 'print one JSON object on stdout')
    .addHelpText('after', BACKTEST_EXAMPLES)
    .action(async (opts: { csv: string; horizon: string; method: string; json?: boolean }) => {
      const method = parseMethod(opts.method);
      const said = new InputWarnings();
      const series = readCsvSeries(opts.csv);
      const stepMs = csvStepMs(series.times);
      const horizon = horizonSteps(opts.horizon, stepMs);
      warnAboutData(said, series, stepMs, CSV_STEP);
      await init(program);
      const bar = progressBar(!opts.json);
      // With the shipped base model: `lstm_base` (zero-shot) and `lstm` fine-tuned from it.
      const result = await withShippedBaseModel(() =>
        backtestSeries({
          name: series.name,
          series,
          horizon,
          method,
          stepMs,
          onProgress: (p) => bar.update(p),
        })
      );
      bar.done();
      const notes = inputNotes(series.badRows).map((n) => said.note(n));
      print(!!opts.json, result, [...notes, formatBacktest(result)].join('\n'), said);
    });
}

interface TrainOptions {
  csv?: string;
  prometheus?: string;
  query?: string;
  range: string;
  step: string;
  timeout: string;
  horizon: string;
  out: string;
  window?: number;
  json?: boolean;
}

interface TrainingInput {
  series: RawSeries;
  stepMs: number;
  horizon: number;
  fingerprint: string;
  notes: string[];
  said: InputWarnings;
  staleness?: ReturnType<typeof seriesStaleness>;
}

/** The series `train` learns from: a CSV, or a Prometheus query (whose staleness is said first). */
async function trainingInput(opts: TrainOptions): Promise<TrainingInput> {
  if (!!opts.csv === !!opts.prometheus) {
    throw new UsageError('Give exactly one of --csv FILE or --prometheus URL --query PROMQL.');
  }
  if (opts.prometheus && !opts.query) {
    throw new UsageError('--prometheus needs --query PROMQL.');
  }
  const said = new InputWarnings();
  if (opts.csv) {
    const series = readCsvSeries(opts.csv);
    const stepMs = csvStepMs(series.times);
    const horizon = horizonSteps(opts.horizon, stepMs);
    warnAboutData(said, series, stepMs, CSV_STEP);
    checkOutDir(opts.out);
    const fingerprint = `csv:${opts.csv}|step:${stepMs}|h:${horizon}|lstm`;
    const notes = inputNotes(series.badRows).map((n) => said.note(n));
    return { series, stepMs, horizon, fingerprint, notes, said };
  }
  const { baseUrl, rangeMs, stepMs, timeoutMs } = prometheusTrainOptions({
    ...opts,
    prometheus: opts.prometheus as string,
  });
  const horizon = horizonSteps(opts.horizon, stepMs);
  checkOutDir(opts.out);
  const nowMs = Date.now();
  const series = await fetchRange(baseUrl, opts.query as string, nowMs, rangeMs, stepMs, undefined, timeoutMs, (text) =>
    said.warn(`Prometheus: ${text}`)
  );
  // A forecast from an old last sample starts in the past: say so before training.
  const staleness = seriesStaleness(series, nowMs, stepMs);
  if (staleness?.stale) {
    said.warn(cliStaleWarning(staleness));
  }
  const shortfall = coverageShortfall(series, nowMs, rangeMs, stepMs);
  if (shortfall) {
    said.warn(shortfall);
  }
  warnAboutData(said, series, stepMs, '--step', opts.query);
  const fingerprint = `prom:${opts.query}|range:${opts.range}|step:${stepMs}|h:${horizon}|lstm`;
  return { series, stepMs, horizon, fingerprint, notes: [], said, staleness };
}

function registerTrain(program: Command): void {
  program
    .command('train')
    .description('Train an LSTM on a CSV or a Prometheus query and save it (model.json + weights.bin + meta.json).')
    .option('--csv <file>', '(this or --prometheus) CSV file with header timestamp,value')
    .option('--prometheus <url>', '(this or --csv) Prometheus base URL, e.g. http://127.0.0.1:9090')
    .option('--query <promql>', '(required with --prometheus) PromQL returning one series')
    .option('--range <duration>', 'history to train on (with --prometheus)', '7d')
    .option('--step <duration>', 'grid step (with --prometheus; CSV uses its median spacing)', '5m')
    .option('--timeout <duration>', 'limit per Prometheus request (with --prometheus)', DEFAULT_TIMEOUT)
    .requiredOption('--horizon <duration>', '(required) how far ahead to forecast, e.g. 30m, 1h, 1d')
    .requiredOption('--out <dir>', '(required) directory to write the model into')
    .option(
      '--window <steps>',
      `LSTM input window (${LSTM_LIMITS.window.min} to ${LSTM_LIMITS.window.max})`,
      wholeNumberIn('--window', LSTM_LIMITS.window.min, LSTM_LIMITS.window.max)
    )
    .option('--json', 'print one JSON object on stdout')
    .addHelpText('after', TRAIN_EXAMPLES)
    .action(async (opts: TrainOptions) => {
      const { series, stepMs, horizon, fingerprint, notes, said, staleness } = await trainingInput(opts);
      await init(program);
      const bar = progressBar(!opts.json);
      const outcome = await forecastFor(
        {
          series,
          stepMs,
          horizon,
          method: 'lstm',
          lstm: opts.window ? { window: opts.window } : undefined,
          fingerprint,
          onProgress: (p) => bar.update(p),
        },
        opts.csv ? { horizonFromModel: false } : undefined
      );
      bar.done();
      if (!outcome.model) {
        // The engine says why in its notes (a constant series: "A constant series needs no LSTM …").
        const why = [outcome.report.warning, ...(outcome.report.notes ?? [])].filter(Boolean).join(' ');
        throw new Error(`No model was trained, so nothing was saved.${why ? ` ${why}` : ''}`);
      }
      try {
        await saveModelToDir(opts.out, outcome.model);
      } catch (e) {
        throw new Error(`Could not save the model to ${opts.out}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const stale = staleness
        ? { stale: staleness.stale, lastSampleMs: staleness.lastSampleMs, ageMs: staleness.ageMs }
        : undefined;
      print(
        !!opts.json,
        {
          out: opts.out,
          meta: outcome.model.meta,
          forecast: outcome.forecast,
          report: outcome.report,
          staleness: stale,
        },
        [...notes, `Saved to ${opts.out}`, formatForecast(outcome)].join('\n'),
        said
      );
    });
}

function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description('Forecast a CSV series with a saved model (refuses an incompatible one).')
    .requiredOption('--model <dir>', '(required) model directory written by `train`')
    .requiredOption('--csv <file>', '(required) CSV file with header timestamp,value')
    .option('--fine-tune', 'fine-tune the model on this series before forecasting')
    .option('--json', 'print one JSON object on stdout')
    .addHelpText('after', FORECAST_EXAMPLES)
    .action(async (opts: { model: string; csv: string; fineTune?: boolean; json?: boolean }) => {
      await init(program);
      const said = new InputWarnings();
      const series = readCsvSeries(opts.csv);
      const csvStep = csvStepMs(series.times);
      warnAboutData(said, series, csvStep, CSV_STEP);
      const probe = await loadModelFromDir(opts.model);
      // Refuses a model trained at another step (or engine version, layout …) with every mismatch named.
      const saved = await loadModelFromDir(opts.model, { stepMs: csvStep, horizon: probe.meta.horizon });
      const bar = progressBar(!opts.json);
      const outcome = await forecastFor(
        {
          series,
          stepMs: saved.meta.stepMs,
          horizon: saved.meta.horizon,
          method: saved.meta.method as BaseMethod,
          lstm: { window: saved.meta.window },
          savedModel: saved,
          fineTune: !!opts.fineTune,
          onProgress: (p) => bar.update(p),
        },
        { horizonFromModel: true }
      );
      bar.done();
      print(
        !!opts.json,
        { forecast: outcome.forecast, report: outcome.report },
        [...inputNotes(series.badRows).map((n) => said.note(n)), formatForecast(outcome)].join('\n'),
        said
      );
    });
}

async function init(program: Command): Promise<void> {
  const backend = program.opts<{ backend: ComputeBackend }>().backend;
  await initEngineNode({ backend });
  // As in the browser: `lstm_base` answers zero-shot, and `lstm` is fine-tuned from the base.
  selectShippedBaseModel();
}

if (require.main === module) {
  workInUserDir();
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      const code = exitCodeFor(e);
      // Commander has already printed its own usage message (and help after it).
      if (!(e instanceof CommanderError)) {
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        if (e instanceof UsageError) {
          process.stderr.write('(run with --help for the options and examples)\n');
        }
      }
      process.exit(code);
    });
}
