/**
 * Writes the backfill for docker compose: every NAB CSV (shifted to end just before now) and the edge
 * cases' series made from them, plus the demo exporter's 7 days of history, as one OpenMetrics file,
 * and beside it `replay.json`, from which the exporter continues the NAB series live. The compose
 * `prometheus` service turns the file into TSDB blocks with promtool on first start. Reuses the
 * stack's own loaders, so compose and the playground serve the same history.
 *
 * Usage: tsx playground/compose/writeHistory.ts --nab-dir DIR --out FILE
 */
import fs from 'node:fs';
import path from 'node:path';
import { exporterHistory } from '../../scripts/exporter/history';
import { dayLengthFromEnv } from '../../scripts/exporter/server';
import { writeReplayManifest } from '../../scripts/exporter/replaySource';
import { loadCsvDir } from '../../scripts/prometheus/backfill';
import { demoSeries } from '../../scripts/prometheus/demoSeries';
import { seriesFamilies } from '../../scripts/prometheus/liveReplay';
import { renderOpenMetrics } from '../../scripts/prometheus/openmetrics';

export interface HistoryArgs {
  nabDir: string;
  out: string;
}

export function parseArgs(argv: string[]): HistoryArgs {
  const value = (flag: string): string => {
    const index = argv.indexOf(flag);
    const found = index >= 0 ? argv[index + 1] : undefined;
    if (!found || found.startsWith('--')) {
      throw new Error(`missing ${flag} <path> (usage: writeHistory.ts --nab-dir DIR --out FILE)`);
    }
    return found;
  };
  return { nabDir: value('--nab-dir'), out: value('--out') };
}

export function writeHistory(args: HistoryArgs, nowMs = Date.now()): { series: number; bytes: number } {
  const loaded = loadCsvDir(args.nabDir, nowMs);
  if (loaded.length === 0) {
    throw new Error(`no NAB CSV files under ${args.nabDir}`);
  }
  // The same series as the playground's stack, edge cases included (the "Edge cases" dashboard).
  const families = demoSeries(loaded, nowMs).flatMap((s) => seriesFamilies(s, nowMs));
  families.push(...exporterHistory(nowMs, { dayLengthSec: dayLengthFromEnv() }));
  const text = renderOpenMetrics(families);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  // Write then rename, so Prometheus never reads a half-written file.
  fs.writeFileSync(`${args.out}.tmp`, text);
  fs.renameSync(`${args.out}.tmp`, args.out);
  // The exporter continues the NAB series from this instant (scripts/exporter/replaySource.ts).
  writeReplayManifest(path.dirname(args.out), nowMs);
  return { series: loaded.length, bytes: Buffer.byteLength(text) };
}

if (require.main === module) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const { series, bytes } = writeHistory(args);
    console.log(`Wrote ${args.out}: ${series} NAB series + demo exporter history, ${(bytes / 1e6).toFixed(1)} MB`);
  } catch (err) {
    console.error(`writeHistory: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
