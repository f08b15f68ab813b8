import { repeatsWarning, sampleRepeats } from './repeats';

/** A noisy daily wave sampled every `every` steps and read at every step, as a range query returns it. */
function readEvery(n: number, every: number, seed = 1): number[] {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const out: number[] = [];
  let held = 0;
  for (let i = 0; i < n; i++) {
    if (i % every === 0) {
      held = 100 + 30 * Math.sin((2 * Math.PI * i) / 1440) + 5 * rand();
    }
    out.push(held);
  }
  return out;
}

/** A quantised gauge that holds each value for a random stretch (errors per minute, replicas). */
function randomHolds(n: number, stay: number, levels: number[], seed = 3): number[] {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const out: number[] = [];
  let v = levels[0];
  for (let i = 0; i < n; i++) {
    if (rand() > stay) {
      v = levels[Math.floor(rand() * levels.length)];
    }
    out.push(v);
  }
  return out;
}

describe('sampleRepeats', () => {
  it('finds a 5-minute series read at 1 minute, and at 2 minutes (runs of 2 and 3)', () => {
    expect(sampleRepeats(readEvery(10_080, 5))).toEqual({ factor: 5 });
    // 5-minute samples at a 2-minute step: runs alternate 2 and 3
    const twoMinute = readEvery(5000, 5).filter((_, i) => i % 2 === 0);
    expect(sampleRepeats(twoMinute)?.factor).toBeCloseTo(2.5, 1);
  });

  it('is quiet for a series read at its own interval, with gaps, and for short data', () => {
    expect(sampleRepeats(readEvery(2016, 1))).toBeUndefined();
    expect(sampleRepeats(readEvery(60, 5))).toBeUndefined();
    const gappy: Array<number | null> = readEvery(10_080, 5).map((v, i) => (i % 97 === 0 ? null : v));
    expect(sampleRepeats(gappy)?.factor).toBeGreaterThan(4.5);
  });

  it('is not fooled by a gauge that holds values for random stretches', () => {
    expect(sampleRepeats(randomHolds(10_000, 0.5, [0, 1, 2, 3]))).toBeUndefined();
    expect(sampleRepeats(randomHolds(10_000, 0.8, [0, 1, 2, 3, 4, 5]))).toBeUndefined();
    expect(sampleRepeats(randomHolds(10_000, 0.99, [2, 3, 4, 6, 8]))).toBeUndefined();
    // a square wave holds each level exactly as long every time, but has two values, not new readings
    const square = Array.from({ length: 4032 }, (_, i) => (Math.floor(i / 144) % 2 === 0 ? 10 : 20));
    expect(sampleRepeats(square)).toBeUndefined();
  });

  it('says how often the series changes and the step to use, in the front door words', () => {
    const r = sampleRepeats(readEvery(10_080, 5))!;
    expect(repeatsWarning(r, 60_000)).toBe(
      "Each sample repeats about 5 times: the series changes only every ~5m but is read at 1m steps (Prometheus repeats a sample until the next one), so the first steps' bands are too narrow and the models learn the repeats. Set the training step to 5m or more."
    );
    expect(repeatsWarning(r, 60_000, '--step')).toMatch(/Set --step to 5m or more\.$/);
    // runs of 5 and 6 at 1m: the interval said as measured, the advice a step one can type
    expect(repeatsWarning({ factor: 5.4 }, 60_000)).toMatch(
      /^Each sample repeats about 5 times: the series changes only every ~5m 24s .* Set the training step to 10m or more\.$/
    );
  });
});
