import { dateTime, type DataSourceApi, type DataSourceInstanceSettings } from '@grafana/data';
import { setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import type { FetchLike } from '../../src/io/prometheus/httpClient';
import { PrometheusStandIn, standInSettings } from '../../src/testing/promStandIn/PrometheusStandIn';
import { runAnnotationQueries, type AnnotationRunInput } from './annotationRunner';
import type { AnnotationQueryModel } from './dashboardModel';
import { annotationQuery } from './annotationQuery.fixture';
import { PlaygroundDataSourceSrv } from './dataSourceSrv';
import { PlaygroundTemplateSrv } from './templateSrv';

const MIN = 60_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % MIN);

/** Bodies of the query_range requests the stand-in sent, and a Prometheus that answers them. */
const sent: URLSearchParams[] = [];
const fetch: FetchLike = async (_url, init) => {
  const body = new URLSearchParams(init?.body ?? '');
  sent.push(body);
  if (body.get('query') === 'broken(') {
    return {
      ok: false,
      status: 400,
      statusText: 'Bad Request',
      text: async () =>
        '{"status":"error","errorType":"bad_data","error":"1:8: parse error: unclosed left parenthesis"}',
    };
  }
  // Active at T0+1m..T0+2m, then again at T0+5m.
  const values = [0, 1, 1, 0, 0, 1].map((v, i) => [(T0 + i * MIN) / 1000, String(v)]);
  const result = [{ metric: { service: 'checkout', instance: 'a:9100' }, values }];
  return {
    ok: true,
    status: 200,
    statusText: 'OK',
    text: async () => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }),
  };
};

const settings: DataSourceInstanceSettings = { ...standInSettings({ uid: 'prom', prometheusUrl: 'http://prom' }) };
setDataSourceSrv(
  new PlaygroundDataSourceSrv([{ ...settings, isDefault: true }], {
    // As the playground registers it (index.tsx): query types differ, the registry holds the base API.
    prometheus: async (s) =>
      new PrometheusStandIn({ uid: s.uid, prometheusUrl: 'http://prom', fetch }) as unknown as DataSourceApi,
  })
);
setTemplateSrv(new PlaygroundTemplateSrv());

function input(queries: AnnotationQueryModel[]): AnnotationRunInput {
  const range = { from: dateTime(T0), to: dateTime(T0 + 10 * MIN), raw: { from: 'now-10m', to: 'now' } };
  return { queries, range, dashboardUID: 'd', timeZone: 'utc', maxDataPoints: 1000 };
}

beforeEach(() => {
  sent.length = 0;
});

describe('runAnnotationQueries', () => {
  it('runs the expr at the query step and returns its events as one annotations frame', async () => {
    const result = await lastValueFrom(runAnnotationQueries(input([annotationQuery({})])));
    expect(result.errors).toEqual([]);
    expect(sent.map((b) => [b.get('query'), b.get('step')])).toEqual([['changes(service_replicas[1m]) > 0', '60']]);
    const [frame] = result.annotations;
    const column = (name: string) => frame.fields.find((f) => f.name === name)?.values;
    expect(column('time')).toEqual([T0 + MIN, T0 + 5 * MIN]);
    expect(column('timeEnd')).toEqual([T0 + 2 * MIN, T0 + 5 * MIN]);
    expect(column('text')).toEqual(['checkout now at a:9100', 'checkout now at a:9100']);
    expect(column('tags')).toEqual([['checkout'], ['checkout']]);
    expect(column('type')).toEqual(['Reactive scaling', 'Reactive scaling']);
  });

  it('keeps a failing query to its error line; the others still give their events', async () => {
    const result = await lastValueFrom(
      runAnnotationQueries(
        input([
          annotationQuery({ name: 'Bad query', expr: 'broken(' }),
          annotationQuery({ name: 'No source', datasource: { uid: 'nope' } }),
          annotationQuery({
            name: 'Scale actions',
            datasource: { type: 'foresight-lstm-datasource', uid: 'foresight' },
          }),
          annotationQuery({}),
        ])
      )
    );
    expect(result.errors).toEqual([
      'Bad query: bad_data: 1:8: parse error: unclosed left parenthesis',
      'No source: Data source nope was not found',
      'Scale actions: a "foresight-lstm-datasource" annotation query; the playground runs Prometheus ones only',
    ]);
    expect(result.annotations[0].length).toBe(2);
  });

  it('runs only enabled queries, and emits an empty result without any', async () => {
    const off = await lastValueFrom(runAnnotationQueries(input([annotationQuery({ enable: false })])));
    expect(off).toEqual({ annotations: [], errors: [] });
    expect(sent).toHaveLength(0);
  });

  it('uses the default data source when the query names none', async () => {
    const result = await lastValueFrom(runAnnotationQueries(input([annotationQuery({ datasource: undefined })])));
    expect(result.errors).toEqual([]);
    expect(result.annotations[0].length).toBe(2);
  });
});
