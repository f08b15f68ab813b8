import type { FetchLike } from '../io/prometheus';
import { fetchRange } from './promRange';

function fakeProm(series: number): { fetch: FetchLike; calls: string[] } {
  const calls: string[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const body = new URLSearchParams(init?.body ?? '');
    calls.push(body.toString());
    const start = Number(body.get('start'));
    const end = Number(body.get('end'));
    const step = Number(body.get('step'));
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end + 1e-9; t += step) {
      values.push([t, String(t % 7)]);
    }
    const result = Array.from({ length: series }, (_, i) => ({ metric: { instance: `i${i}` }, values }));
    return {
      ok: true,
      status: 200,
      statusText: 'OK',
      text: async () => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }),
    };
  };
  return { fetch, calls };
}

describe('fetchRange', () => {
  it('splits 30 days at 60 s into chunks of at most 11,000 points and merges them', async () => {
    const { fetch, calls } = fakeProm(1);
    const s = await fetchRange('http://127.0.0.1:1', 'up', Date.UTC(2024, 0, 31), 30 * 86_400_000, 60_000, fetch);
    expect(calls.length).toBe(4);
    expect(s.times.length).toBe(43_200);
    expect(new Set(s.times).size).toBe(43_200);
  });

  it('refuses a query that returns several series', async () => {
    const { fetch } = fakeProm(2);
    await expect(
      fetchRange('http://127.0.0.1:1', 'up', Date.UTC(2024, 0, 2), 86_400_000, 300_000, fetch)
    ).rejects.toThrow(/returned 2 series/);
  });
});
