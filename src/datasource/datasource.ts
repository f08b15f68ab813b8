import { DataQuery, DataQueryResponse, DataSourceApi, DataSourceInstanceSettings, DataSourceJsonData } from '@grafana/data';

export interface ForesightQuery extends DataQuery {
  expr?: string;
}

// Placeholder: the real data source wraps a Prometheus data source (see the data source issue).
export class ForesightDataSource extends DataSourceApi<ForesightQuery, DataSourceJsonData> {
  constructor(settings: DataSourceInstanceSettings<DataSourceJsonData>) {
    super(settings);
  }
  async query(): Promise<DataQueryResponse> {
    return { data: [] };
  }
  async testDatasource() {
    return { status: 'error', message: 'Not implemented yet' };
  }
}
