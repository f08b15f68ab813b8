import {
  LoadingState,
  dateTime,
  toDataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type PanelData,
} from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';
import { Observable, lastValueFrom, toArray } from 'rxjs';
import { buildRequest, runPanelRequest } from './queryRunner';
import { PlaygroundTemplateSrv } from './templateSrv';

setTemplateSrv(new PlaygroundTemplateSrv());

const range = { from: dateTime(0), to: dateTime(3_600_000), raw: { from: 'now-1h', to: 'now' } };
const request = buildRequest({
  panelId: 1,
  dashboardUID: 'd',
  targets: [{ refId: 'A' }],
  range,
  timeZone: 'utc',
  maxDataPoints: 360,
});

function fakeDs(
  query: (r: DataQueryRequest) => Promise<DataQueryResponse> | Observable<DataQueryResponse>
): DataSourceApi {
  return { query } as unknown as DataSourceApi;
}

describe('runPanelRequest', () => {
  it('computes the interval as Grafana does', () => {
    expect(request.intervalMs).toBe(10_000);
    expect(request.scopedVars.__interval?.value).toBe('10s');
  });

  it('replaces streamed packets by key and ends Done', async () => {
    const ds = fakeDs(
      () =>
        new Observable<DataQueryResponse>((sub) => {
          sub.next({ key: 'a', state: LoadingState.Streaming, data: [toDataFrame({ name: 'p1', fields: [] })] });
          sub.next({ key: 'a', state: LoadingState.Done, data: [toDataFrame({ name: 'final', fields: [] })] });
          sub.complete();
        })
    );
    const states: PanelData[] = await lastValueFrom(runPanelRequest(ds, request).pipe(toArray()));
    expect(states.map((s) => s.state)).toEqual([LoadingState.Streaming, LoadingState.Done]);
    expect(states[1].series.map((f) => f.name)).toEqual(['final']);
  });

  it('turns response errors and thrown errors into PanelData errors', async () => {
    const withError = fakeDs(async () => ({ data: [], errors: [{ message: 'bad_data: parse error' }] }));
    const [first] = await lastValueFrom(runPanelRequest(withError, request).pipe(toArray()));
    expect(first.state).toBe(LoadingState.Error);
    expect(first.errors?.[0].message).toBe('bad_data: parse error');

    const throwing = fakeDs(() => {
      throw new Error('boom');
    });
    const [second] = await lastValueFrom(runPanelRequest(throwing, request).pipe(toArray()));
    expect(second.error?.message).toBe('boom');
  });
});
