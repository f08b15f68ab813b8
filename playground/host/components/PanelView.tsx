/**
 * One dashboard panel: runs its queries through the DataSourceSrv (as Grafana's PanelQueryRunner
 * does), applies field config, and renders the BUILT panel plugin's component inside @grafana/ui's
 * PanelChrome. Errors stay inside the panel (status icon + a readable line), never crash the page.
 */
import React, { useEffect, useMemo, useState } from 'react';
import {
  DashboardCursorSync,
  LoadingState,
  type DataFrame,
  type EventBus,
  type FieldConfigSource,
  type PanelData,
  type PanelPlugin,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import { getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';
import { ErrorBoundaryAlert, IconButton, PanelChrome, PanelContextProvider, useTheme2 } from '@grafana/ui';
import { css } from '@emotion/css';
import type { PanelModel } from '../dashboardModel';
import { summarizePanelData } from '../panelSummary';
import { buildRequest, processAnnotationFrames, processPanelData, runPanelRequest } from '../queryRunner';
import { playgroundTestIds } from '../testIds';
import { useElementSize } from '../useElementSize';

export interface PanelViewProps {
  panel: PanelModel;
  plugin: PanelPlugin | undefined;
  dashboardUID: string;
  range: TimeRange;
  timeZone: string;
  refreshKey: number;
  /**
   * The dashboard's annotation events, given in `PanelData.annotations` as Grafana does: only to a
   * panel plugin whose dataSupport asks for annotations.
   */
  annotations: DataFrame[];
  eventBus: EventBus;
  /** The dashboard's graph tooltip setting (`DashboardModel.graphTooltip`). */
  cursorSync: DashboardCursorSync;
  selected: boolean;
  onEdit: (panelId: number) => void;
  onChangeTimeRange: (range: { from: number; to: number }) => void;
}

let renderCount = 0;
function nextRenderCount(_data: PanelData | undefined): number {
  renderCount += 1;
  return renderCount;
}

function errorText(data: PanelData | undefined): string | undefined {
  const errors = data?.errors ?? (data?.error ? [data.error] : []);
  const messages = errors.map((e) => e.message ?? (typeof e.data?.message === 'string' ? e.data.message : undefined));
  const text = messages.filter((m): m is string => Boolean(m)).join('; ');
  return text || (data?.state === LoadingState.Error ? 'The query failed' : undefined);
}

function mergeFieldConfig(plugin: PanelPlugin, own: FieldConfigSource): FieldConfigSource {
  return {
    defaults: { ...plugin.fieldConfigDefaults.defaults, ...own.defaults },
    overrides: own.overrides,
  };
}

export function PanelView(props: PanelViewProps): React.ReactElement {
  const { panel, plugin, range, timeZone, refreshKey, dashboardUID, eventBus, annotations } = props;
  const theme = useTheme2();
  const [data, setData] = useState<PanelData | undefined>(undefined);
  // The panel may change its own options (e.g. a legend toggle); those edits win over the defaults.
  const [optionEdits, setOptionEdits] = useState<Record<string, unknown> | undefined>(undefined);
  const [cellRef, size] = useElementSize<HTMLDivElement>();
  const styles = getStyles();

  const baseOptions = useMemo(() => {
    try {
      return { options: { ...(plugin?.defaults ?? {}), ...panel.options }, error: undefined };
    } catch (err) {
      // A panel whose option builder throws still shows its data and says why its options failed.
      return {
        options: { ...panel.options },
        error: `Panel options: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
  }, [plugin, panel.options]);
  const options = optionEdits ?? baseOptions.options;
  const optionsError = baseOptions.error;

  const fieldConfig = useMemo(
    () => (plugin ? mergeFieldConfig(plugin, panel.fieldConfig) : panel.fieldConfig),
    [plugin, panel.fieldConfig]
  );

  useEffect(() => {
    if (panel.targets.length === 0) {
      return;
    }
    let cancelled = false;
    let unsubscribe: (() => void) | undefined;
    getDataSourceSrv()
      .get(panel.datasource)
      .then((ds) => {
        if (cancelled) {
          return;
        }
        const request = buildRequest({
          panelId: panel.id,
          dashboardUID,
          targets: panel.targets.map((t) => ({ ...t, datasource: t.datasource ?? panel.datasource })),
          range,
          timeZone,
          maxDataPoints: panel.maxDataPoints ?? Math.max(100, size.width || 800),
          minInterval: panel.interval,
        });
        // Keep the last result on screen while the new one loads, as Grafana does.
        setData((previous) => ({
          state: LoadingState.Loading,
          series: previous?.series ?? [],
          timeRange: range,
          request,
        }));
        const subscription = runPanelRequest(ds, request).subscribe((next) => setData(next));
        unsubscribe = () => subscription.unsubscribe();
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          const message = err instanceof Error ? err.message : String(err);
          setData({
            state: LoadingState.Error,
            series: [],
            error: { message },
            errors: [{ message }],
            timeRange: range,
          });
        }
      });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
    // size.width is read once per run on purpose: resizing does not re-run training queries.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [panel.targets, panel.datasource, panel.id, range, timeZone, refreshKey, dashboardUID]);

  // Apart from the panel's data, so a streamed packet does not give the panel new annotation frames.
  const panelAnnotations = useMemo(() => {
    // Grafana (VizPanel, PanelQueryRunner) hands annotations only to a panel plugin that asks for
    // them with setDataSupport({ annotations: true }); others get none, here as there.
    if (!plugin?.dataSupport?.annotations) {
      return undefined;
    }
    try {
      return processAnnotationFrames(annotations, plugin, theme, timeZone);
    } catch {
      // Annotations are extras: ones that cannot be prepared are handed on as they came.
      return annotations;
    }
  }, [annotations, plugin, theme, timeZone]);

  // A new object only when the data or the annotations change: the panel re-renders on each.
  const processed = useMemo(() => {
    if (!data || panel.targets.length === 0) {
      return undefined;
    }
    const withAnnotations: PanelData = { ...data, annotations: panelAnnotations };
    if (!plugin) {
      return withAnnotations;
    }
    try {
      return processPanelData(withAnnotations, plugin, fieldConfig, theme, timeZone);
    } catch (err) {
      const message = `Could not apply field config: ${err instanceof Error ? err.message : String(err)}`;
      return { ...withAnnotations, state: LoadingState.Error, error: { message }, errors: [{ message }] };
    }
  }, [data, panelAnnotations, plugin, fieldConfig, theme, timeZone, panel.targets.length]);

  // Grafana bumps renderCounter each time a panel gets new data.
  const renderCounter = useMemo(() => nextRenderCount(processed), [processed]);

  const error = [optionsError, errorText(processed)].filter(Boolean).join('; ') || undefined;
  const replaceVariables = (value: string, scopedVars?: ScopedVars) => getTemplateSrv().replace(value, scopedVars);
  const PanelComponent = plugin?.panel;
  const state = processed?.state ?? LoadingState.NotStarted;

  return (
    <div className={styles.cell} data-testid={playgroundTestIds.panel(panel.id)} data-state={state}>
      <span hidden data-testid={playgroundTestIds.panelState(panel.id)}>
        {state}
      </span>
      <script type="application/json" data-testid={playgroundTestIds.panelSummary(panel.id)}>
        {JSON.stringify(summarizePanelData(processed))}
      </script>
      <div ref={cellRef} className={styles.body}>
        {size.width > 0 && size.height > 0 && (
          <PanelContextProvider
            value={{
              eventsScope: 'global',
              eventBus,
              sync: () => props.cursorSync,
              instanceState: undefined,
            }}
          >
            <PanelChrome
              width={size.width}
              height={size.height}
              title={panel.title}
              description={panel.description}
              loadingState={processed?.state}
              statusMessage={error}
              actions={
                <IconButton
                  name="edit"
                  tooltip={props.selected ? 'Editing this panel' : 'Edit queries and data source'}
                  data-testid={playgroundTestIds.panelEdit(panel.id)}
                  onClick={() => props.onEdit(panel.id)}
                />
              }
            >
              {(innerWidth, innerHeight) => (
                <ErrorBoundaryAlert>
                  {PanelComponent && processed ? (
                    <PanelComponent
                      id={panel.id}
                      data={processed}
                      timeRange={processed.timeRange}
                      timeZone={timeZone}
                      options={options}
                      onOptionsChange={(next) => setOptionEdits(next)}
                      fieldConfig={fieldConfig}
                      onFieldConfigChange={() => undefined}
                      replaceVariables={replaceVariables}
                      width={innerWidth}
                      height={innerHeight}
                      title={panel.title}
                      transparent={false}
                      renderCounter={renderCounter}
                      eventBus={eventBus}
                      onChangeTimeRange={props.onChangeTimeRange}
                    />
                  ) : (
                    <div className={styles.placeholder}>
                      {plugin ? 'No data yet' : `Unknown panel type "${panel.type}"`}
                    </div>
                  )}
                </ErrorBoundaryAlert>
              )}
            </PanelChrome>
          </PanelContextProvider>
        )}
      </div>
      {error && (
        <div className={styles.error} role="alert" data-testid={playgroundTestIds.panelError(panel.id)}>
          {error}
        </div>
      )}
    </div>
  );
}

function getStyles() {
  return {
    // The error line sits under the panel, not over it: the panel's own error text (the Foresight
    // panel says it in its warning line and body) stays readable, as in Grafana, which shows no such
    // line at all. The panel gets the height that is left.
    cell: css({ display: 'flex', flexDirection: 'column', width: '100%', height: '100%' }),
    body: css({ position: 'relative', flex: '1 1 0', minHeight: 0 }),
    placeholder: css({ padding: 8, opacity: 0.7 }),
    error: css({
      flex: 'none',
      marginTop: 4,
      padding: '4px 8px',
      borderRadius: 2,
      background: 'rgba(209, 14, 92, 0.85)',
      color: '#fff',
      fontSize: 12,
      maxHeight: '40%',
      overflow: 'auto',
      pointerEvents: 'auto',
    }),
  };
}
