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

/**
 * murmur3's 32-bit finaliser: every input bit moves every output bit. Why: FNV-1a's low bits hardly
 * mix (its lowest bit is the parity of the characters' lowest bits), so `hash mod 2` put all five
 * `twitter_mentions_per_5m` series, and 1,000 keys `{instance="x<i>"}`, on one of two shards.
 */
function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Which shard a series of a job belongs to. */
export function shardOf(jobName: string, seriesKey: string, count: number): number {
  // A separator that cannot occur in a job name keeps ("ab", "c") and ("a", "bc") apart.
  const hex = stableHash(`${jobName}\u0000${seriesKey}`);
  const high = mix32(parseInt(hex.slice(0, 8), 16));
  const low = mix32(parseInt(hex.slice(8), 16) ^ high);
  return Number(((BigInt(high) << BigInt(32)) | BigInt(low)) % BigInt(count));
}

/** Keeps what belongs to this shard; everything when there is no shard. */
export function inShard(shard: Shard | undefined, jobName: string, seriesKey: string): boolean {
  return !shard || shard.count === 1 || shardOf(jobName, seriesKey, shard.count) === shard.index;
}
