import { COUNTER_MIN_POINTS, counterShape, counterWarning } from './counter';

/** A running total of a noisy daily rate, the way Prometheus stores `http_requests_total`. */
function runningTotal(n: number, resetsAt: number[] = []): number[] {
  const out: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    total = resetsAt.includes(i) ? 0 : total + 50 + 40 * Math.sin((2 * Math.PI * i) / 288) + (i % 7);
    out.push(total);
  }
  return out;
}

/** Its rate: what the same series is after rate(), up and down all day. */
function rateOf(total: number[]): number[] {
  return total.slice(1).map((v, i) => (v - total[i]) / 300);
}

describe('counterShape', () => {
  const total = runningTotal(2016, [900, 1500]);

  it('finds a running total and counts its resets', () => {
    expect(counterShape({ values: runningTotal(2016) })).toEqual({ resets: 0, name: undefined });
    expect(counterShape({ values: total })).toEqual({ resets: 2, name: undefined });
  });

  it('names the metric when the query kept a counter name', () => {
    expect(counterShape({ values: total, labels: { __name__: 'http_requests_total', job: 'api' } })).toEqual({
      resets: 2,
      name: 'http_requests_total',
    });
  });

  it('takes a counter nobody increments for one only when its name says so', () => {
    const flat = Array<number>(300).fill(5230);
    expect(counterShape({ values: flat, labels: { __name__: 'model_requests_total' } })?.resets).toBe(0);
    expect(counterShape({ values: flat })).toBeUndefined();
    expect(counterShape({ values: flat, labels: { __name__: 'model_replicas' } })).toBeUndefined();
  });

  it('finds a counter of rare events without its name, but not a gauge that seldom steps up', () => {
    // One request in about one step of five: flat between them, as a quiet service's total is.
    const quiet = Array.from({ length: 2016 }, (_, i) => Math.floor(i / 5) + (i % 5 === 4 ? 1 : 0));
    expect(counterShape({ values: quiet })).toEqual({ resets: 0, name: undefined });
    // A replica count that only ever went up, four times in a week.
    const replicas = Array.from({ length: 2016 }, (_, i) => 2 + Math.floor(i / 500));
    expect(counterShape({ values: replicas })).toBeUndefined();
  });

  it('is not fooled by a rate, a gauge or the same counter behind a counter function', () => {
    expect(counterShape({ values: rateOf(total) })).toBeUndefined();
    expect(counterShape({ values: total, expr: 'sum(rate(http_requests_total[5m]))' })).toBeUndefined();
    expect(counterShape({ values: total, expr: 'increase(http_requests_total[1h])' })).toBeUndefined();
    // A gauge that mostly grows but gives some back (a disk with log rotation) falls too often.
    const disk = runningTotal(2016).map((v, i) => (i % 20 === 0 ? v * 0.9 : v));
    expect(counterShape({ values: disk })).toBeUndefined();
    // Negative values are never a counter.
    expect(counterShape({ values: total.map((v) => v - 1e6) })).toBeUndefined();
  });

  it('reads only finite values and needs enough of them', () => {
    const gappy: Array<number | null> = total.map((v, i) => (i % 3 === 0 ? null : v));
    gappy[10] = NaN;
    expect(counterShape({ values: gappy })?.resets).toBe(2);
    expect(counterShape({ values: total.slice(0, COUNTER_MIN_POINTS - 1) })).toBeUndefined();
    expect(counterShape({ values: [] })).toBeUndefined();
  });

  it('is the same at any scale, and the rule commutes with a unit change', () => {
    expect(counterShape({ values: total.map((v) => v * 1e-9) })).toEqual(counterShape({ values: total }));
    expect(counterShape({ values: total.map((v) => v * 1e12) })).toEqual(counterShape({ values: total }));
  });
});

describe('counterWarning', () => {
  it('says what it looks like, what is withheld and the fix in PromQL', () => {
    const text = counterWarning({ resets: 2, name: 'http_requests_total' }, 5 * 60_000);
    expect(text).toContain('never falls, apart from 2 resets');
    expect(text).toContain('counter read without rate()');
    expect(text).toContain('no replicas or scale actions are planned');
    expect(text).toContain('rate(http_requests_total[5m])');
  });

  it('suggests a rate range of at least the step', () => {
    expect(counterWarning({ resets: 0 }, 3_600_000)).toContain('rate(metric_total[1h])');
    expect(counterWarning({ resets: 1 }, 60_000)).toMatch(/apart from 1 reset \(/);
  });
});
