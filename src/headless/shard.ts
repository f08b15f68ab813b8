/**
 * `--shard i/n`: n replicas of `serve` split a job's series without talking to each other. A series
 * belongs to shard `hash(job name + series label key) mod n`; the hash is stable across processes,
 * machines and restarts (no random seed), so every replica agrees and each series is forecast once.
 */
import { stableHash } from '../common/hash';

export interface Shard {
  /** 0-based index of this replica. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) {
    throw new Error(`"${text}" is not a shard like 0/2 (index/count, index from 0)`);
  }
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10_000) {
    throw new Error(`shard count ${count} must be from 1 to 10000`);
  }
  if (index >= count) {
    throw new Error(
      `shard index ${index} must be below the count ${count} (shards are 0/${count} … ${count - 1}/${count})`
    );
  }
  return { index, count };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** Which shard a series of a job belongs to. */
export function shardOf(jobName: string, seriesKey: string, count: number): number {
  // A separator that cannot occur in a job name keeps ("ab", "c") and ("a", "bc") apart.
  return Number(BigInt(`0x${stableHash(`${jobName}\u0000${seriesKey}`)}`) % BigInt(count));
}

/** Keeps what belongs to this shard; everything when there is no shard. */
export function inShard(shard: Shard | undefined, jobName: string, seriesKey: string): boolean {
  return !shard || shard.count === 1 || shardOf(jobName, seriesKey, shard.count) === shard.index;
}
