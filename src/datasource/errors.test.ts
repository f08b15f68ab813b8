import { PromQLError } from '../io/prometheus/errors';
import { WorkerCrashError } from '../worker/errors';
import { toForesightError } from '../advisor/errors';
import { fromDataSourceError } from './errors';

describe('error mapping', () => {
  it('maps errors coming back from Grafana’s Prometheus source', () => {
    expect(
      fromDataSourceError({
        refId: 'A',
        message: 'bad_data: 1:48: parse error: unclosed left parenthesis',
        status: 400,
      })
    ).toMatchObject({
      kind: 'promql',
      message: 'PromQL error: 1:48: parse error: unclosed left parenthesis',
    });
    expect(
      fromDataSourceError({
        status: 502,
        statusText: 'Bad Gateway',
        data: { message: 'Post "http://prom:9090/api/v1/query_range": dial tcp: connection refused' },
      })
    ).toMatchObject({
      kind: 'unreachable',
    });
    expect(
      fromDataSourceError({ data: { message: 'exceeded maximum resolution of 11,000 points per timeseries' } }).kind
    ).toBe('resolution');
  });

  it('keeps engine and worker errors specific', () => {
    const tooShort = Object.assign(new Error('Only 30 points; seasonal naive needs 600.'), {
      name: 'EngineError',
      code: 'too_short',
    });
    expect(toForesightError(tooShort)).toMatchObject({
      kind: 'too_short',
      message: 'Only 30 points; seasonal naive needs 600.',
    });
    const incompatible = Object.assign(new Error('model trained at 5m'), {
      name: 'EngineError',
      code: 'incompatible_model',
    });
    expect(toForesightError(incompatible).kind).toBe('incompatible_model');
    expect(toForesightError(new WorkerCrashError('out of memory')).kind).toBe('worker_crash');
    expect(toForesightError(new PromQLError('x')).kind).toBe('promql');
    expect(toForesightError('weird').message).toBe('Forecast failed: weird');
  });
});
