/**
 * `npm run serve -- --config FILE [--listen ADDR] [--shard i/n] [--once]`: the headless runner.
 * Exit codes: 2 for a bad command line or config (every problem listed), 1 when `--once` had a job
 * fail, 0 otherwise (including a clean stop on SIGTERM/SIGINT).
 */
import { readFileSync } from 'fs';
import { writableDirProblem } from '../io/writableDir';
import { Command, CommanderError } from 'commander';
import { parseConfig, type ConfigResult } from './config';
import { formatListen } from './listen';
import { formatShard } from './shard';
import { ServeService } from './service';
import { summaryLines } from './summary';
import { workInUserDir } from '../io/userDir';

export interface ServeArgs {
  config: string;
  listen?: string;
  shard?: string;
  once: boolean;
}

export function parseArgs(argv: string[]): ServeArgs {
  const program = new Command()
    .name('serve')
    .description('Forecast Prometheus series on a schedule and expose forecasts and scale advice as metrics.')
    .requiredOption('--config <file>', 'YAML config (see src/headless/README.md)')
    .option('--listen <addr>', 'address to bind, overrides the config (default 127.0.0.1:9464)')
    .option('--shard <i/n>', "forecast only this shard's share of the series, overrides the config")
    .option('--once', 'evaluate every job once, print a summary and exit', false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(argv, { from: 'user' });
  return program.opts<ServeArgs>();
}

/** Reads the file, applies the command-line overrides, validates everything together. */
export function loadConfig(args: ServeArgs): ConfigResult {
  let text: string;
  try {
    text = readFileSync(args.config, 'utf8');
  } catch (e) {
    return {
      errors: [`${args.config}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`],
      warnings: [],
    };
  }
  const overrides: Record<string, unknown> = {};
  if (args.listen) {
    overrides.listen = args.listen;
  }
  if (args.shard) {
    overrides.shard = args.shard;
  }
  const result = parseConfig(text, args.config, overrides);
  // a model folder that cannot be written would make every evaluation retrain (nothing is kept)
  const problem = result.config ? writableDirProblem(result.config.modelDir) : undefined;
  if (result.config && problem) {
    return { errors: [`modelDir: ${result.config.modelDir} ${problem}`], warnings: result.warnings };
  }
  return result;
}

/** What a listen error code means, for the one line `serve` prints instead of a stack. */
function listenHint(code: string): string {
  switch (code) {
    case 'EADDRINUSE':
      return 'the port is in use; pick another with --listen';
    case 'EACCES':
      return 'not allowed to bind that port; use one above 1023';
    default:
      return 'no such address on this machine';
  }
}

export async function main(argv: string[]): Promise<number> {
  let args: ServeArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    return e instanceof CommanderError && e.exitCode === 0 ? 0 : 2;
  }
  const { config, errors, warnings } = loadConfig(args);
  warnings.forEach((w) => process.stderr.write(`warning: ${w}\n`));
  if (!config) {
    const where = errors.some((e) => e.startsWith('--')) ? `${args.config} and the command line` : args.config;
    process.stderr.write(`${where}: ${errors.length} problem(s):\n${errors.map((e) => `  ${e}\n`).join('')}`);
    return 2;
  }
  const service = new ServeService(config);
  if (args.once) {
    const ok = await service.evaluateOnce();
    process.stdout.write(`${summaryLines(service.states).join('\n')}\n`);
    await service.stop();
    return ok ? 0 : 1;
  }
  let handle: Awaited<ReturnType<ServeService['start']>>;
  try {
    handle = await service.start();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      await service.stop();
      process.stderr.write(
        `foresight serve: cannot listen on ${formatListen(config.listen)}: ${code} (${listenHint(code)})\n`
      );
      return 2;
    }
    throw e;
  }
  const shard = config.shard ? `, shard ${formatShard(config.shard)}` : '';
  process.stderr.write(
    `foresight serve: ${config.jobs.length} job(s)${shard}, listening on http://${formatListen(handle)}/metrics\n`
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`foresight serve: ${signal}, stopping\n`);
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await service.stop();
  return 0;
}

if (require.main === module) {
  workInUserDir();
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`foresight serve: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    }
  );
}
