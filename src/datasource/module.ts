import { DataSourcePlugin } from '@grafana/data';
import { pointPublicPathAtBundleRoot } from '../worker/publicPath';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { ForesightDataSource } from './datasource';
import type { ForesightOptions, ForesightQuery } from './types';

// Lazy chunks (the worker, the in-thread engine) are emitted at the bundle root, not next to this
// nested module: point webpack there before anything loads.
pointPublicPathAtBundleRoot();

export const plugin = new DataSourcePlugin<ForesightDataSource, ForesightQuery, ForesightOptions>(ForesightDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
