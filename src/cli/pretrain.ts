/**
 * `forecast -- pretrain --csv-dir DIR [--csv-dir DIR…] --out DIR [--seed N] [--epochs N]`: trains the
 * shared base model on every CSV under the directories plus the synthetic corpus, writes
 * model.json + weights.bin + meta.json, and prints the corpus (series, points, step).
 */
import type { Command } from 'commander';
import { pretrainBase, PRETRAIN_DEFAULTS } from '../engine/lstm/pretrain';
import { syntheticCorpus, type NamedSeries } from '../engine/lstm/pretrainSynthetic';
import { saveModelToDir } from '../engine/lstm/fileStore';
import { listCsvFiles, readCsvSeries } from '../io/csv';
import { checkOutDir } from './outDir';
import { UsageError } from './usage';
import { wholeNumberIn } from './wholeNumber';
import { LSTM_LIMITS } from '../engine/options';

/** The seeds that stay what they are through the 32-bit generators (`rng`'s `seed >>> 0`). */
const SEED = LSTM_LIMITS.seed;

/** 24 synthetic series of 21 days: about as many windows as the real corpus, no more. */
export const SYNTHETIC = { count: 24, days: 21 };

export interface PretrainCliOptions {
  csvDir: string[];
  out: string;
  seed?: number;
  epochs?: number;
  samples?: number;
  synthetic?: number;
  json?: boolean;
}

/** Windows per epoch past this would not fit in memory (1e9 ran out of heap after 41 s): 32 × the default. */
export const MAX_SAMPLES = 32 * PRETRAIN_DEFAULTS.samplesPerEpoch;
export const MAX_EPOCHS = 1000;

/** What would fail only after training (the output folder) or exhaust memory, refused before any work. */
function checkPretrainOptions(opts: PretrainCliOptions): void {
  if (opts.samples !== undefined && opts.samples > MAX_SAMPLES) {
    throw new UsageError(
      `--samples ${opts.samples} is more than ${MAX_SAMPLES.toLocaleString('en-US')} windows per epoch (memory); use fewer, or more epochs.`
    );
  }
  if (opts.epochs !== undefined && opts.epochs > MAX_EPOCHS) {
    throw new UsageError(`--epochs ${opts.epochs} is more than ${MAX_EPOCHS}.`);
  }
  checkOutDir(opts.out);
}

export function collectDir(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Reads the corpus, trains, saves; returns the lines to print (or the JSON object). */
export async function runPretrain(
  opts: PretrainCliOptions,
  log: (s: string) => void
): Promise<{ text: string; json: unknown }> {
  checkPretrainOptions(opts);
  const files = opts.csvDir.flatMap((d) => {
    const found = listCsvFiles(d);
    if (found.length === 0) {
      // Not a silent synthetic-only model: a folder the user named and that gave nothing is a mistake.
      throw new UsageError(`--csv-dir ${d} holds no .csv file (searched recursively).`);
    }
    return found;
  });
  const seed = opts.seed ?? PRETRAIN_DEFAULTS.seed;
  // One unreadable file among dozens is skipped and named, not the end of the run.
  const unreadable: string[] = [];
  const real: NamedSeries[] = files.flatMap((f) => {
    try {
      return [readCsvSeries(f)];
    } catch (e) {
      unreadable.push(e instanceof Error ? e.message : String(e));
      return [];
    }
  });
  const synthetic = syntheticCorpus(opts.synthetic ?? SYNTHETIC.count, SYNTHETIC.days, seed);
  const syntheticNames = new Set(synthetic.map((s) => s.name));
  const { model, meta, skipped } = await pretrainBase([...real, ...synthetic], {
    seed,
    epochs: opts.epochs,
    samplesPerEpoch: opts.samples,
    holdOutTestRegion: (name) => !syntheticNames.has(name),
    onEpoch: (e) => log(`epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, held-out ${e.valLoss.toFixed(4)}`),
  });
  await saveModelToDir(opts.out, model);
  const lines = [
    `Base model written to ${opts.out} (seed ${seed}, ${meta.base.epochs} epochs, held-out MAE ${meta.base.valLossStart.toFixed(4)} → ${meta.base.valLossBest.toFixed(4)} in scaled units).`,
    `Corpus (${meta.base.corpus.length} series):`,
    ...meta.base.corpus.map(
      (c) => `  ${c.series}: ${c.points} points at ${c.stepSeconds} s, ${c.trainedPoints} used for training`
    ),
    ...[...unreadable, ...skipped].map((s) => `  skipped: ${s}`),
  ];
  return { text: lines.join('\n'), json: { out: opts.out, base: meta.base, skipped: [...unreadable, ...skipped] } };
}

export function registerPretrain(
  program: Command,
  init: () => Promise<void>,
  print: (json: boolean, obj: unknown, text: string) => void,
  int: (v: string) => number
): void {
  program
    .command('pretrain')
    .description('Train the shared base model (zero-shot lstm_base) on many CSV series plus synthetic ones.')
    .requiredOption('--csv-dir <dir>', '(required, repeatable) directory searched for CSV files', collectDir)
    .requiredOption('--out <dir>', '(required) directory to write the base model into')
    .option(
      '--seed <n>',
      `seed for sampling, initial weights and synthetic series, ${SEED.min} to ${SEED.max} (default ${PRETRAIN_DEFAULTS.seed})`,
      wholeNumberIn('--seed', SEED.min, SEED.max)
    )
    .option('--epochs <n>', `training epochs (default ${PRETRAIN_DEFAULTS.epochs})`, int)
    .option(
      '--samples <n>',
      `windows per epoch, split evenly between series (default ${PRETRAIN_DEFAULTS.samplesPerEpoch})`,
      int
    )
    .option('--synthetic <n>', `synthetic series to add (default ${SYNTHETIC.count})`, (v) => (v === '0' ? 0 : int(v)))
    .option('--json', 'print one JSON object on stdout')
    .addHelpText(
      'after',
      `\nExample:\n  $ npm run --silent forecast -- pretrain --csv-dir ../shared/data/nab --csv-dir ../shared/data/nab-extra --out src/engine/lstm/base`
    )
    .action(async (opts: PretrainCliOptions) => {
      await init();
      const out = await runPretrain(opts, (s) => process.stderr.write(`${s}\n`));
      print(!!opts.json, out.json, out.text);
    });
}
