import { positiveDuration, prometheusBaseUrl, prometheusTrainOptions } from './promOptions';
import { UsageError } from './usage';

const ok = { prometheus: 'http://127.0.0.1:9090/', range: '7d', step: '5m', timeout: '30s' };

describe('train --prometheus options, before any request', () => {
  it('reads good options, without the trailing slash', () => {
    expect(prometheusTrainOptions(ok)).toEqual({
      baseUrl: 'http://127.0.0.1:9090',
      rangeMs: 7 * 86_400_000,
      stepMs: 300_000,
      timeoutMs: 30_000,
    });
  });

  it('refuses a URL without a scheme, and one with credentials without printing them', () => {
    expect(() => prometheusBaseUrl('127.0.0.1:9090')).toThrow(UsageError);
    expect(() => prometheusBaseUrl('127.0.0.1:9090')).toThrow(
      /give the base URL with its scheme, e\.g\. http:\/\/127\.0\.0\.1:9090/
    );
    const creds = () => prometheusBaseUrl('http://admin:secret@127.0.0.1:9090');
    expect(creds).toThrow(
      /^--prometheus "http:\/\/\*\*\*@127\.0\.0\.1:9090" carries a user name or password, which is not supported/
    );
    expect(() => prometheusBaseUrl('http://127.0.0.1:9090/?api_key=k')).toThrow(/has a query string or fragment/);
    expect(creds).not.toThrow(/secret/);
  });

  it('refuses a URL copied with /api/v1, which Foresight adds itself, naming the base to give', () => {
    expect(() => prometheusBaseUrl('http://127.0.0.1:9090/api/v1')).toThrow(
      /ends in \/api\/v1, which Foresight adds itself; give the base URL: http:\/\/127\.0\.0\.1:9090\.$/
    );
    expect(() => prometheusBaseUrl('http://127.0.0.1:9090/prometheus/api/v1/query_range')).toThrow(
      /give the base URL: http:\/\/127\.0\.0\.1:9090\/prometheus\.$/
    );
    expect(prometheusBaseUrl('http://127.0.0.1:9090/prometheus')).toBe('http://127.0.0.1:9090/prometheus');
  });

  it('says zero as zero, and a step longer than the range in durations', () => {
    expect(() => positiveDuration('0s', '--range', '7d')).toThrow(
      '--range must be greater than zero (got "0s"; use e.g. 7d).'
    );
    expect(() => positiveDuration('soon', '--step', '5m')).toThrow('--step "soon" is not a duration (use e.g. 5m).');
    expect(() => prometheusTrainOptions({ ...ok, range: '1h', step: '2h' })).toThrow(
      '--step 2h is longer than --range 1h: the range must hold at least one step (use a step of 1h or less, or a longer range).'
    );
  });

  it('refuses a timeout Node cannot time, instead of timing out at once', () => {
    expect(() => prometheusTrainOptions({ ...ok, timeout: '30d' })).toThrow(
      /longer than the longest timer Node can set/
    );
    expect(prometheusTrainOptions({ ...ok, timeout: '24d' }).timeoutMs).toBe(24 * 86_400_000);
  });

  it('refuses a range over the point budget before fetching it', () => {
    expect(() => prometheusTrainOptions({ ...ok, range: '100y' })).toThrow(
      /^--range 100y at --step 5m: This request gives 10,512,000 points .* Use a step of 2h or more, or a training window of/
    );
    expect(() => prometheusTrainOptions({ ...ok, range: '1000000000y' })).toThrow(UsageError);
  });
});
