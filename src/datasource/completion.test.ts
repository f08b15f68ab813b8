import { getCompletions, rankSuggestions, type MetadataSource } from './completion';
import { promqlContext } from './components/promqlContext';

function source(answers: Record<string, unknown>): MetadataSource & { calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  return {
    name: 'prom',
    calls,
    async getResource(path: string, params?: Record<string, string>) {
      calls.push([path, params]);
      if (!(path in answers)) {
        throw new Error(`404 ${path}`);
      }
      return answers[path];
    },
  };
}

describe('getCompletions', () => {
  it('asks the metadata API for metric names and caches the list', async () => {
    const ds = source({
      'api/v1/label/__name__/values': { status: 'success', data: ['up', 'http_requests_total', 'http_errors'] },
    });
    expect(await getCompletions(ds, promqlContext('http', 4), 0)).toEqual(['http_errors', 'http_requests_total']);
    expect(await getCompletions(ds, promqlContext('rate(req', 8), 1_000)).toEqual(['http_requests_total']);
    expect(ds.calls).toHaveLength(1);
    await getCompletions(ds, promqlContext('up', 2), 120_000);
    expect(ds.calls).toHaveLength(2);
  });

  it('narrows label names and values with match[] for the selector metric', async () => {
    const ds = source({
      'api/v1/labels': { status: 'success', data: ['__name__', 'instance', 'job'] },
      'api/v1/label/job/values': ['prometheus', 'node'],
    });
    expect(await getCompletions(ds, promqlContext('up{j', 4))).toEqual(['job']);
    expect(ds.calls[0]).toEqual(['api/v1/labels', { 'match[]': 'up' }]);
    expect(await getCompletions(ds, promqlContext('up{', 3))).toEqual(['instance', 'job']);
    expect(await getCompletions(ds, promqlContext('up{job="', 8))).toEqual(['node', 'prometheus']);
    expect(ds.calls[1]).toEqual(['api/v1/label/job/values', { 'match[]': 'up' }]);
  });

  it('says why completion is off instead of failing silently', async () => {
    await expect(getCompletions({ name: 'Loki' }, promqlContext('u', 1))).rejects.toThrow(
      'Completion is off: the data source "Loki" offers no metadata API.'
    );
    const broken = source({});
    await expect(getCompletions(broken, promqlContext('u', 1))).rejects.toThrow(
      /api\/v1\/label\/__name__\/values failed \(404/
    );
    // Failures are not cached.
    await expect(getCompletions(broken, promqlContext('u', 1))).rejects.toThrow();
    expect(broken.calls).toHaveLength(2);
  });

  it('suggests nothing where PromQL has no name', async () => {
    const ds = source({});
    expect(await getCompletions(ds, promqlContext('rate(x[5', 8))).toEqual([]);
    expect(ds.calls).toHaveLength(0);
  });
});

describe('rankSuggestions', () => {
  it('puts prefix matches first, then substring matches, without the exact text', () => {
    expect(rankSuggestions(['b_up', 'up', 'upper', 'x'], 'up')).toEqual(['upper', 'b_up']);
    expect(rankSuggestions(['a', 'b'], '', 1)).toEqual(['a']);
  });
});
