import type { FetchLike } from '../../io/prometheus/httpClient';
import { PrometheusStandIn } from './PrometheusStandIn';

describe('PrometheusStandIn.getResource', () => {
  it('passes metadata paths to Prometheus with their parameters and returns its JSON', async () => {
    const urls: string[] = [];
    const fetch: FetchLike = async (url) => {
      urls.push(url);
      return { ok: true, status: 200, statusText: 'OK', text: async () => '{"status":"success","data":["job"]}' };
    };
    const ds = new PrometheusStandIn({ uid: 'p', prometheusUrl: 'http://prom/api/prom/', fetch });
    await expect(ds.getResource('api/v1/labels', { 'match[]': 'up{job="a"}' })).resolves.toEqual({
      status: 'success',
      data: ['job'],
    });
    expect(urls).toEqual(['http://prom/api/prom/api/v1/labels?match%5B%5D=up%7Bjob%3D%22a%22%7D']);
    await ds.getResource('api/v1/label/__name__/values');
    expect(urls[1]).toBe('http://prom/api/prom/api/v1/label/__name__/values');
  });

  it('refuses anything but the metadata API, and reports HTTP errors', async () => {
    const fetch: FetchLike = async () => ({
      ok: false,
      status: 400,
      statusText: 'Bad Request',
      text: async () => '{"status":"error","error":"bad match"}',
    });
    const ds = new PrometheusStandIn({ uid: 'p', prometheusUrl: 'http://prom', fetch });
    await expect(ds.getResource('api/v1/admin/tsdb/delete_series')).rejects.toThrow(/does not serve/);
    await expect(ds.getResource('api/v1/label/../values')).rejects.toThrow(/does not serve/);
    await expect(ds.getResource('api/v1/labels')).rejects.toThrow(
      '400 Bad Request: {"status":"error","error":"bad match"}'
    );
  });
});
