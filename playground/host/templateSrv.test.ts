import { dateTime } from '@grafana/data';
import { PlaygroundTemplateSrv } from './templateSrv';

describe('PlaygroundTemplateSrv', () => {
  const srv = new PlaygroundTemplateSrv();
  srv.updateTimeRange({ from: dateTime(0), to: dateTime(7_200_000), raw: { from: 'now-2h', to: 'now' } });

  it('interpolates scoped variables in every syntax', () => {
    const scoped = { __interval: { text: '30s', value: '30s' }, job: { text: 'api', value: 'api' } };
    expect(srv.replace('rate(x{job="$job"}[$__interval])', scoped)).toBe('rate(x{job="api"}[30s])');
    expect(srv.replace('${job} [[job]]', scoped)).toBe('api api');
  });

  it('knows the range built-ins', () => {
    expect(srv.replace('$__range $__range_s $__range_ms')).toBe('7200s 7200 7200000');
  });

  it('leaves unknown variables as they are, as Grafana does', () => {
    expect(srv.replace('sum($unknown)')).toBe('sum($unknown)');
    expect(srv.containsTemplate('sum($unknown)')).toBe(false);
    expect(srv.containsTemplate('x[$__range]')).toBe(true);
  });
});
