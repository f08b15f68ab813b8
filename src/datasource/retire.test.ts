import { last24hPeak } from './retire';

describe('last24hPeak', () => {
  const H = 3_600_000;
  it('takes the max over the last 24 h only, ignoring nulls', () => {
    const now = 100 * H;
    const s = { labels: {}, times: [now - 30 * H, now - 20 * H, now - H, now], values: [99, 3, null, 1] };
    expect(last24hPeak(s, now)).toBe(3);
  });
  it('is undefined without a sample in the day', () => {
    expect(last24hPeak({ labels: {}, times: [0], values: [5] }, 100 * H)).toBeUndefined();
  });
});
