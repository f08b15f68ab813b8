import { metricNameFromLabels, promDisplayName, renderLegend } from './legend';

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
});
