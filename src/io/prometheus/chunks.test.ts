import { alignDown, planChunks } from './chunks';

const MIN = 60_000;
const DAY = 86_400_000;

function gridPoints(plan: ReturnType<typeof planChunks>): number[] {
  const out: number[] = [];
  for (const c of plan.chunks) {
    for (let t = c.startMs; t <= c.endMs; t += plan.stepMs) {
      out.push(t);
    }
  }
  return out;
}

describe('planChunks', () => {
  it('splits 30 days at 60 s into chunks of at most 11,000 points with no gap or overlap', () => {
    const endMs = Date.UTC(2026, 10, 21, 6, 0, 30, 123);
    const plan = planChunks({ endMs, windowMs: 30 * DAY, stepMs: MIN });
    expect(plan.points).toBe(43_200);
    expect(plan.endMs).toBe(Date.UTC(2026, 10, 21, 6, 0, 0));
    expect(plan.chunks).toHaveLength(4);
    expect(plan.chunks.map((c) => c.points)).toEqual([11_000, 11_000, 11_000, 10_200]);
    const points = gridPoints(plan);
    expect(points).toHaveLength(43_200);
    expect(new Set(points).size).toBe(43_200);
    for (let i = 1; i < points.length; i++) {
      expect(points[i] - points[i - 1]).toBe(MIN);
    }
    for (let i = 1; i < plan.chunks.length; i++) {
      expect(plan.chunks[i].startMs - plan.chunks[i - 1].endMs).toBe(MIN);
    }
  });

  it('keeps a window of exactly 11,000 points in one chunk, and 11,001 in two', () => {
    const endMs = 11_000 * MIN * 100;
    const exact = planChunks({ endMs, windowMs: 11_000 * MIN, stepMs: MIN });
    expect(exact.chunks).toEqual([{ startMs: endMs - 10_999 * MIN, endMs, points: 11_000 }]);
    const oneMore = planChunks({ endMs, windowMs: 11_001 * MIN, stepMs: MIN });
    expect(oneMore.chunks.map((c) => c.points)).toEqual([11_000, 1]);
    expect(oneMore.chunks[1].startMs).toBe(endMs);
  });

  it('aligns to the UTC epoch grid, unaffected by daylight-saving dates', () => {
    // 2014-11-02 is the US DST change in the NAB data; UTC math has no 25-hour day.
    const endMs = Date.UTC(2014, 10, 3, 0, 7, 0);
    const plan = planChunks({ endMs, windowMs: 2 * DAY, stepMs: 5 * MIN });
    expect(plan.endMs).toBe(Date.UTC(2014, 10, 3, 0, 5, 0));
    expect(plan.points).toBe(576);
    expect(plan.endMs - plan.startMs).toBe(575 * 5 * MIN);
    expect(plan.startMs % (5 * MIN)).toBe(0);
  });

  it('honours a smaller chunk size', () => {
    const plan = planChunks({ endMs: 1_000 * MIN, windowMs: 10 * MIN, stepMs: MIN, maxPointsPerChunk: 3 });
    expect(plan.chunks.map((c) => [c.startMs / MIN, c.endMs / MIN])).toEqual([
      [991, 993],
      [994, 996],
      [997, 999],
      [1000, 1000],
    ]);
  });

  it('rejects bad input with specific messages', () => {
    expect(() => planChunks({ endMs: 0, windowMs: DAY, stepMs: 0 })).toThrow(/stepMs must be a positive whole number/);
    expect(() => planChunks({ endMs: 0, windowMs: 10, stepMs: MIN })).toThrow(/at least one step/);
    expect(() => planChunks({ endMs: NaN, windowMs: DAY, stepMs: MIN })).toThrow(/finite epoch-ms/);
  });

  it('alignDown floors negative times too', () => {
    expect(alignDown(-1, 1000)).toBe(-1000);
    expect(alignDown(1999, 1000)).toBe(1000);
  });
});
