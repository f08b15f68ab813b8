import { DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { engineSeries } from '../advisor/seriesRuns';
import { prepareSeries } from '../engine/prepare';
import { framesToSeries, histogramSeriesNames } from './promFrames';

describe('framesToSeries', () => {
  it('reads timeseries-multi frames (one labelled value field each)', () => {
    const frames: DataFrame[] = [
      {
        refId: 'A',
        length: 2,
        meta: { type: 'timeseries-multi' },
        fields: [
          { name: 'Time', type: FieldType.time, config: {}, values: [1000, 2000] },
          {
            name: 'up',
            type: FieldType.number,
            config: { displayNameFromDS: 'api' },
            labels: { __name__: 'up', job: 'api' },
            values: [1, NaN],
          },
        ],
      } as unknown as DataFrame,
    ];
    expect(framesToSeries(frames)).toEqual([
      {
        labels: { __name__: 'up', job: 'api' },
        times: [1000, 2000],
        values: [1, null],
        nonFiniteTimes: [2000],
        name: 'api',
      },
    ]);
  });

  it("reads the NaN and ±Infinity Grafana decodes from Prometheus's answer as gaps the engine's warning line says", () => {
    const step = 300_000;
    const times = Array.from({ length: 100 }, (_, i) => i * step);
    // Grafana's frames carry Prometheus's "NaN", "+Inf", "-Inf" as those numbers; a null is a missing sample.
    const bad = new Map([
      [10, NaN],
      [40, Infinity],
      [70, -Infinity],
    ]);
    const frame = (values: Array<number | null>) =>
      ({
        refId: 'A',
        length: times.length,
        meta: { type: 'timeseries-multi' },
        fields: [
          { name: 'Time', type: FieldType.time, config: {}, values: times },
          { name: 'Value', type: FieldType.number, config: {}, labels: { job: 'api' }, values },
        ],
      }) as unknown as DataFrame;
    const [series] = framesToSeries([frame(times.map((_, i) => bad.get(i) ?? (i === 90 ? null : i % 5)))]);
    expect(series.nonFiniteTimes).toEqual([10, 40, 70].map((i) => i * step));
    expect([10, 40, 70, 90].map((i) => series.values[i])).toEqual([null, null, null, null]);
    expect(prepareSeries(engineSeries(series), step).warnings).toContain(
      '4 samples missing, NaN, infinite or stale: treated as gaps.'
    );
    // The same series with only the missed scrape: routine, no such sentence.
    const [clean] = framesToSeries([frame(times.map((_, i) => (i === 90 ? null : i % 5)))]);
    expect(clean).not.toHaveProperty('nonFiniteTimes');
    expect(prepareSeries(engineSeries(clean), step).warnings).toEqual([]);
  });

  it('reads wide frames (several value fields on one time field) and skips frames without time', () => {
    const wide = {
      length: 2,
      fields: [
        { name: 'time', type: FieldType.time, config: {}, values: [1000, 2000] },
        { name: 'a', type: FieldType.number, config: {}, labels: { instance: 'a' }, values: [1, 2] },
        { name: 'b', type: FieldType.number, config: {}, labels: { instance: 'b' }, values: [3, null] },
        { name: 'note', type: FieldType.string, config: {}, values: ['x', 'y'] },
      ],
    } as unknown as DataFrame;
    const noTime = {
      length: 1,
      fields: [{ name: 'v', type: FieldType.number, config: {}, values: [1] }],
    } as unknown as DataFrame;
    const series = framesToSeries([wide, noTime]);
    expect(series.map((s) => s.labels.instance)).toEqual(['a', 'b']);
    expect(series[1].values).toEqual([3, null]);
  });

  it('names unlabelled fields of a wide frame by their own names, so two of them stay distinct', () => {
    const frame = {
      name: 'two sums',
      length: 1,
      fields: [
        { name: 'Time', type: FieldType.time, config: {}, values: [1000] },
        { name: 'a', type: FieldType.number, config: {}, values: [1] },
        { name: 'b', type: FieldType.number, config: {}, values: [2] },
      ],
    } as unknown as DataFrame;
    expect(framesToSeries([frame]).map((s) => s.labels)).toEqual([{ __name__: 'a' }, { __name__: 'b' }]);
  });

  it('keeps an unlabelled series (a sum) the same series whatever its legend or bound expression', () => {
    // Grafana names the frame by the legend, or by the expression: neither is the series.
    const frame = (name: string) =>
      ({
        name,
        length: 1,
        fields: [
          { name: 'Time', type: FieldType.time, config: {}, values: [1000] },
          { name: 'Value', type: FieldType.number, config: { displayNameFromDS: name }, values: [1] },
        ],
      }) as unknown as DataFrame;
    const keys = ['checkout req/s', 'checkout req/s x', 'sum(rate(x[1m0s]))', 'sum(rate(x[5m0s]))'].map(
      (name) => framesToSeries([frame(name)])[0].labels
    );
    expect(keys).toEqual([{}, {}, {}, {}]);
  });

  it('leaves out the heatmap-cells frames Grafana makes of native histograms, and names their series', () => {
    // The shape of Grafana's Prometheus converter (pkg/promlib/converter/prom.go, histogramInfo):
    // one row per bucket and time, the series' labels on yMin.
    const t = [60_000, 60_000, 120_000, 120_000];
    const heatmap: DataFrame = {
      name: '',
      meta: { type: DataFrameType.HeatmapCells },
      length: 4,
      fields: [
        { name: 'xMax', type: FieldType.time, config: {}, values: t },
        {
          name: 'yMin',
          type: FieldType.number,
          config: {},
          values: [0.5, 1, 0.5, 1],
          labels: { __name__: 'h', job: 'api' },
        },
        { name: 'yMax', type: FieldType.number, config: {}, values: [1, 2, 1, 2] },
        { name: 'count', type: FieldType.number, config: {}, values: [3, 4, 5, 6] },
        { name: 'yLayout', type: FieldType.number, config: {}, values: [0, 0, 0, 0] },
      ],
    };
    const plain: DataFrame = {
      length: 1,
      fields: [
        { name: 'Time', type: FieldType.time, config: {}, values: [60_000] },
        { name: 'Value', type: FieldType.number, config: {}, values: [1], labels: { job: 'x' } },
      ],
    };
    expect(histogramSeriesNames([plain, heatmap])).toEqual(['h{job="api"}']);
    expect(framesToSeries([plain, heatmap]).map((s) => s.labels)).toEqual([{ job: 'x' }]);
    // Without the frame type (an older Grafana), the field names still say what it is.
    expect(histogramSeriesNames([{ ...heatmap, meta: undefined }])).toEqual(['h{job="api"}']);
  });
});
