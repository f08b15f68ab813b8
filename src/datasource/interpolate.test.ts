import type { ScopedVars } from '@grafana/data';
import {
  bindRangeVariables,
  interpolateQuery,
  promVariableFormat,
  rangeScopedVars,
  type ReplaceFn,
} from './interpolate';
import { withQueryDefaults } from './types';

/** A small templateSrv.replace: scoped vars first, then dashboard variables, formatted like Grafana. */
function fakeReplace(dashboard: Record<string, string | string[]>): ReplaceFn {
  return (target, scopedVars = {}, format) =>
    target.replace(/\$(\w+)|\$\{(\w+)\}/g, (match, a: string, b: string) => {
      const name = a ?? b;
      const value = scopedVars[name]?.value ?? dashboard[name];
      if (value === undefined) {
        return match;
      }
      return typeof format === 'function' ? format(value) : String(value);
    });
}

describe('interpolation', () => {
  const replace = fakeReplace({ job: 'api', instance: ['a.1:9', 'b'] });
  const scopedVars: ScopedVars = { __interval: { text: '15s', value: '15s' }, __range: { text: '6h', value: '6h' } };

  it('interpolates dashboard variables, multi-values as an escaped alternation', () => {
    const q = interpolateQuery(
      withQueryDefaults({
        refId: 'A',
        expr: 'rate(x{job="$job",instance=~"$instance"}[$__interval])',
        legendFormat: '$job {{instance}}',
        horizon: '$h',
      }),
      scopedVars,
      replace
    );
    expect(q.expr).toBe('rate(x{job="api",instance=~"a\\.1:9|b"}[$__interval])');
    expect(q.legendFormat).toBe('api {{instance}}');
    expect(q.horizon).toBe('$h');
  });

  it('trims the model name the editor keeps as typed', () => {
    const q = (modelRef: string) =>
      interpolateQuery(withQueryDefaults({ refId: 'A', expr: 'up', modelRef }), scopedVars, replace).modelRef;
    expect(q(' checkout rps v1 ')).toBe('checkout rps v1');
    expect(q('  ')).toBeUndefined();
  });

  it('binds $__interval / $__range to the fetch: training step and window for training', () => {
    expect(bindRangeVariables('rate(x[$__interval]) / $__range_s', 300_000, 7 * 86_400_000, scopedVars, replace)).toBe(
      'rate(x[5m]) / 604800'
    );
    expect(bindRangeVariables('increase(x[$__range])', 15_000, 6 * 3_600_000, {}, replace)).toBe('increase(x[6h])');
  });

  it('formats values and range variables', () => {
    expect(promVariableFormat(['only'])).toBe('only');
    expect(promVariableFormat('x.y')).toBe('x.y');
    expect(rangeScopedVars(60_000, 90_000).__rate_interval?.value).toBe('4m');
    expect(rangeScopedVars(60_000, 90_000).__range?.value).toBe('90s');
  });
});
