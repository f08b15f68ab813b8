/**
 * @jest-environment node
 */
import { inShard, parseShard, shardOf } from './shard';

describe('shards', () => {
  it('two shards over the same jobs cover every series exactly once', () => {
    const jobs = ['checkout', 'search', 'payments'];
    const keys = Array.from({ length: 500 }, (_, i) => `{instance="host-${i}", pod="p${i % 7}"}`);
    const shards = [parseShard('0/2'), parseShard('1/2')];
    let total = 0;
    for (const job of jobs) {
      for (const key of keys) {
        const owners = shards.filter((s) => inShard(s, job, key));
        expect(owners).toHaveLength(1);
        total += 1;
      }
      // Both shards get a fair share (a hash, not a split by order).
      const first = keys.filter((k) => inShard(shards[0], job, k)).length;
      expect(first).toBeGreaterThan(200);
      expect(first).toBeLessThan(300);
    }
    expect(total).toBe(jobs.length * keys.length);
  });

  it('splits evenly keys whose characters share their parity (FNV-1a alone did not)', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `{instance="x${i}"}`);
    const twitter = ['AAPL', 'AMZN', 'CRM', 'CVS', 'FB'].map((s) => `{instance="${s}", job="twitter"}`);
    for (const count of [2, 3, 4, 7]) {
      const sizes = new Array<number>(count).fill(0);
      keys.forEach((k) => sizes[shardOf('job', k, count)]++);
      for (const size of sizes) {
        expect(size).toBeGreaterThan((1000 / count) * 0.8);
        expect(size).toBeLessThan((1000 / count) * 1.2);
      }
    }
    const onFirst = twitter.filter((k) => shardOf('tw', k, 2) === 0).length;
    expect(onFirst).toBeGreaterThan(0);
    expect(onFirst).toBeLessThan(5);
  });

  it('is stable: the same series always lands in the same shard', () => {
    expect(shardOf('checkout', '{instance="a"}', 7)).toBe(shardOf('checkout', '{instance="a"}', 7));
    expect(inShard(undefined, 'x', 'y')).toBe(true);
  });

  it('rejects malformed shards', () => {
    expect(() => parseShard('2/2')).toThrow('shard index 2 must be below the count 2');
    expect(() => parseShard('0/0')).toThrow('shard count 0 must be from 1 to 10000');
    expect(() => parseShard('a/b')).toThrow('is not a shard like 0/2');
  });
});
