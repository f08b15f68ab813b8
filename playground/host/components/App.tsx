/**
 * The playground page: toolbar, the selected provisioned dashboard rendered with the built panel
 * plugin, and the editor pane for the selected panel. Page state lives in the URL.
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  EventBusSrv,
  ThemeContext,
  createTheme,
  rangeUtil,
  type DataQuery,
  type PanelPlugin,
  type TimeRange,
} from '@grafana/data';
import { config } from '@grafana/runtime';
import { Alert, ErrorBoundaryAlert, GlobalStyles, Text } from '@grafana/ui';
import { css } from '@emotion/css';
import type { PlaygroundBoot } from '../bootConfig';
import { readDashboard, type DashboardModel, type PanelModel } from '../dashboardModel';
import { countHoverClears } from '../busTraffic';
import { playgroundTestIds } from '../testIds';
import { useDashboardAnnotations } from '../useDashboardAnnotations';
import { rangeFromUrl, readUrlState, writeUrlState, type UrlState } from '../urlState';
import { DashboardGrid } from './DashboardGrid';
import { EditorPane } from './EditorPane';
import { PanelView } from './PanelView';
import { Toolbar } from './Toolbar';

export interface AppProps {
  boot: PlaygroundBoot;
  panelPlugins: Record<string, PanelPlugin>;
}

const TIME_ZONE = 'browser';

function toRange(from: string, to: string): TimeRange {
  return rangeFromUrl(from, to, TIME_ZONE);
}

/** The theme for a mode; plugins may read it from config as well as from context, so both agree. */
function themeFor(mode: 'dark' | 'light') {
  const theme = createTheme({ colors: { mode } });
  config.theme2 = theme;
  config.theme = theme.v1;
  config.bootData.user.lightTheme = theme.isLight;
  return theme;
}

function rawString(value: TimeRange['raw']['from']): string {
  return typeof value === 'string' ? value : String(value.valueOf());
}

