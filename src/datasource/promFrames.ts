/**
 * Reads the data frames a Prometheus data source returns into plain series.
 *
 * Grafana's Prometheus source answers range queries with data-plane `timeseries-multi` frames (one
 * time field plus one number field carrying the labels, per series); some sources and transforms
 * give `timeseries-wide` frames (one time field, several labelled number fields). Both are read.
 */
import { DataFrameType, FieldType, type DataFrame, type Field } from '@grafana/data';
import { metricNameFromLabels } from '../io/prometheus/legend';
import { SampleCollector } from '../io/prometheus/samples';
import type { PromSeries } from '../io/prometheus/types';

/**
 * Grafana's Prometheus source turns native histogram samples into one `heatmap-cells` frame per
 * series (`xMax` time, then `yMin` with the labels, `yMax`, `count`, `yLayout`: a row per bucket).
 * Read as time series, its bucket bounds and counts would be forecast as if they were the metric.
 */
function isHistogramFrame(frame: DataFrame): boolean {
  const names = new Set(frame.fields.map((f) => f.name));
  return (
    frame.meta?.type === DataFrameType.HeatmapCells || (names.has('yMin') && names.has('yMax') && names.has('count'))
  );
}

/** The names of the series whose frames hold native histograms, for `NativeHistogramError`. */
export function histogramSeriesNames(frames: DataFrame[]): string[] {
  return frames.filter(isHistogramFrame).map((frame) => {
    const labels = frame.fields.find((f) => f.name === 'yMin')?.labels ?? {};
    return Object.keys(labels).length > 0 ? metricNameFromLabels(labels) : frame.name || '{}';
  });
}

function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (value instanceof Date) {
    return value.getTime();
  }
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

function fieldValues(field: Field): unknown[] {
  // Grafana 10+ keeps plain arrays in `values`; older Vector objects still expose toArray().
  const values: unknown = field.values;
  if (Array.isArray(values)) {
    return values;
  }
  const maybeVector = values as { toArray?: () => unknown[] } | undefined;
  return maybeVector?.toArray ? maybeVector.toArray() : [];
}

/**
 * One series per number field of every frame. The field's labels identify the series; a field
 * without labels inherits `__name__` from the field/frame name so two unlabelled frames stay apart.
 */
export function framesToSeries(frames: DataFrame[]): PromSeries[] {
  const out: PromSeries[] = [];
  for (const frame of frames) {
    if (isHistogramFrame(frame)) {
      continue;
    }
    const timeField = frame.fields.find((f) => f.type === FieldType.time);
    if (!timeField) {
      continue;
    }
    const rawTimes = fieldValues(timeField);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const rawValues = fieldValues(field);
      // Grafana decodes Prometheus's NaN and ±Inf into those numbers; they are read as the HTTP client reads them.
      const samples = new SampleCollector();
      for (let i = 0; i < rawTimes.length; i++) {
        const t = toEpochMs(rawTimes[i]);
        if (t !== null) {
          samples.add(t, rawValues[i]);
        }
      }
      let labels: Record<string, string> = { ...(field.labels ?? {}) };
      // An unlabelled field of a wide frame is told apart by its own name. Never by the frame's
      // name: Grafana gives it the legend (or, without one, the expression as bound to the range),
      // so a legend edit, or the actuals' range beside the training window's, would make another
      // series of the same one: its actual values not found, its model not found in the cache.
      if (Object.keys(labels).length === 0 && field.name !== 'Value') {
        labels = { __name__: field.name };
      }
      const series = samples.series(labels);
      const name = field.config?.displayNameFromDS || frame.name || undefined;
      if (name) {
        series.name = name;
      }
      out.push(series);
    }
  }
  return out;
}
