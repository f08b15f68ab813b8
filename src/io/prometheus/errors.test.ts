import { classifyPrometheusError, PrometheusHttpError } from './errors';

describe('PrometheusHttpError', () => {
  it('says an answer that came with 200 could not be read, and an error status is an error answer', () => {
    const unreadable = new PrometheusHttpError('HTTP 200 OK, text that is not JSON: "{\\"stat"', 200);
    expect(unreadable.message).toBe(
      'Prometheus\'s answer could not be read: HTTP 200 OK, text that is not JSON: "{\\"stat"'
    );
    expect(classifyPrometheusError('HTTP 500 Internal Server Error', undefined, 500).message).toBe(
      'Prometheus answered with an error: HTTP 500 Internal Server Error'
    );
  });
});
