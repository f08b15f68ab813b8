/**
 * Foresight engine CLI: `npm run --silent forecast -- <backtest|train|forecast> …`.
 * Human-readable output by default (with a progress bar on a terminal); one JSON object on stdout
 * with --json. Errors go to stderr with exit code 1 (2 for usage errors, from commander).
 */
import { Command, InvalidArgumentError } from 'commander';
import type { BaseMethod, ComputeBackend, RawSeries } from '../engine/api';
import { type BacktestMethod, backtestSeries } from '../engine/backtest';
import { forecastSeries } from '../engine/forecast';
import { loadModelFromDir, saveModelToDir } from '../engine/lstm/fileStore';
import { initEngineNode } from '../engine/node';
import { medianSpacing } from '../engine/prepare';
import { readCsvSeries } from './csv';
import { parseDuration } from './duration';
import { progressBar } from './progress';
import { fetchRange } from './promRange';
import { formatBacktest, formatForecast } from './format';

const METHODS = ['auto', 'lstm', 'mstl', 'naive', 'seasonal-naive', 'all'];
const BACKENDS = ['auto', 'wasm', 'cpu'];

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

function toMethod(m: string): BacktestMethod {
  return (m === 'seasonal-naive' ? 'seasonal_naive' : m) as BacktestMethod;
}

function print(json: boolean, obj: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${text}\n`);
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('forecast')
    .description('Foresight forecasting engine: backtest methods, train an LSTM, forecast from a saved model.')
    .option('--backend <name>', `tfjs backend: ${BACKENDS.join(', ')}`, oneOf(BACKENDS), 'auto')
    .showHelpAfterError();

  program
    .command('backtest')
    .description('Rolling-origin backtest of a CSV series (timestamp,value) per the engine protocol.')
    .requiredOption('--csv <file>', 'CSV file with header timestamp,value')
    .requiredOption('--horizon <steps>', 'forecast horizon in steps', positiveInt)
    .option('--method <method>', `one of ${METHODS.join(', ')}`, oneOf(METHODS), 'all')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: { csv: string; horizon: number; method: string; json?: boolean }) => {
      await init(program);
      const series = readCsvSeries(opts.csv);
      const bar = progressBar(!opts.json);
      const result = await backtestSeries({
        name: series.name,
        series,
        horizon: opts.horizon,
        method: toMethod(opts.method),
        onProgress: (p) => bar.update(p),
      });
      bar.done();
      print(!!opts.json, result, formatBacktest(result));
    });

  program
    .command('train')
    .description('Train an LSTM on a CSV or a Prometheus query and save it (model.json + weights.bin + meta.json).')
    .option('--csv <file>', 'CSV file with header timestamp,value')
    .option('--prometheus <url>', 'Prometheus base URL, e.g. http://127.0.0.1:9090')
    .option('--query <promql>', 'PromQL returning one series')
    .option('--range <duration>', 'history to train on (with --prometheus)', '7d')
    .option('--step <duration>', 'grid step (with --prometheus; CSV uses its median spacing)', '5m')
    .requiredOption('--horizon <steps>', 'forecast horizon in steps', positiveInt)
    .requiredOption('--out <dir>', 'directory to write the model into')
    .option('--window <steps>', 'LSTM input window', positiveInt)
    .option('--json', 'print one JSON object on stdout')
    .action(
      async (opts: {
        csv?: string;
        prometheus?: string;
        query?: string;
        range: string;
        step: string;
        horizon: number;
        out: string;
        window?: number;
        json?: boolean;
      }) => {
        if (!!opts.csv === !!opts.prometheus) {
          throw new Error('Give exactly one of --csv FILE or --prometheus URL --query PROMQL.');
        }
        await init(program);
        let series: RawSeries;
        let stepMs: number;
        let fingerprint: string;
        if (opts.csv) {
          series = readCsvSeries(opts.csv);
          stepMs = medianSpacing([...series.times].sort((a, b) => a - b));
          fingerprint = `csv:${opts.csv}|step:${stepMs}|h:${opts.horizon}|lstm`;
        } else {
          if (!opts.query) {
            throw new Error('--prometheus needs --query PROMQL.');
          }
          stepMs = parseDuration(opts.step);
          series = await fetchRange(
            opts.prometheus as string,
            opts.query,
            Date.now(),
            parseDuration(opts.range),
            stepMs
          );
          fingerprint = `prom:${opts.query}|range:${opts.range}|step:${stepMs}|h:${opts.horizon}|lstm`;
        }
        const bar = progressBar(!opts.json);
        const outcome = await forecastSeries({
          series,
          stepMs,
          horizon: opts.horizon,
          method: 'lstm',
          lstm: opts.window ? { window: opts.window } : undefined,
          fingerprint,
          onProgress: (p) => bar.update(p),
        });
        bar.done();
        if (!outcome.model) {
          throw new Error('Training produced no model.');
        }
        await saveModelToDir(opts.out, outcome.model);
        print(
          !!opts.json,
          { out: opts.out, meta: outcome.model.meta, forecast: outcome.forecast },
          `Saved to ${opts.out}\n${formatForecast(outcome)}`
        );
      }
    );

  program
    .command('forecast')
    .description('Forecast a CSV series with a saved model (refuses an incompatible one).')
    .requiredOption('--model <dir>', 'model directory written by `train`')
    .requiredOption('--csv <file>', 'CSV file with header timestamp,value')
    .option('--fine-tune', 'fine-tune the model on this series before forecasting')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: { model: string; csv: string; fineTune?: boolean; json?: boolean }) => {
      await init(program);
      const series = readCsvSeries(opts.csv);
      const csvStep = medianSpacing([...series.times].sort((a, b) => a - b));
      const probe = await loadModelFromDir(opts.model);
      // Refuses a model trained at another step (or engine version, layout …) with every mismatch named.
      const saved = await loadModelFromDir(opts.model, { stepMs: csvStep, horizon: probe.meta.horizon });
      const bar = progressBar(!opts.json);
      const outcome = await forecastSeries({
        series,
        stepMs: saved.meta.stepMs,
        horizon: saved.meta.horizon,
        method: saved.meta.method as BaseMethod,
        lstm: { window: saved.meta.window },
        savedModel: saved,
        fineTune: !!opts.fineTune,
        onProgress: (p) => bar.update(p),
      });
      bar.done();
      print(!!opts.json, { forecast: outcome.forecast, report: outcome.report }, formatForecast(outcome));
    });
  return program;
}

async function init(program: Command): Promise<void> {
  const backend = program.opts<{ backend: ComputeBackend }>().backend;
  await initEngineNode({ backend });
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
