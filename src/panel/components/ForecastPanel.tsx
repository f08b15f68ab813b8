/**
 * The Foresight forecast panel: chart (or predictions table), model card, training progress and
 * readable states. A thin renderer: what to show is decided by the view-model (`data/viewModel.ts`);
 * this file keeps the React state (the viewer's toggles, the measured header) and lays it out.
 * Everything inside an error boundary: a bad frame shows an alert, never a crash.
 */
import React, { type ReactNode, useLayoutEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { DataQueryError, GrafanaTheme2, PanelData, PanelProps } from '@grafana/data';
import { ErrorBoundaryAlert, useStyles2, useTheme2 } from '@grafana/ui';
import { asSentence } from '../../common/reasons';
import { decodeFrames } from '../../contract/decode';
import { separateQueries } from '../../contract/separateQueries';
import { parseAnnotations } from '../data/annotations';
import { bodyHeight, type HeaderMeasure, type HeaderPlan, planHeader } from '../data/layout';
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
import { MORE_CHIP_ROOM, MoreChip, useHiddenCount } from './MoreChip';
import { PanelMessage } from './PanelMessage';
import { PanelToolbar, type ToolbarActions } from './PanelToolbar';
import { PredictionsTable } from './PredictionsTable';
import { TrainingProgress } from './TrainingProgress';
import { WarningList } from './WarningList';

type Props = PanelProps<ForesightPanelOptions>;
type Toggles = PanelViewContext['toggles'];

/** The card's label/value items (and its warning): what "+N more" counts. */
const CARD_ITEMS = 'section > div, section > dl > div';

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
  // With several queries, which one failed: the others' series may be on screen (Grafana names
  // its query rows A, B, …).
  const queries = (data.request?.targets ?? []).filter((t) => !t.hide).length;
  const texts = errors
    .map((e) => {
      const text = e.message || e.data?.message || 'Unknown error';
      return queries > 1 && e.refId ? `Query ${e.refId}: ${text}` : text;
    })
    .filter(Boolean);
  // Whole sentences one after another (joined by "; " they read "….; …").
  return texts.length ? Array.from(new Set(texts), asSentence).join(' ') : undefined;
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

/** The header parts whose natural heights the layout plan needs. */
interface HeaderParts {
  toolbar: HTMLDivElement | null;
  warnings: HTMLElement | null;
  card: HTMLElement | null;
}

function sameMeasure(a: Omit<HeaderMeasure, 'legend'> | undefined, b: Omit<HeaderMeasure, 'legend'>): boolean {
  return (
    !!a &&
    a.toolbar === b.toolbar &&
    a.warnings === b.warnings &&
    a.card === b.card &&
    a.cardRowBottoms.join() === b.cardRowBottoms.join()
  );
}

/** Bottom edges of the card's rows (its warning, then each row of label/value items), from its top. */
function cardRowBottoms(card: HTMLElement): number[] {
  const top = card.getBoundingClientRect().top;
  const bottoms = new Set<number>();
  card.querySelectorAll(':scope > div, :scope > dl > div').forEach((el) => {
    bottoms.add(Math.ceil(el.getBoundingClientRect().bottom - top));
  });
  return Array.from(bottoms).sort((a, b) => a - b);
}

/**
 * Natural heights of the toolbar, the warning line and the card (their content, however much of it
 * is in sight), re-read whenever one changes. Undefined where nothing is laid out (jsdom).
 */
function useHeaderMeasure(parts: HeaderParts): Omit<HeaderMeasure, 'legend'> | undefined {
  const [measure, setMeasure] = useState<Omit<HeaderMeasure, 'legend'> | undefined>(undefined);
  const { toolbar, warnings, card } = parts;
  useLayoutEffect(() => {
    if (!toolbar) {
      return undefined;
    }
    const read = () => {
      const t = toolbar.getBoundingClientRect().height;
      if (!(t > 0)) {
        return;
      }
      const next = {
        toolbar: Math.ceil(t),
        warnings: warnings ? Math.ceil(warnings.getBoundingClientRect().height) : 0,
        card: card ? Math.ceil(card.getBoundingClientRect().height) : 0,
        cardRowBottoms: card ? cardRowBottoms(card) : [],
      };
      setMeasure((prev) => (sameMeasure(prev, next) ? prev : next));
    };
    read();
    if (typeof ResizeObserver === 'undefined') {
      return undefined;
    }
    const observer = new ResizeObserver(read);
    [toolbar, warnings, card].forEach((el) => el && observer.observe(el));
    return () => observer.disconnect();
  }, [toolbar, warnings, card]);
  return measure;
}

/** The viewer's header toggles, and the toolbar's actions that set them. */
function useToggles(): [Toggles, ToolbarActions] {
  const [toggles, setToggles] = useState<Toggles>({});
  // Stable across renders, so the memoised toolbar (and its series picker) renders only when its view changes.
  const actions = useMemo<ToolbarActions>(
    () => ({
      onView: (v) => setToggles((t) => ({ ...t, view: v })),
      onCardOpen: (open) => setToggles((t) => ({ ...t, cardOpen: open })),
      onCardSeries: (key) => setToggles((t) => ({ ...t, cardSeries: key })),
    }),
    []
  );
  return [toggles, actions];
}

function ForecastPanelBody(props: Props) {
  const { data, width, height, timeZone } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  // Migrated once per options object (Grafana migrates on load; other hosts may not).
  const options = migratedOptions(props.options);
  const [toggles, actions] = useToggles();
  const [headerEl, setHeaderEl] = useState<HTMLDivElement | null>(null);
  const [toolbarEl, setToolbarEl] = useState<HTMLDivElement | null>(null);
  const [warningsEl, setWarningsEl] = useState<HTMLElement | null>(null);
  const [cardEl, setCardEl] = useState<HTMLElement | null>(null);
  const [legendHeight, setLegendHeight] = useState(0);
  // "now" falls back to the render time only when the data source gave no clock.
  const [renderNowMs] = useState(() => Date.now());

  const fresh = useMemo(() => decodeFrames(data.series), [data.series]);
  const shown = useLastGood(fresh, data);
  const stale = shown.stale;
  // Named apart across queries on what is shown: kept series of one query beside new ones of another.
  const parsed = useMemo(() => separateQueries(shown.parsed), [shown.parsed]);
  const drawing = useMemo(
    () => buildPanelDrawing(parsed, options, { theme, timeZone, renderNowMs }),
    [parsed, options, theme, timeZone, renderNowMs]
  );
  // The dashboard's annotations, read once per response (they come with every refresh).
  const annotations = useMemo(
    () => parseAnnotations(data.annotations, theme, timeZone),
    [data.annotations, theme, timeZone]
  );
  // The view is rebuilt only when what it reads changes: a mount renders about five times while the
  // header measures itself, and each rebuild re-read every row for the range notes.
  const { timeRange } = props;
  const error = errorText(data);
  const view = useMemo(
    () =>
      buildPanelView(drawing, {
        width,
        height,
        timeRange,
        timeZone,
        loadingState: data.state,
        error,
        stale,
        renderNowMs,
        toggles,
        annotations,
      }),
    [drawing, width, height, timeRange, timeZone, data.state, error, stale, renderNowMs, toggles, annotations]
  );
  const headerHeight = useHeaderHeight(headerEl, view.state === 'ready' ? view.layout.headerEstimate : 0);
  const measure = useHeaderMeasure({ toolbar: toolbarEl, warnings: warningsEl, card: cardEl });
  const isChart = view.state === 'ready' && view.body.kind === 'chart';
  // Before the first measurement (and in jsdom) the parts keep the plain share of the panel.
  const plan = measure ? planHeader(height, { ...measure, legend: isChart ? legendHeight : 0 }) : undefined;

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
  return (
    <div className={styles.root} data-testid={panelTestIds.root} style={{ width, height }}>
      <div ref={setHeaderEl} className={styles.header}>
        <PanelHeader
          view={view}
          actions={actions}
          plan={plan}
          onToolbar={setToolbarEl}
          onWarnings={setWarningsEl}
          onCard={setCardEl}
        />
      </div>
      <PanelBody
        {...props}
        body={view.body}
        height={bodyHeight(height, headerHeight)}
        onLegendHeight={setLegendHeight}
        onIsolate={actions.onCardSeries}
      />
    </div>
  );
}

interface PanelHeaderProps {
  view: ReadyView;
  actions: ToolbarActions;
  plan?: HeaderPlan;
  /** Hand the panel the header parts it measures. */
  onToolbar(el: HTMLDivElement | null): void;
  onWarnings(el: HTMLElement | null): void;
  onCard(el: HTMLElement | null): void;
}

function PanelHeader({ view, actions, plan, onToolbar, onWarnings, onCard }: PanelHeaderProps) {
  const share = view.layout.sectionMaxHeight;
  return (
    <>
      {view.toolbar && (
        <div ref={onToolbar}>
          <PanelToolbar toolbar={view.toolbar} actions={actions} />
        </div>
      )}
      {view.warnings.length > 0 && (
        <WarningList warnings={view.warnings} maxHeight={plan?.warningsMax ?? share} onContent={onWarnings} />
      )}
      {view.card && (
        <CardBox maxHeight={plan?.cardMax ?? share} clipped={plan?.cardClipped ?? false}>
          <ModelCard content={view.card.content} seriesName={view.card.seriesName} onSection={onCard} />
        </CardBox>
      )}
    </>
  );
}

/**
 * The card's area: at most its share of the panel, cut between rows of items (never through one),
 * scrolling beyond with a visible "+N more".
 */
function CardBox({ maxHeight, clipped, children }: { maxHeight: number; clipped: boolean; children: ReactNode }) {
  const styles = useStyles2(getStyles);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const hidden = useHiddenCount(scroller, CARD_ITEMS, `${maxHeight}/${clipped}`);
  return (
    <div className={styles.cardBox}>
      <div
        ref={setScroller}
        className={styles.cardWrap}
        style={{ maxHeight, paddingRight: hidden > 0 ? MORE_CHIP_ROOM : undefined }}
      >
        {children}
      </div>
      <MoreChip count={hidden} scroller={scroller} what="model card items" testId={panelTestIds.modelCardMore} />
    </div>
  );
}

interface PanelBodyProps extends Props {
  body: ChartBody | TableBody;
  onLegendHeight(height: number): void;
  onIsolate(seriesKey: string): void;
}

function PanelBody(props: PanelBodyProps) {
  const { body, height, width, timeZone, eventBus, onLegendHeight, onChangeTimeRange, onIsolate } = props;
  if (body.kind === 'table') {
    return (
      <PredictionsTable
        rows={body.rows}
        formatters={body.formatters}
        markerStyle={body.markerStyle}
        columns={body.columns}
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
      annotations={body.annotations}
      clockMs={body.clockMs}
      origins={body.origins}
      nowColor={body.nowColor}
      replicaFieldName={body.replicaFieldName}
      timeRange={body.timeRange}
      timeZone={timeZone}
      width={width}
      height={height}
      legend={body.legend}
      tooltip={body.tooltip}
      eventBus={eventBus}
      optionsKey={body.optionsKey}
      onLegendHeight={onLegendHeight}
      onZoom={onChangeTimeRange}
      onIsolate={onIsolate}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden', color: theme.colors.text.primary }),
  header: css({ flexShrink: 0 }),
  cardBox: css({ position: 'relative' }),
  cardWrap: css({ overflowY: 'auto', overflowX: 'hidden' }),
});
