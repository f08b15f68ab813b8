/** @jest-environment node */
import { formatLabels, renderFamily, renderOpenMetrics, runningTotal } from './openmetrics';
import { specForCsv } from './catalogue';

describe('OpenMetrics rendering', () => {
  it('writes timestamps in seconds and ends with # EOF', () => {
    const text = renderOpenMetrics([
      { type: 'gauge', name: 'x', help: 'h', labels: { job: 'j' }, samples: [{ t: 1_700_000_000_000, v: 1.5 }] },
    ]);
    expect(text).toBe('# HELP x h\n# TYPE x gauge\nx{job="j"} 1.5 1700000000\n# EOF\n');
  });

  it('keeps sub-second timestamps as decimal seconds', () => {
    expect(renderFamily({ type: 'gauge', name: 'x', help: 'h', labels: {}, samples: [{ t: 1500, v: 1 }] })).toContain(
      'x 1 1.500'
    );
  });

  it('names counter samples with _total and rejects a family already ending in _total', () => {
    expect(renderFamily({ type: 'counter', name: 'req', help: 'h', labels: {}, samples: [{ t: 0, v: 1 }] })).toContain(
      'req_total 1 0'
    );
    expect(() => renderFamily({ type: 'counter', name: 'req_total', help: 'h', labels: {}, samples: [] })).toThrow(
      /without the _total suffix/
    );
  });

  it('sorts samples and drops duplicate timestamps and non-finite values', () => {
    const text = renderFamily({
      type: 'gauge',
      name: 'x',
      help: 'h',
      labels: {},
      samples: [
        { t: 2000, v: 2 },
        { t: 1000, v: 1 },
        { t: 2000, v: 3 },
        { t: 3000, v: NaN },
      ],
    });
    expect(text.split('\n').filter((l) => l.startsWith('x '))).toEqual(['x 1 1', 'x 2 2']);
  });

  it('escapes label values and sorts label names', () => {
    expect(formatLabels({ b: 'say "hi"\n', a: 'back\\slash' })).toBe('{a="back\\\\slash",b="say \\"hi\\"\\n"}');
  });

  it('groups label sets of one metric under a single HELP/TYPE header', () => {
    const text = renderOpenMetrics([
      { type: 'gauge', name: 'x', help: 'h', labels: { i: 'a' }, samples: [{ t: 0, v: 1 }] },
      { type: 'gauge', name: 'y', help: 'h', labels: {}, samples: [{ t: 0, v: 1 }] },
      { type: 'gauge', name: 'x', help: 'h', labels: { i: 'b' }, samples: [{ t: 0, v: 2 }] },
    ]);
    expect(text.match(/# TYPE x gauge/g)).toHaveLength(1);
    expect(text.indexOf('x{i="b"}')).toBeLessThan(text.indexOf('# TYPE y'));
  });
});

describe('runningTotal', () => {
  it('accumulates per-interval counts into a monotonic counter, ignoring negative values', () => {
    expect(
      runningTotal([
        { t: 0, v: 5 },
        { t: 1, v: 0 },
        { t: 2, v: -3 },
        { t: 3, v: 2.5 },
      ]).map((s) => s.v)
    ).toEqual([5, 5, 5, 7.5]);
  });
});

describe('catalogue', () => {
  it('gives request-count series a meaningful name and a counter', () => {
    expect(specForCsv('/x/realAWSCloudwatch/elb_request_count_8c0756.csv')).toMatchObject({
      metric: 'aws_elb_requests_per_5m',
      labels: { job: 'aws-elb', instance: '8c0756' },
      counter: 'aws_elb_requests',
    });
  });

  it('derives a valid name for unknown CSVs from the folder and file', () => {
    expect(specForCsv('/data/my-metrics/9 api-latency.csv')).toMatchObject({
      metric: 'nab__9_api_latency',
      labels: { job: 'my_metrics', instance: '9 api-latency' },
    });
    expect(specForCsv('/data/x/request_count.csv').counter).toBe('nab_request_count_count');
  });
});
