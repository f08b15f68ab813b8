/**
 * The Foresight forecast panel: chart (or predictions table), model card, training progress and
 * readable states. A thin renderer: what to show is decided by the view-model (`data/viewModel.ts`);
 * this file keeps the React state (the viewer's toggles, the measured header) and lays it out.
 * Everything inside an error boundary: a bad frame shows an alert, never a crash.
 */
import React, { useLayoutEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { DataQueryError, GrafanaTheme2, PanelData, PanelProps } from '@grafana/data';
import { ErrorBoundaryAlert, useStyles2, useTheme2 } from '@grafana/ui';
import { decodeFrames } from '../../contract/decode';
import { bodyHeight } from '../data/layout';
import { migratedOptions } from '../data/migratedOptions';
import { buildPanelDrawing } from '../data/panelDrawing';
import { useLastGood } from '../data/useLastGood';
import {
  buildPanelView,
  type ChartBody,
  type PanelViewContext,
  type ReadyView,
  type TableBody,
} from '../data/viewModel';
import { panelTestIds } from '../testIds';
import type { ForesightPanelOptions } from '../types';
import { ForecastChart } from './ForecastChart';
import { ModelCard } from './ModelCard';
import { PanelMessage } from './PanelMessage';
import { PanelToolbar, type ToolbarActions } from './PanelToolbar';
import { PredictionsTable } from './PredictionsTable';
import { TrainingProgress } from './TrainingProgress';
import { WarningList } from './WarningList';

type Props = PanelProps<ForesightPanelOptions>;
type Toggles = PanelViewContext['toggles'];

export function ForecastPanel(props: Props) {
  return (
    <ErrorBoundaryAlert title="The Foresight panel failed to render" dependencies={[props.data, props.options]}>
      <ForecastPanelBody {...props} />
    </ErrorBoundaryAlert>
  );
}

function errorText(data: PanelData): string | undefined {
  // Older data sources still set the deprecated single `error`; read it too.
  const legacy = (data as { error?: DataQueryError }).error;
  const errors = data.errors?.length ? data.errors : legacy ? [legacy] : [];
  const texts = errors.map((e) => e.message || e.data?.message || 'Unknown error').filter(Boolean);
  return texts.length ? Array.from(new Set(texts)).join('; ') : undefined;
}

/**
 * Height of the header (toolbar, warning line, model card) as laid out, so the chart gets exactly the
 * rest: wrapped warnings push the chart down instead of covering it. Falls back to the estimate where
 * nothing is laid out (jsdom) or before the first measurement.
 */
function useHeaderHeight(el: HTMLDivElement | null, estimate: number): number {
  const [measured, setMeasured] = useState<number | undefined>(undefined);
  // Keyed on the element, not a ref object: the header mounts later than the panel when the first
  // response had nothing to draw yet ("Training the first model…"), and must be observed then.
  useLayoutEffect(() => {
    if (!el) {
      return undefined;
    }
    const read = () => {
      const h = el.getBoundingClientRect().height;
      setMeasured(h > 0 ? Math.ceil(h) : undefined);
    };
    read();
    if (typeof ResizeObserver === 'undefined') {
      return undefined;
    }
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return measured ?? estimate;
}

function ForecastPanelBody(props: Props) {
  const { data, width, height, timeZone } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  // Migrated once per options object (Grafana migrates on load; other hosts may not).
  const options = migratedOptions(props.options);
  const [toggles, setToggles] = useState<Toggles>({});
  const [headerEl, setHeaderEl] = useState<HTMLDivElement | null>(null);
  // "now" falls back to the render time only when the data source gave no clock.
  const [renderNowMs] = useState(() => Date.now());

  const fresh = useMemo(() => decodeFrames(data.series), [data.series]);
  const { parsed, stale } = useLastGood(fresh, data);
  const drawing = useMemo(
    () => buildPanelDrawing(parsed, options, { theme, timeZone, renderNowMs }),
    [parsed, options, theme, timeZone, renderNowMs]
  );
  const view = buildPanelView(drawing, {
    width,
    height,
    timeRange: props.timeRange,
    timeZone,
    loadingState: data.state,
    error: errorText(data),
    stale,
    renderNowMs,
    toggles,
  });
  const headerHeight = useHeaderHeight(headerEl, view.state === 'ready' ? view.layout.headerEstimate : 0);

  if (view.state !== 'ready') {
    return (
      <div className={styles.root} data-testid={panelTestIds.root} style={{ width, height }}>
        {view.state === 'loading' && view.progress && <TrainingProgress progress={view.progress} stale={false} />}
        <PanelMessage kind={view.message.kind} title={view.message.title}>
          {view.message.text}
        </PanelMessage>
      </div>
    );
  }
  const actions: ToolbarActions = {
    onView: (v) => setToggles((t) => ({ ...t, view: v })),
    onCardOpen: (open) => setToggles((t) => ({ ...t, cardOpen: open })),
    onCardSeries: (key) => setToggles((t) => ({ ...t, cardSeries: key })),
  };
  return (
    <div className={styles.root} data-testid={panelTestIds.root} style={{ width, height }}>
      <div ref={setHeaderEl} className={styles.header}>
        <PanelHeader view={view} actions={actions} />
      </div>
      <PanelBody {...props} body={view.body} height={bodyHeight(height, headerHeight)} />
    </div>
  );
}

function PanelHeader({ view, actions }: { view: ReadyView; actions: ToolbarActions }) {
  const styles = useStyles2(getStyles);
  const maxHeight = view.layout.sectionMaxHeight;
  return (
    <>
      {view.toolbar && <PanelToolbar toolbar={view.toolbar} actions={actions} />}
      {view.warnings.length > 0 && <WarningList warnings={view.warnings} maxHeight={maxHeight} />}
      {view.card && (
        <div className={styles.cardWrap} style={{ maxHeight }}>
          <ModelCard content={view.card.content} seriesName={view.card.seriesName} />
        </div>
      )}
    </>
  );
}

function PanelBody({ body, height, width, timeZone, eventBus }: Props & { body: ChartBody | TableBody }) {
  if (body.kind === 'table') {
    return (
      <PredictionsTable
        rows={body.rows}
        formatters={body.formatters}
        markerStyle={body.markerStyle}
        height={height}
        timeZone={timeZone}
      />
    );
  }
  return (
    <ForecastChart
      frames={body.frames}
      roles={body.roles}
      markers={body.markers}
      clockMs={body.clockMs}
      origins={body.origins}
      nowColor={body.nowColor}
      replicaFieldName={body.replicaFieldName}
      timeRange={body.timeRange}
      timeZone={timeZone}
      width={width}
      height={height}
      legend={body.legend}
      eventBus={eventBus}
      optionsKey={body.optionsKey}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden', color: theme.colors.text.primary }),
  header: css({ flexShrink: 0 }),
  cardWrap: css({ overflowY: 'auto' }),
});
