import type { FetchLike } from '../io/prometheus';
import { coverageShortfall, fetchRange } from './promRange';

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
    ).rejects.toThrow(
      'Query returned 2 series ({instance="i0"}; {instance="i1"}); aggregate it to one (e.g. sum(...)) or select one with its labels to train a model.'
    );
  });

  it('names the range it searched when the query returns nothing', async () => {
    const empty: FetchLike = async () => ({
      ok: true,
      status: 200,
      statusText: 'OK',
      text: async () => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }),
    });
    await expect(
      fetchRange('http://127.0.0.1:1', 'old_metric', Date.UTC(2024, 0, 8), 7 * 86_400_000, 300_000, empty)
    ).rejects.toThrow(
      'Query returned no data from 2024-01-01T00:05Z to 2024-01-08T00:00Z (the last 7d at 5m steps): old_metric. If the series exists but is older'
    );
  });

  it('says which request of a chunked fetch failed, and for what stretch', async () => {
    let n = 0;
    const third: FetchLike = async (url, init) => {
      n++;
      if (n === 3) {
        return { ok: false, status: 500, statusText: 'x', text: async () => '{"status":"error","error":"boom"}' };
      }
      return fakeProm(1).fetch(url, init);
    };
    await expect(
      fetchRange('http://127.0.0.1:1', 'up', Date.UTC(2024, 0, 31), 30 * 86_400_000, 60_000, third)
    ).rejects.toThrow(/boom \(request 3 of 4, 2024-01-16T\d\d:\d\dZ to 2024-01-23T\d\d:\d\dZ\)$/);
  });
});

describe('fetchRange notices', () => {
  it("says each of Prometheus's warnings once, however many chunks repeat it", async () => {
    const warned: FetchLike = async (url, init) => {
      const answer = await fakeProm(1).fetch(url, init);
      const body = JSON.parse(await answer.text()) as Record<string, unknown>;
      return { ...answer, text: async () => JSON.stringify({ ...body, warnings: ['partial response'] }) };
    };
    const said: string[] = [];
    await fetchRange(
      'http://127.0.0.1:1',
      'up',
      Date.UTC(2024, 0, 31),
      30 * 86_400_000,
      60_000,
      warned,
      undefined,
      (t) => said.push(t)
    );
    expect(said).toEqual(['partial response']);
  });
});

describe('coverageShortfall', () => {
  const day = 86_400_000;
  const end = Date.UTC(2024, 0, 8);
  const series = (days: number) => {
    const times = Array.from({ length: days * 288 }, (_, i) => end - days * day + (i + 1) * 300_000);
    return { times, values: times.map(() => 1) };
  };

  it('says how much history Prometheus holds when it is well short of the range', () => {
    expect(coverageShortfall(series(2), end, 7 * day, 300_000)).toBe(
      'Prometheus holds data for only the last 2d of the 7d asked for (the first sample is at 2024-01-06T00:05Z): a wider --range will not add history; the forecast learns from what there is.'
    );
  });

  it('is quiet when the data covers the range, or nearly', () => {
    expect(coverageShortfall(series(7), end, 7 * day, 300_000)).toBeUndefined();
    expect(coverageShortfall(series(6), end, 7 * day, 300_000)).toBeUndefined();
    expect(coverageShortfall({ times: [1], values: [null] }, end, 7 * day, 300_000)).toBeUndefined();
  });
});
