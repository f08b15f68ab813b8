import { lastValueFrom } from 'rxjs';
import type { AnnotationQuery, DataFrame, DataSourceInstanceSettings } from '@grafana/data';
import { encodeQueryResult } from '../contract/encode';
import { DEFAULT_ACTIONS, sampleSeries } from '../contract/testing/samples';
import { actionAnnotations } from './annotations';
import { ForesightDataSource } from './datasource';
import type { ForesightOptions, ForesightQuery } from './types';

function answer(): DataFrame[] {
  return encodeQueryResult({
    refId: 'A',
    series: [sampleSeries({ name: 'checkout' })],
    actions: [
      ...DEFAULT_ACTIONS.map((a) => ({ ...a, series: 'checkout' })),
      {
        timeMs: DEFAULT_ACTIONS[0].timeMs,
        action: 'retire',
        from: NaN,
        to: NaN,
        reason: 'no calls for 24 h',
        series: 'v1',
      },
    ],
    errors: [],
  });
}

describe('scale actions as annotations', () => {
  it('makes one event per action, none of the forecast points, and leaves out holds', () => {
    const events = actionAnnotations(answer());
    expect(events.map((e) => e.title)).toEqual(['Scale up checkout', 'Retire v1', 'Scale down checkout']);
    expect(events[0]).toEqual({
      time: DEFAULT_ACTIONS[0].timeMs,
      title: 'Scale up checkout',
      text: `Scale up checkout: 3 → 4 replicas. ${DEFAULT_ACTIONS[0].reason}`,
      tags: ['foresight', 'up', 'checkout'],
    });
    // A retire advice without a plan invents no replica counts.
    expect(events[1].text).toBe('Retire v1: no calls for 24 h');
  });

  it('is what the data source gives Grafana for an annotation query', async () => {
    const ds = new ForesightDataSource(
      {
        id: 1,
        uid: 'fs',
        type: 'foresight-lstm-datasource',
        name: 'Foresight',
        jsonData: {},
        meta: {},
      } as unknown as DataSourceInstanceSettings<ForesightOptions>,
      { createRunner: async () => Promise.reject(new Error('unused')) }
    );
    const events = await lastValueFrom(ds.annotations.processEvents({} as AnnotationQuery<ForesightQuery>, answer()));
    expect(events?.map((e) => e.title)).toEqual(['Scale up checkout', 'Retire v1', 'Scale down checkout']);
  });
});
