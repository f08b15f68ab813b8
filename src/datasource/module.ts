// Placeholder until the data source lands (issue: data source). Replaced by the real DataSourcePlugin.
import { DataSourcePlugin } from '@grafana/data';
import { ForesightDataSource } from './datasource';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';

export const plugin = new DataSourcePlugin(ForesightDataSource).setConfigEditor(ConfigEditor).setQueryEditor(QueryEditor);
