/**
 * Side pane for the selected panel: the data source's own QueryEditor (one per target) and
 * ConfigEditor, taken from the BUILT plugin's components exactly as Grafana mounts them.
 */
import React, { useEffect, useState } from 'react';
import type {
  DataQuery,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourceSettings,
  TimeRange,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Alert, Button, ErrorBoundaryAlert, IconButton, Stack, Text } from '@grafana/ui';
import { css } from '@emotion/css';
import type { PanelModel } from '../dashboardModel';
import { playgroundTestIds } from '../testIds';

export interface EditorPaneProps {
  panel: PanelModel;
  range: TimeRange;
  onTargetsChange: (panelId: number, targets: DataQuery[]) => void;
  onRunQuery: () => void;
  onClose: () => void;
}

function toDataSourceSettings(settings: DataSourceInstanceSettings): DataSourceSettings {
  return {
    id: settings.id ?? 0,
    uid: settings.uid,
    orgId: 1,
    name: settings.name,
    typeLogoUrl: settings.meta.info.logos.small,
    type: settings.type,
    typeName: settings.meta.name,
    access: settings.access,
    url: settings.url ?? '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: settings.isDefault ?? false,
    jsonData: settings.jsonData,
    secureJsonFields: {},
    readOnly: false,
    withCredentials: false,
  };
}

interface TestResult {
  status: string;
  message: string;
}

export function EditorPane(props: EditorPaneProps): React.ReactElement {
  const { panel } = props;
  // The parent keys this pane by panel and data source, so state starts fresh for each.
  const [ds, setDs] = useState<DataSourceApi | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [config, setConfig] = useState<DataSourceSettings | undefined>(() => {
    const settings = getDataSourceSrv().getInstanceSettings(panel.datasource);
    return settings ? toDataSourceSettings(settings) : undefined;
  });
  const [testResult, setTestResult] = useState<TestResult | undefined>();
  const styles = getStyles();

  useEffect(() => {
    getDataSourceSrv()
      .get(panel.datasource)
      .then(setDs)
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)));
  }, [panel.datasource]);

  const QueryEditor = ds?.components?.QueryEditor;
  const ConfigEditor = ds?.components?.ConfigEditor;

  const saveAndTest = async () => {
    const settings = getDataSourceSrv().getInstanceSettings(panel.datasource);
    if (settings && config) {
      // The playground keeps edits in memory (Grafana would save them); the next query uses them.
      settings.jsonData = config.jsonData;
      getDataSourceSrv().reload();
    }
    try {
      const fresh = await getDataSourceSrv().get(panel.datasource);
      const result = await fresh.testDatasource();
      setTestResult({ status: String(result?.status ?? 'unknown'), message: String(result?.message ?? '') });
    } catch (err) {
      setTestResult({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <div className={styles.pane} data-testid={playgroundTestIds.editor}>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <Text element="h3">{panel.title}</Text>
        <IconButton
          name="times"
          tooltip="Close the editor"
          data-testid={playgroundTestIds.closeEditor}
          onClick={props.onClose}
        />
      </Stack>
      {loadError && <Alert title="Data source">{loadError}</Alert>}
      <section data-testid={playgroundTestIds.queryEditor}>
        <Text element="h4">Queries</Text>
        {/* Grafana would offer to save; this page cannot, so it says what a reload does (seen: edits lost without a word). */}
        <Text color="secondary" variant="bodySmall">
          Edits apply to this page until it is reloaded: the playground saves no dashboards (they come from
          provisioning/dashboards/).
        </Text>
        {ds && QueryEditor
          ? panel.targets.map((target, index) => (
              <ErrorBoundaryAlert key={target.refId}>
                <div className={styles.block}>
                  <QueryEditor
                    datasource={ds}
                    query={target}
                    range={props.range}
                    onChange={(next: DataQuery) => {
                      const targets = panel.targets.map((t, i) => (i === index ? next : t));
                      props.onTargetsChange(panel.id, targets);
                    }}
                    onRunQuery={props.onRunQuery}
                  />
                </div>
              </ErrorBoundaryAlert>
            ))
          : ds && <Text italic>This data source has no query editor.</Text>}
        <Button icon="sync" size="sm" data-testid={playgroundTestIds.runQuery} onClick={props.onRunQuery}>
          Run queries
        </Button>
      </section>
      <section data-testid={playgroundTestIds.configEditor}>
        <Text element="h4">Data source settings</Text>
        {ds && ConfigEditor && config ? (
          <ErrorBoundaryAlert>
            <div className={styles.block}>
              <ConfigEditor options={config} onOptionsChange={setConfig} />
            </div>
          </ErrorBoundaryAlert>
        ) : (
          ds && <Text italic>This data source has no config editor.</Text>
        )}
        <Button variant="secondary" size="sm" data-testid={playgroundTestIds.saveAndTest} onClick={saveAndTest}>
          Save &amp; test
        </Button>
        {testResult && (
          <div data-testid={playgroundTestIds.testResult}>
            <Alert
              title={testResult.message || testResult.status}
              severity={testResult.status === 'success' ? 'success' : 'error'}
            />
          </div>
        )}
      </section>
    </div>
  );
}

function getStyles() {
  return {
    pane: css({ display: 'flex', flexDirection: 'column', gap: 16, padding: 16, overflow: 'auto', height: '100%' }),
    block: css({ marginBottom: 8 }),
  };
}
