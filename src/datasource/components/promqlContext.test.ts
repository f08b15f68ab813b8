import { applyCompletion, promqlContext, type PromqlContext } from './promqlContext';

/** The context at the `|` in `text`. */
function at(text: string): PromqlContext {
  const cursor = text.indexOf('|');
  return promqlContext(text.replace('|', ''), cursor);
}

describe('promqlContext', () => {
  it('suggests metric names for a bare identifier, also inside functions', () => {
    expect(at('http_req|')).toEqual({ kind: 'metric', prefix: 'http_req', from: 0, to: 8 });
    expect(at('sum(rate(node_cp|')).toMatchObject({ kind: 'metric', prefix: 'node_cp', from: 9 });
    expect(at('|')).toEqual({ kind: 'metric', prefix: '', from: 0, to: 0 });
    expect(at('a + |')).toMatchObject({ kind: 'metric', prefix: '' });
  });

  it('suggests label names after { and , with the selector metric', () => {
    expect(at('http_requests_total{|')).toEqual({
      kind: 'labelName',
      prefix: '',
      from: 20,
      to: 20,
      metric: 'http_requests_total',
    });
    expect(at('up{job="a", inst|')).toMatchObject({ kind: 'labelName', prefix: 'inst', metric: 'up' });
    expect(at('{jo|')).toMatchObject({ kind: 'labelName', prefix: 'jo', metric: undefined });
  });

  it('suggests label names in by / without clauses', () => {
    expect(at('sum by (|')).toMatchObject({ kind: 'labelName', prefix: '' });
    expect(at('sum without (job, inst|) (up)')).toMatchObject({ kind: 'labelName', prefix: 'inst' });
  });

  it('suggests values of the label being matched, whatever the operator', () => {
    expect(at('up{job="pro|')).toEqual({
      kind: 'labelValue',
      prefix: 'pro',
      from: 8,
      to: 11,
      labelName: 'job',
      metric: 'up',
      quote: '"',
    });
    expect(at("rate(x_total{a='1', code=~'5|'}[5m])")).toMatchObject({
      kind: 'labelValue',
      labelName: 'code',
      prefix: '5',
      metric: 'x_total',
      quote: "'",
    });
  });

  it('suggests nothing inside durations, numbers, closed strings and comments', () => {
    expect(at('rate(x[5|')).toEqual({ kind: 'none' });
    expect(at('rate(x[5m|')).toEqual({ kind: 'none' });
    expect(at('x > 1e|')).toEqual({ kind: 'none' });
    expect(at('up{job=|')).toEqual({ kind: 'none' });
    expect(at('label_replace(up, "dst|')).toEqual({ kind: 'none' });
    expect(at('up # comm|')).toEqual({ kind: 'none' });
    expect(at('up{job="a\\"b|')).toMatchObject({ kind: 'labelValue', prefix: 'a\\"b' });
  });
});

describe('applyCompletion', () => {
  it('replaces the whole identifier under the cursor', () => {
    const expr = 'rate(http_re[5m])';
    const ctx = promqlContext(expr, 9);
    expect(ctx.kind).toBe('metric');
    if (ctx.kind !== 'none') {
      expect(applyCompletion(expr, ctx, 'http_requests_total')).toEqual({
        expr: 'rate(http_requests_total[5m])',
        cursor: 24,
      });
    }
  });

  it('closes an open label value and escapes quotes and backslashes', () => {
    const expr = 'up{job="pro';
    const ctx = promqlContext(expr, expr.length);
    if (ctx.kind === 'none') {
      throw new Error('expected a context');
    }
    expect(applyCompletion(expr, ctx, 'prometheus')).toEqual({ expr: 'up{job="prometheus"', cursor: 19 });
    expect(applyCompletion(expr, ctx, 'a"b\\c').expr).toBe('up{job="a\\"b\\\\c"');
    const closed = 'up{job="pro"}';
    const inside = promqlContext(closed, 10);
    if (inside.kind === 'none') {
      throw new Error('expected a context');
    }
    expect(applyCompletion(closed, inside, 'prometheus').expr).toBe('up{job="prometheus"}');
  });
});
