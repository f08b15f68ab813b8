/**
 * Renders series as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`.
 * Facts that shaped this (see shared NOTES): timestamps are in SECONDS, the file must end with
 * `# EOF`, a counter family `x` has samples named `x_total`, and one family's samples must be
 * contiguous and in time order (promtool silently drops out-of-order samples).
 */
import type { Sample } from './nabCsv';

export type Labels = Record<string, string>;

export interface GaugeFamily {
  type: 'gauge';
  name: string;
  help: string;
  labels: Labels;
  samples: Sample[];
}

export interface CounterFamily {
  type: 'counter';
  /** Family name without the `_total` suffix. */
  name: string;
  help: string;
  labels: Labels;
  samples: Sample[];
}

/**
 * Samples written under their exact name with no type: used where the live exporter's name has
 * no `_total` suffix (prom-client's `model_call_count`) or for histogram `_bucket`/`_sum`/`_count`
 * series, so backfilled history and live scrapes land in the same series.
 */
export interface UnknownFamily {
  type: 'unknown';
  name: string;
  help: string;
  labels: Labels;
  samples: Sample[];
}

export type MetricFamily = GaugeFamily | CounterFamily | UnknownFamily;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export function formatLabels(labels: Labels): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => {
      if (!LABEL_NAME.test(k)) {
        throw new Error(`Invalid label name "${k}"`);
      }
      return `${k}="${escapeLabelValue(labels[k])}"`;
    });
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** Seconds with millisecond precision, without float noise such as 1.2000000000000002. */
function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3);
}

/**
 * A running total of per-interval values (a NAB request count is "requests in the last 5 minutes"),
 * so `rate()` works on it as on a real counter. Negative values cannot be counted and add nothing.
 */
export function runningTotal(samples: Sample[]): Sample[] {
  let total = 0;
  return samples.map(({ t, v }) => {
    total += v > 0 ? v : 0;
    return { t, v: total };
  });
}

export function renderFamily(family: MetricFamily): string {
  if (!METRIC_NAME.test(family.name)) {
    throw new Error(`Invalid metric name "${family.name}"`);
  }
  if (family.type === 'counter' && family.name.endsWith('_total')) {
    throw new Error(`Counter family "${family.name}" must be named without the _total suffix`);
  }
  const sampleName = family.type === 'counter' ? `${family.name}_total` : family.name;
  const labels = formatLabels(family.labels);
  const lines = [`# HELP ${family.name} ${family.help.replace(/\n/g, ' ')}`, `# TYPE ${family.name} ${family.type}`];
  const sorted = [...family.samples].sort((a, b) => a.t - b.t);
  let lastT = Number.NEGATIVE_INFINITY;
  for (const { t, v } of sorted) {
    if (t === lastT || !Number.isFinite(v)) {
      continue;
    }
    lastT = t;
    lines.push(`${sampleName}${labels} ${v} ${formatSeconds(t)}`);
  }
  return lines.join('\n') + '\n';
}

export function renderOpenMetrics(families: MetricFamily[]): string {
  const names = new Set<string>();
  const out: string[] = [];
  // One family per (name); several label sets of one name must share a single family block.
  const byName = new Map<string, MetricFamily[]>();
  for (const f of families) {
    byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  }
  for (const [name, group] of byName) {
    if (names.has(name)) {
      continue;
    }
    names.add(name);
    const types = new Set(group.map((g) => g.type));
    if (types.size > 1) {
      throw new Error(`Metric "${name}" is declared as both gauge and counter`);
    }
    const [head, ...rest] = group.map(renderFamily);
    // Keep the HELP/TYPE header once, then the samples of each label set.
    out.push(head, ...rest.map((block) => block.split('\n').slice(2).join('\n')));
  }
  return out.join('') + '# EOF\n';
}
