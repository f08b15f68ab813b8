import { FieldType } from '@grafana/data';
import type { PromMatrixItem } from '../../io/prometheus/types';
import { readPrometheusFixture } from '../prometheusFixtures';
import { goDurationString, matrixToDataFrames, parseMinStepMs, resolveRange } from './transform';

function matrix(name: string): PromMatrixItem[] {
  const body = JSON.parse(readPrometheusFixture(name));
  return body.data.result;
}

describe('matrixToDataFrames (recorded real Prometheus answers)', () => {
  it('gives one timeseries-multi frame per series, like Grafana', () => {
    const frames = matrixToDataFrames(matrix('matrix-twitter.json'), {
      refId: 'A',
      expr: 'twitter_mentions_per_5m{job="twitter"}',
      legendFormat: '{{instance}}',
      stepMs: 300_000,
    });
    expect(frames).toHaveLength(2);
    const [aapl] = frames;
    expect(aapl.refId).toBe('A');
    expect(aapl.name).toBe('AAPL');
    expect(aapl.meta).toEqual({
      type: 'timeseries-multi',
      typeVersion: [0, 1],
      custom: { resultType: 'matrix' },
      executedQueryString: 'Expr: twitter_mentions_per_5m{job="twitter"}\nStep: 5m0s',
    });
    expect(aapl.fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', FieldType.time],
      ['twitter_mentions_per_5m', FieldType.number],
    ]);
    expect(aapl.fields[0].config.interval).toBe(300_000);
    expect(aapl.fields[1].labels).toEqual({ __name__: 'twitter_mentions_per_5m', instance: 'AAPL', job: 'twitter' });
    expect(aapl.fields[1].config.displayNameFromDS).toBe('AAPL');
    const recorded = matrix('matrix-twitter.json')[0].values;
    expect(aapl.length).toBe(recorded.length);
    expect(aapl.fields[0].values[0]).toBe(recorded[0][0] * 1000);
    expect(aapl.fields[1].values[0]).toBe(Number(recorded[0][1]));
  });

  it("carries Prometheus's NaN, +Inf and -Inf as those numbers, as Grafana's frames do", () => {
    const [item] = matrix('matrix-twitter.json');
    const bad = ['NaN', '+Inf', '-Inf'];
    const values = item.values.map(([t, v], i): [number, string] => [t, bad[i] ?? v]);
    const [frame] = matrixToDataFrames([{ ...item, values }], { refId: 'A', expr: 'x', stepMs: 300_000 });
    expect(frame.fields[1].values.slice(0, 4)).toEqual([NaN, Infinity, -Infinity, Number(values[3][1])]);
  });

  it('names an aggregated series without __name__ as Grafana does', () => {
    const frames = matrixToDataFrames(matrix('matrix-sum-rate.json'), {
      refId: 'B',
      expr: 'sum by (job) (rate(x[10m]))',
      stepMs: 300_000,
    });
    expect(frames[0].fields[1].name).toBe('Value');
    expect(frames[0].name).toBe('{job="twitter"}');
  });

  it('gives a heatmap-cells frame per native histogram series, a row per bucket and time, like Grafana', () => {
    const recorded = matrix('matrix-native-histograms.json');
    const [frame] = matrixToDataFrames(recorded, { refId: 'A', expr: 'x', stepMs: 300_000 });
    expect(frame.meta?.type).toBe('heatmap-cells');
    expect(frame.fields.map((f) => f.name)).toEqual(['xMax', 'yMin', 'yMax', 'count', 'yLayout']);
    expect(frame.fields[1].labels).toEqual({ __name__: 'demo_request_duration_seconds', job: 'demo' });
    const [t, first] = recorded[0].histograms![0];
    const buckets = first.buckets ?? [];
    expect(frame.length).toBe(recorded[0].histograms!.length * buckets.length);
    expect(frame.fields[0].values.slice(0, buckets.length)).toEqual(buckets.map(() => t * 1000));
    expect(frame.fields[1].values.slice(0, buckets.length)).toEqual(buckets.map((b) => Number(b[1])));
    expect(frame.fields[3].values.slice(0, buckets.length)).toEqual(buckets.map((b) => Number(b[3])));
  });

  it('gives no frames for an empty result', () => {
    expect(matrixToDataFrames(matrix('matrix-empty.json'), { refId: 'A', expr: 'x', stepMs: 1000 })).toEqual([]);
  });
});

describe('step resolution', () => {
  it('formats Go durations', () => {
    expect(goDurationString(15_000)).toBe('15s');
    expect(goDurationString(60_000)).toBe('1m0s');
    expect(goDurationString(3_600_000)).toBe('1h0m0s');
  });
  it('takes the largest of min step, interval and the 11,000-point floor, aligned down', () => {
    expect(parseMinStepMs('60s')).toBe(60_000);
    expect(parseMinStepMs('oops')).toBe(0);
    expect(resolveRange(0, 86_400_000 * 30, 15_000, '60s').stepMs).toBe(236_000);
    expect(resolveRange(90_500, 3_600_000, 15_000, '1m')).toEqual({
      stepMs: 60_000,
      startMs: 60_000,
      endMs: 3_600_000,
    });
  });
});
