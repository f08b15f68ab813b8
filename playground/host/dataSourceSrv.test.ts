import type { DataSourceApi, DataSourceInstanceSettings } from '@grafana/data';
import { PlaygroundDataSourceSrv } from './dataSourceSrv';
import { prometheusMeta } from './instanceSettings';

function settings(uid: string, type: string, isDefault = false): DataSourceInstanceSettings {
  return {
    id: 1,
    uid,
    type,
    name: uid,
    access: 'proxy',
    jsonData: {},
    readOnly: true,
    isDefault,
    meta: { ...prometheusMeta, id: type },
  };
}

describe('PlaygroundDataSourceSrv', () => {
  const list = [settings('prometheus', 'prometheus', true), settings('foresight', 'foresight-lstm-datasource')];

  it('finds settings by uid, name, ref and default', () => {
    const srv = new PlaygroundDataSourceSrv(list, {});
    expect(srv.getInstanceSettings('foresight')?.uid).toBe('foresight');
    expect(srv.getInstanceSettings({ uid: 'prometheus' })?.uid).toBe('prometheus');
    expect(srv.getInstanceSettings(null)?.uid).toBe('prometheus');
    expect(srv.getList({ type: 'prometheus' }).map((s) => s.uid)).toEqual(['prometheus']);
  });

  it('builds each instance once and reports unknown sources and types clearly', async () => {
    const factory = jest.fn(async (s: DataSourceInstanceSettings) => ({ uid: s.uid }) as unknown as DataSourceApi);
    const srv = new PlaygroundDataSourceSrv(list, { prometheus: factory });
    await srv.get('prometheus');
    await srv.get({ uid: 'prometheus' });
    expect(factory).toHaveBeenCalledTimes(1);
    await expect(srv.get('nope')).rejects.toThrow('Data source nope was not found');
    await expect(srv.get('foresight')).rejects.toThrow('No plugin for data source type "foresight-lstm-datasource"');
  });
});
