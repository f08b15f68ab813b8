/**
 * `npm run prometheus -- <command>`:
 *   up [--csv-dir DIR] [--no-exporter] [--port N]   backfill + start Prometheus (+ exporter) and wait
 *   openmetrics --csv FILE                          print one CSV as OpenMetrics (for inspection)
 *   install                                         make sure Debian's Prometheus is available
 */
import fs from 'fs';
import { Command } from 'commander';
import { familiesForCsv, loadCsv } from './backfill';
import { ensurePrometheus } from './install';
import { renderOpenMetrics } from './openmetrics';
import { startStack } from './stack';

const program = new Command('prometheus').description('The Foresight real-Prometheus harness');

program
  .command('up')
  .description('Start Prometheus with backfilled NAB history and the live demo exporter, until interrupted')
  .option('--csv-dir <dir>', 'directory of NAB-format CSVs (default ../shared/data/nab)')
  .option('--no-exporter', 'do not start the demo exporter')
  .option('--port <n>', 'Prometheus port (default: a free one)', (v) => Number(v))
  .action(async (o: { csvDir?: string; exporter: boolean; port?: number }) => {
    const stack = await startStack({ csvDir: o.csvDir, exporter: o.exporter, prometheusPort: o.port });
    console.log(
      `Prometheus: ${stack.prometheusUrl} (pid ${stack.prometheusPid()}), ${stack.series.length} backfilled CSV series`
    );
    if (stack.exporterUrl) {
      console.log(`Demo exporter: ${stack.exporterUrl}/metrics`);
    }
    const stop = () => void stack.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('openmetrics')
  .description('Print a CSV as OpenMetrics text (shifted to end before now)')
  .requiredOption('--csv <file>', 'NAB-format CSV')
  .action((o: { csv: string }) => {
    fs.writeSync(1, renderOpenMetrics(familiesForCsv(loadCsv(o.csv, Date.now()))));
  });

program
  .command('install')
  .description("Make sure Debian's Prometheus is available (unpacks the .deb without root if needed)")
  .action(() => {
    const b = ensurePrometheus();
    console.log(`prometheus: ${b.prometheus}\npromtool: ${b.promtool}`);
  });

program.parseAsync(process.argv).catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
