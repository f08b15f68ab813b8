/**
 * Runs `fn` on each index with at most `limit` calls in flight, started in the given order. Used for
 * a dashboard's cheap per-series runs (quick forecasts, cached models): one at a time, the worker sat
 * idle each time the page was busy drawing the previous answer; a few in flight keep it fed.
 * The first failure rejects at once (a cancelled query aborts the rest through its signal).
 */
export async function inPool(indices: number[], limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < indices.length) {
      await fn(indices[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, indices.length)) }, lane));
}
