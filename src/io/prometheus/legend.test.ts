import { metricNameFromLabels, promDisplayName, renderLegend, uniqueDisplayNames } from './legend';

describe('legend', () => {
  const labels = { __name__: 'up', job: 'api', instance: 'x:9' };
  it('formats metric names like Prometheus', () => {
    expect(metricNameFromLabels(labels)).toBe('up{instance="x:9", job="api"}');
    expect(metricNameFromLabels({ __name__: 'up' })).toBe('up');
    expect(metricNameFromLabels({})).toBe('{}');
  });
  it('renders legend formats, missing labels as empty', () => {
    expect(renderLegend('{{job}} / {{ instance }} / {{nope}}', labels)).toBe('api / x:9 / ');
  });
  it('follows Grafana for __auto and empty label sets', () => {
    expect(promDisplayName(labels, '__auto', 'up')).toBe('');
    expect(promDisplayName({}, '', 'vector(1)')).toBe('vector(1)');
    expect(promDisplayName(labels, undefined, 'up')).toBe('up{instance="x:9", job="api"}');
  });
  it('keeps names that are unique, and tells series that share a name apart by the labels that differ', () => {
    const sets = [
      { __name__: 'http_requests', job: 'api', instance: 'a' },
      { __name__: 'http_requests', job: 'api', instance: 'b' },
      { __name__: 'http_requests', job: 'web', instance: 'a' },
    ];
    expect(uniqueDisplayNames(sets, '{{instance}}', 'x')).toEqual(['a {job="api"}', 'b', 'a {job="web"}']);
    expect(uniqueDisplayNames(sets, 'req/s', 'x')).toEqual([
      'req/s {instance="a", job="api"}',
      'req/s {instance="b", job="api"}',
      'req/s {instance="a", job="web"}',
    ]);
    // A label one of them lacks tells them apart, written only where it is (no `pod=""`); the metric
    // name, where it differs, is the prefix. __auto falls back to the label set, already unique.
    expect(uniqueDisplayNames([{ job: 'api' }, { job: 'api', pod: 'p1' }], 'q', 'x')).toEqual(['q', 'q {pod="p1"}']);
    expect(
      uniqueDisplayNames(
        [
          { __name__: 'a', instance: 'i' },
          { __name__: 'b', instance: 'i' },
        ],
        'q',
        'x'
      )
    ).toEqual(['q a', 'q b']);
    // A legend that renders blank for a series (its labels are another metric's) names it as Grafana
    // does without a legend, instead of one blank name shared by every such series.
    const mixed: Array<Record<string, string>> = [
      { model_name: 'fraud', model_version: 'v1' },
      { __name__: 'cpu', instance: 'c1', job: 'ec2' },
      { __name__: 'cpu', instance: 'c2', job: 'ec2' },
    ];
    expect(uniqueDisplayNames(mixed, '{{model_name}} {{model_version}}', 'x')).toEqual([
      'fraud v1',
      'cpu{instance="c1", job="ec2"}',
      'cpu{instance="c2", job="ec2"}',
    ]);
    expect(uniqueDisplayNames(sets.slice(0, 2), '__auto', 'x')).toEqual([
      '{__name__="http_requests",instance="a",job="api"}',
      '{__name__="http_requests",instance="b",job="api"}',
    ]);
  });
});
