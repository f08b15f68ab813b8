/** @jest-environment node */
import { proxiedPath, unreachableBody } from './prometheusProxy';

describe('proxiedPath', () => {
  it('forwards the data source proxy path and the short alias to Prometheus API paths', () => {
    expect(proxiedPath('/api/datasources/proxy/uid/prometheus/api/v1/query_range')).toBe('/api/v1/query_range');
    expect(proxiedPath('/api/prom/api/v1/query?query=up')).toBe('/api/v1/query?query=up');
  });

  it('refuses admin endpoints and anything outside the HTTP API', () => {
    expect(proxiedPath('/api/prom/api/v1/admin/tsdb/delete_series')).toBeUndefined();
    expect(proxiedPath('/api/prom/-/quit')).toBeUndefined();
    expect(proxiedPath('/api/datasources/proxy/uid/../api/v1/query')).toBeUndefined();
    expect(proxiedPath('/public/plugins/x')).toBeUndefined();
  });
});

describe('unreachableBody', () => {
  it('answers in Prometheus error shape, naming the server and the cause', () => {
    expect(JSON.parse(unreachableBody('http://127.0.0.1:9', 'ECONNREFUSED'))).toEqual({
      status: 'error',
      errorType: 'unavailable',
      error: 'Prometheus at http://127.0.0.1:9 is unreachable (ECONNREFUSED)',
    });
  });
});
