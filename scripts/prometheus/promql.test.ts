/** @jest-environment node */
import { labelValues, metricNames } from './promql';

describe('metricNames', () => {
  it('finds selected metrics and skips functions, aggregations, label lists, strings and durations', () => {
    expect(
      metricNames(
        'label_replace(sum by (service, code) (rate(http_requests_total{service="checkout", code=~"5.."}[5m])), "job", "x", "", "")'
      )
    ).toEqual(['http_requests_total']);
    expect(
      metricNames('histogram_quantile(0.95, sum without (instance) (rate(lat_bucket[10m] offset 1h30m)))')
    ).toEqual(['lat_bucket']);
  });

  it('reads binary operators with matching modifiers, recording rule names and keywords', () => {
    const expr = `foresight_forecast{lead="30m", band="upper_95"} offset 30m
      > on (job) group_left () foresight:capacity
      and ignoring(lead, band) up{job="foresight-serve"} == bool 1 unless nothing_here`;
    expect(metricNames(expr)).toEqual(['foresight:capacity', 'foresight_forecast', 'nothing_here', 'up']);
  });

  it('does not take label names or values inside matchers, or escaped quotes, for metrics', () => {
    expect(metricNames('a{b="c\\"d{e}", f=\'g\'} + vector(1) * Inf - NaN')).toEqual(['a']);
  });

  it('returns nothing for a literal', () => {
    expect(metricNames('vector(250)')).toEqual([]);
  });
});

describe('labelValues', () => {
  it('collects equality matchers and label_replace targets of one label', () => {
    const expr =
      'max(foresight_recommended_replicas{job="checkout-requests", service="checkout"}) and on () ' +
      'label_replace(vector(1), "job", "model-serving", "", "") or up{job!="not-this", job=~"nor-this"}';
    expect(labelValues(expr, 'job')).toEqual(['checkout-requests', 'model-serving']);
    expect(labelValues(expr, 'service')).toEqual(['checkout']);
  });
});
