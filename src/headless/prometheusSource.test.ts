/**
 * @jest-environment node
 */
import type { FetchLike } from '../io/prometheus/httpClient';
import { bindRangeVariables, HttpRangeSource } from './prometheusSource';

/** A fetch that answers every request with `body` as JSON, recording the request bodies. */
function answering(body: unknown, bodies: string[] = []): FetchLike {
  return async (_url, init) => {
    bodies.push(init?.body ?? '');
    return { ok: true, status: 200, statusText: 'OK', text: async () => JSON.stringify(body) };
  };
}

describe('HttpRangeSource', () => {
  it('binds Grafana range variables to the training step and span', () => {
    expect(
      bindRangeVariables('rate(x[$__interval]) + $__range_ms + rate(y[$__rate_interval])', 300_000, 86_400_000)
    ).toBe('rate(x[300s]) + 86400000 + rate(y[1200s])');
  });

  it('reads current replicas as one point at now, per series, leaving out NaN', async () => {
    const bodies: string[] = [];
    const fetchFn = answering(
      {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            { metric: { deployment: 'a' }, values: [[1700000000, '4']] },
            { metric: { deployment: 'b' }, values: [[1700000000, 'NaN']] },
          ],
        },
      },
      bodies
    );
    const source = new HttpRangeSource('http://127.0.0.1:9090', 1000, fetchFn);
    expect(await source.instant('kube_deployment_status_replicas', 1_700_000_000_400)).toEqual([
      { labels: { deployment: 'a' }, value: 4 },
    ]);
    expect(bodies[0]).toContain('start=1700000000.000&end=1700000000.000');
  });

  it("passes Prometheus's warnings on with the query's refId", async () => {
    const fetchFn = answering({
      status: 'success',
      warnings: ['PromQL info: metric might not be a counter'],
      data: { resultType: 'matrix', result: [{ metric: {}, values: [[1700000000, '1']] }] },
    });
    const heard: string[] = [];
    const source = new HttpRangeSource('http://127.0.0.1:9090', 1000, fetchFn, (refId, text) =>
      heard.push(`${refId}: ${text}`)
    );
    await source.queryRange({ refId: 'checkout', expr: 'x', fromMs: 0, toMs: 600_000, stepMs: 300_000, points: 3 });
    await source.instant('y', 1_700_000_000_000, undefined, 'checkout (currentReplicasQuery)');
    expect(heard).toEqual([
      'checkout: PromQL info: metric might not be a counter',
      'checkout (currentReplicasQuery): PromQL info: metric might not be a counter',
    ]);
  });
});