export function App({ boot, panelPlugins }: AppProps): React.ReactElement {
  const [url, setUrl] = useState<UrlState>(() => readUrlState(window.location.search));
  const [loaded, setLoaded] = useState<DashboardModel | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  // Query edits are drafts until the editor runs them, as in Grafana's panel editor.
  const [drafts, setDrafts] = useState<Record<number, DataQuery[]>>({});
  const draftsRef = useRef<Record<number, DataQuery[]>>({});
  const [applied, setApplied] = useState<Record<number, DataQuery[]>>({});
  const [panelRuns, setPanelRuns] = useState<Record<number, number>>({});
  const [refreshKey, setRefreshKey] = useState(0);
  const eventBus = useMemo(() => new EventBusSrv(), []);
  useEffect(() => {
    const counting = countHoverClears(eventBus);
    return () => counting.unsubscribe();
  }, [eventBus]);
  const dashboardUid = url.dashboard ?? boot.dashboards[0]?.uid;
  // Only the dashboard the URL names is shown; a stale one stays hidden while the next loads.
  const dashboard = loaded?.uid === dashboardUid ? loaded : undefined;

  const theme = useMemo(() => themeFor(url.theme), [url.theme]);

  const updateUrl = useCallback((patch: Partial<UrlState>) => {
    setUrl((current) => {
      const next = { ...current, ...patch };
      window.history.replaceState(null, '', writeUrlState(next));
      return next;
    });
  }, []);

  useEffect(() => {
    if (!dashboardUid) {
      return;
    }
    fetch(`/api/playground/dashboards/${encodeURIComponent(dashboardUid)}`)
      .then(async (response) => {
        if (!response.ok) {
          throw new Error(`Dashboard ${dashboardUid}: ${response.status} ${await response.text()}`);
        }
        return readDashboard(await response.json());
      })
      .then((model) => {
        setLoadError(undefined);
        setLoaded(model);
      })
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)));
  }, [dashboardUid]);

  const from = url.from ?? dashboard?.time.from ?? 'now-6h';
  const to = url.to ?? dashboard?.time.to ?? 'now';
  // A new range object on each refresh, so relative ranges ("now-2d") move forward in time.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const range = useMemo(() => toRange(from, to), [from, to, refreshKey]);
  // Annotation queries run on the same triggers as panel queries (load, range change, refresh).
  const annotationRun = useDashboardAnnotations(dashboard, range, TIME_ZONE);

  useEffect(() => {
    if (!url.refresh) {
      return;
    }
    const ms = rangeUtil.intervalToMs(url.refresh);
    const timer = window.setInterval(() => setRefreshKey((k) => k + 1), Math.max(ms, 5000));
    return () => window.clearInterval(timer);
  }, [url.refresh]);

  const panels: PanelModel[] = useMemo(
    () => (dashboard?.panels ?? []).map((p) => (applied[p.id] ? { ...p, targets: applied[p.id] } : p)),
    [dashboard, applied]
  );
  const selectedPanel = panels.find((p) => p.id === url.panel);
  const selected =
    selectedPanel && drafts[selectedPanel.id] ? { ...selectedPanel, targets: drafts[selectedPanel.id] } : selectedPanel;
  const runSelected = () => {
    if (!selected) {
      return;
    }
    // Read the draft from the ref: editors often call onChange and onRunQuery in the same tick.
    const targets = draftsRef.current[selected.id] ?? selected.targets;
    setApplied((current) => ({ ...current, [selected.id]: targets }));
    setPanelRuns((runs) => ({ ...runs, [selected.id]: (runs[selected.id] ?? 0) + 1 }));
  };
  const changeDraft = (id: number, targets: DataQuery[]) => {
    draftsRef.current = { ...draftsRef.current, [id]: targets };
    setDrafts(draftsRef.current);
  };
  const styles = getStyles();

  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div
        className={styles.page}
        style={{ background: theme.colors.background.canvas }}
        data-testid={playgroundTestIds.app}
      >
        <header className={styles.header}>
          <Text element="h1" variant="h3">
            Foresight playground
          </Text>
          <Toolbar
            dashboards={boot.dashboards}
            dashboardUid={dashboardUid}
            onDashboardChange={(uid) => {
              // Query edits belong to the dashboard they were made on.
              draftsRef.current = {};
              setDrafts({});
              setApplied({});
              updateUrl({ dashboard: uid, panel: undefined, from: undefined, to: undefined });
            }}
            range={range}
            timeZone={TIME_ZONE}
            onRangeChange={(next) => updateUrl({ from: rawString(next.raw.from), to: rawString(next.raw.to) })}
            onRefresh={() => setRefreshKey((k) => k + 1)}
            refreshInterval={url.refresh}
            onIntervalChange={(interval) => updateUrl({ refresh: interval || undefined })}
            theme={url.theme}
            onThemeChange={(mode) => updateUrl({ theme: mode })}
          />
          {annotationRun.errors.length > 0 && (
            <div className={styles.annotationErrors} role="status" data-testid={playgroundTestIds.annotationErrors}>
              Annotations failed: {annotationRun.errors.join('; ')}
            </div>
          )}
        </header>
        {loadError && (
          <div data-testid={playgroundTestIds.loadError}>
            <Alert title="Could not load the dashboard">{loadError}</Alert>
          </div>
        )}
        <div className={styles.body}>
          <main className={styles.main}>
            {dashboard && (
              <>
                <Text element="h2" variant="h4" data-testid={playgroundTestIds.dashboardTitle}>
                  {dashboard.title}
                </Text>
                <DashboardGrid
                  items={panels.map((panel) => ({
                    key: `${dashboard.uid}-${panel.id}`,
                    gridPos: panel.gridPos,
                    content: (
                      <ErrorBoundaryAlert>
                        <PanelView
                          panel={panel}
                          plugin={panelPlugins[panel.type]}
                          dashboardUID={dashboard.uid}
                          range={range}
                          timeZone={TIME_ZONE}
                          refreshKey={refreshKey * 1000 + (panelRuns[panel.id] ?? 0)}
                          annotations={annotationRun.annotations}
                          eventBus={eventBus}
                          cursorSync={dashboard.graphTooltip}
                          selected={panel.id === url.panel}
                          onEdit={(id) => updateUrl({ panel: id })}
                          // Grafana takes the range through toUtc(), whole milliseconds; a zoom gives fractions.
                          onChangeTimeRange={(r) =>
                            updateUrl({ from: String(Math.round(r.from)), to: String(Math.round(r.to)) })
                          }
                        />
                      </ErrorBoundaryAlert>
                    ),
                  }))}
                />
              </>
            )}
          </main>
          {selected && (
            <aside className={styles.aside} style={{ background: theme.colors.background.primary }}>
              <EditorPane
                key={`${selected.id}-${selected.datasource?.uid ?? 'default'}`}
                panel={selected}
                range={range}
                onTargetsChange={changeDraft}
                onRunQuery={runSelected}
                onClose={() => updateUrl({ panel: undefined })}
              />
            </aside>
          )}
        </div>
      </div>
    </ThemeContext.Provider>
  );
}

function getStyles() {
  return {
    page: css({ minHeight: '100vh', display: 'flex', flexDirection: 'column' }),
    header: css({ display: 'flex', flexDirection: 'column', gap: 8, padding: '12px 16px' }),
    annotationErrors: css({ fontSize: 12, color: '#d10e5c' }),
    body: css({ display: 'flex', flex: 1, minHeight: 0 }),
    main: css({ flex: 1, minWidth: 0, padding: '0 16px 16px' }),
    aside: css({
      width: 480,
      flexShrink: 0,
      borderLeft: '1px solid rgba(128,128,128,0.3)',
      maxHeight: '100vh',
      position: 'sticky',
      top: 0,
    }),
  };
}
