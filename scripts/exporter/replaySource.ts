/**
 * Where the demo exporter finds the series to continue when it runs apart from the backfill (docker
 * compose): the NAB folder the history was written from and the history's manifest, which says for
 * which "now" it was shifted. Loading the CSVs again for that same instant gives the same shift and
 * so the same timestamps, which a continuation must follow exactly.
 */
import fs from 'fs';
import path from 'path';
import { loadCsvDir } from '../prometheus/backfill';
import { demoSeries } from '../prometheus/demoSeries';
import type { ReplaySource } from './replayMetrics';

/** Written beside the history file: `{ "nowMs": … }`, the instant its series end just before. */
export const REPLAY_MANIFEST = 'replay.json';

export function writeReplayManifest(historyDir: string, nowMs: number): string {
  const file = path.join(historyDir, REPLAY_MANIFEST);
  fs.writeFileSync(file, JSON.stringify({ nowMs }) + '\n');
  return file;
}

/** The series `historyDir`'s backfill ended, continued from where it ended. */
export function replaySourceFromHistory(nabDir: string, manifestFile: string): ReplaySource {
  let nowMs: unknown;
  try {
    nowMs = (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { nowMs?: unknown }).nowMs;
  } catch (e) {
    throw new Error(`cannot read the history manifest ${manifestFile}: ${(e as Error).message}`);
  }
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) {
    throw new Error(`the history manifest ${manifestFile} has no numeric "nowMs"`);
  }
  return { series: demoSeries(loadCsvDir(nabDir, nowMs), nowMs), backfilledUntilMs: nowMs };
}

/**
 * From FORESIGHT_REPLAY_NAB_DIR and FORESIGHT_REPLAY_MANIFEST, both or neither (no replay: the
 * exporter then serves its own service metrics only).
 */
export function replaySourceFromEnv(env: NodeJS.ProcessEnv = process.env): ReplaySource | undefined {
  const nabDir = env.FORESIGHT_REPLAY_NAB_DIR;
  const manifest = env.FORESIGHT_REPLAY_MANIFEST;
  if (!nabDir && !manifest) {
    return undefined;
  }
  if (!nabDir || !manifest) {
    throw new Error(
      'set both FORESIGHT_REPLAY_NAB_DIR and FORESIGHT_REPLAY_MANIFEST to continue the NAB series, or neither'
    );
  }
  return replaySourceFromHistory(nabDir, manifest);
}
