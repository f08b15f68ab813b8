/**
 * Pure transforms that make the stand-in answer exactly like Grafana's Prometheus data source
 * (pkg/promlib: converter + addMetadataToMultiFrame, data-plane `timeseries-multi`): one frame per
 * series with a `Time` field (config.interval = step) and a value field named after `__name__`
 * (or `Value`) carrying the labels, `displayNameFromDS` from the legend format, and
 * `executedQueryString` in the meta. A series of native histograms becomes a `heatmap-cells` frame,
 * as Grafana's converter makes it (`histogramInfo` in pkg/promlib/converter/prom.go).
 */
import { DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { matrixToSeries } from '../../io/prometheus/httpClient';
import { promDisplayName } from '../../io/prometheus/legend';
import { readSampleValue } from '../../io/prometheus/samples';
import { MAX_POINTS_PER_SERIES, type PromMatrixItem } from '../../io/prometheus/types';

export interface MatrixFrameOptions {
  refId: string;
  expr: string;
  legendFormat?: string;
  stepMs: number;
}

/** Go's time.Duration.String() for whole seconds: `15s`, `5m0s`, `1h0m0s`. */
export function goDurationString(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  const totalSec = ms / 1000;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = +(totalSec % 60).toFixed(3);
  if (h > 0) {
    return `${h}h${m}m${s}s`;
  }
  if (m > 0) {
    return `${m}m${s}s`;
  }
  return `${s}s`;
}

/**
 * A sample value as Grafana's frames carry it: its backend parses "NaN", "+Inf" and "-Inf" into those
 * floats and the frontend decodes them back into numbers, so the data source's frame reader meets
 * NaN and ±Infinity, not null, and must say them as the HTTP client does.
 */
function frameValue(text: string): number | null {
  const value = readSampleValue(text);
  if (value !== 'nonFinite') {
    return value;
  }
  const t = text.trim().toLowerCase();
  return t.endsWith('nan') ? NaN : t.startsWith('-') ? -Infinity : Infinity;
}

export function matrixToDataFrames(result: PromMatrixItem[], options: MatrixFrameOptions): DataFrame[] {
  const executedQueryString = `Expr: ${options.expr}\nStep: ${goDurationString(options.stepMs)}`;
  return result.map((item) => {
    if (item.histograms) {
      return histogramFrame(item, options.refId);
    }
    const [series] = matrixToSeries([item]);
    const displayName = promDisplayName(series.labels, options.legendFormat, options.expr);
    const valueConfig = displayName ? { displayNameFromDS: displayName } : {};
    return {
      refId: options.refId,
      name: displayName || undefined,
      length: series.times.length,
      meta: {
        type: 'timeseries-multi',
        typeVersion: [0, 1],
        custom: { resultType: 'matrix' },
        executedQueryString,
      },
      fields: [
        { name: 'Time', type: FieldType.time, config: { interval: options.stepMs }, values: series.times },
        {
          name: series.labels.__name__ ?? 'Value',
          type: FieldType.number,
          labels: series.labels,
          config: valueConfig,
          values: item.values.map(([, v]) => frameValue(v)),
        },
      ],
    } as DataFrame;
  });
}

/**
 * A native histogram series as Grafana's converter hands it on: one row per bucket and time
 * (`xMax`, `yMin` carrying the labels, `yMax`, `count`, `yLayout`), frame type `heatmap-cells`; the
 * series' float values, if it has any, are dropped, as Grafana drops them.
 */
function histogramFrame(item: PromMatrixItem, refId: string): DataFrame {
  const xMax: number[] = [];
  const yMin: number[] = [];
  const yMax: number[] = [];
  const count: number[] = [];
  const yLayout: number[] = [];
  for (const [t, histogram] of item.histograms ?? []) {
    for (const [layout, lower, upper, n] of histogram.buckets ?? []) {
      xMax.push(Math.round(t * 1000));
      yLayout.push(layout);
      yMin.push(Number(lower));
      yMax.push(Number(upper));
      count.push(Number(n));
    }
  }
  return {
    refId,
    name: undefined,
    length: xMax.length,
    meta: { type: DataFrameType.HeatmapCells },
    fields: [
      { name: 'xMax', type: FieldType.time, config: {}, values: xMax },
      { name: 'yMin', type: FieldType.number, config: {}, values: yMin, labels: item.metric },
      { name: 'yMax', type: FieldType.number, config: {}, values: yMax },
      { name: 'count', type: FieldType.number, config: {}, values: count },
      { name: 'yLayout', type: FieldType.number, config: {}, values: yLayout },
    ],
  };
}

/** Parses Prometheus-style durations used as a query's min step (`30s`, `5m`, `1h`). */
export function parseMinStepMs(interval: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec((interval ?? '').trim());
  if (!match) {
    return 0;
  }
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return Math.round(Number(match[1]) * unit[match[2]]);
}

/**
 * Step and aligned range as Grafana's Prometheus backend picks them: at least the query's min step
 * and the request interval, never more than 11,000 points, and the range aligned down to the step.
 */
export function resolveRange(fromMs: number, toMs: number, intervalMs: number, minStep: string | undefined) {
  const safeStepMs = Math.ceil((toMs - fromMs) / MAX_POINTS_PER_SERIES / 1000) * 1000;
  const stepMs = Math.max(parseMinStepMs(minStep), intervalMs, safeStepMs, 1000);
  return {
    stepMs,
    startMs: Math.floor(fromMs / stepMs) * stepMs,
    endMs: Math.floor(toMs / stepMs) * stepMs,
  };
}
