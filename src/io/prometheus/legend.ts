/**
 * Series naming the way Grafana's Prometheus source does it (pkg/promlib getName): a legend format
 * with `{{label}}` placeholders, `__auto`, or the metric-with-labels string when no legend is set.
 */

import { labelsKey } from './merge';

export const LEGEND_FORMAT_AUTO = '__auto';
const PLACEHOLDER_RE = /\{\{\s*(.+?)\s*\}\}/g;

/** `metric{a="1", b="2"}` (labels sorted, `__name__` as the prefix), or `{}` without labels. */
export function metricNameFromLabels(labels: Record<string, string>): string {
  const metric = labels.__name__;
  const parts = Object.keys(labels)
    .filter((name) => name !== '__name__')
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  if (parts.length === 0) {
    return metric ?? '{}';
  }
  return `${metric ?? ''}{${parts.join(', ')}}`;
}

/** Applies `{{label}}` placeholders; a missing label becomes the empty string, as in Grafana. */
export function renderLegend(legendFormat: string, labels: Record<string, string>): string {
  return legendFormat.replace(PLACEHOLDER_RE, (_match, name: string) => labels[name] ?? '');
}

/**
 * The display name Grafana's Prometheus source gives a series. Returns '' for `__auto` with labels
 * (Grafana then derives the name from the labels itself).
 */
export function promDisplayName(
  labels: Record<string, string>,
  legendFormat: string | undefined,
  expr: string
): string {
  let legend = metricNameFromLabels(labels);
  if (legendFormat === LEGEND_FORMAT_AUTO) {
    if (Object.keys(labels).length > 0) {
      legend = '';
    }
  } else if (legendFormat) {
    // A legend whose labels this series lacks renders blank ("{{model_name}} {{model_version}}" over
    // a series of another metric): its metric-with-labels name instead of "  " shared by every such series.
    const rendered = renderLegend(legendFormat, labels);
    legend = rendered.trim() === '' ? legend : rendered;
  }
  return legend === '{}' ? expr : legend;
}

/**
 * The display names of one query's series, each unique: Grafana's name for each (`promDisplayName`,
 * or the label set where Grafana would derive one), and where several series share a name (a legend
 * with no placeholders, or `{{job}}` over several instances) the labels that tell them apart are
 * appended: `req/s {instance="b"}`. Scale actions, warnings and the model card's picker name a series
 * by its display name, so two series with one name would have shared them.
 */
export function uniqueDisplayNames(
  labelSets: Array<Record<string, string>>,
  legendFormat: string | undefined,
  expr: string
): string[] {
  const names = labelSets.map((labels) => promDisplayName(labels, legendFormat, expr) || labelsKey(labels));
  const sharing = new Map<string, number[]>();
  names.forEach((name, i) => sharing.set(name, [...(sharing.get(name) ?? []), i]));
  const out = [...names];
  for (const [name, members] of sharing) {
    if (members.length < 2) {
      continue;
    }
    const all = new Set(members.flatMap((i) => Object.keys(labelSets[i])));
    const differing = [...all].filter((label) => new Set(members.map((i) => labelSets[i][label])).size > 1).sort();
    for (const i of members) {
      // only the labels this series has (no `code=""` for a label of another metric), the metric as the prefix
      const own = differing.filter((label) => labelSets[i][label] !== undefined);
      const metric = own.includes('__name__') ? labelSets[i].__name__ : '';
      const parts = own
        .filter((label) => label !== '__name__')
        .map((label) => `${label}=${JSON.stringify(labelSets[i][label])}`);
      const set = parts.length > 0 ? `{${parts.join(', ')}}` : '';
      out[i] = set || metric ? `${name} ${metric}${set}` : name;
    }
  }
  return out;
}
