/**
 * The Foresight forecast panel: chart (or predictions table), model card, training progress and
 * readable states. Everything inside an error boundary: a bad frame shows an alert, never a crash.
 */
import React, { useLayoutEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import {
  type DataFrame,
  type DataQueryError,
  FieldColorModeId,
  FieldType,
  type GrafanaTheme2,
  LoadingState,
  type PanelProps,
} from '@grafana/data';
import { Button, Combobox, ErrorBoundaryAlert, RadioButtonGroup, useStyles2, useTheme2 } from '@grafana/ui';
import { actionBelongsTo, buildActionMarkers } from '../data/actionMarkers';
import { buildChartModel, seriesColor } from '../data/chartFrames';
import { valueFormatter } from '../data/format';
import { buildModelCard } from '../data/modelCard';
import { timeMarks } from '../data/origin';
import { type ActionRow, type ForecastSeries, parseFrames } from '../data/parseFrames';
import { buildWarningLine, type PanelNote } from '../data/warningLine';
import { buildPredictionRows } from '../data/tableRows';
import { chartTimeRange } from '../data/timeRange';
import { useLastGood } from '../data/useLastGood';
import { migrateOptions } from '../migrations';
import { panelTestIds } from '../testIds';
import type { ForesightPanelOptions, PanelView } from '../types';
import { ForecastChart } from './ForecastChart';
import { MODEL_CARD_HEIGHT, ModelCard } from './ModelCard';
import { PanelMessage } from './PanelMessage';
import { PredictionsTable } from './PredictionsTable';
import { TrainingProgress } from './TrainingProgress';

const TOOLBAR_HEIGHT = 26;
const NOTE_LINE_HEIGHT = 16;
const MIN_CHART_HEIGHT = 40;
/** The warning line and the model card each take at most this share of the panel, then scroll. */
const MAX_HEADER_SHARE = 0.35;
/** Below this panel width the legend drops its value columns (Last, Max) to fit every entry. */
const NARROW_LEGEND_WIDTH = 600;
/** Below this panel height the model card starts closed (it would take most of the chart). */
export const CARD_MIN_PANEL_HEIGHT = 320;

type Props = PanelProps<ForesightPanelOptions>;

export function ForecastPanel(props: Props) {
  return (
    <ErrorBoundaryAlert title="The Foresight panel failed to render" dependencies={[props.data, props.options]}>
      <ForecastPanelBody {...props} />
    </ErrorBoundaryAlert>
  );
}

function errorText(props: Props): string | undefined {
  // Older data sources still set the deprecated single `error`; read it too.
  const legacy = (props.data as { error?: DataQueryError }).error;
  const errors = props.data.errors?.length ? props.data.errors : legacy ? [legacy] : [];
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

/** The card opens on the first series that has a scale action (the one worth reading), else the first. */
export function defaultCardSeries(forecasts: ForecastSeries[], actions: ActionRow[]): number {
  const index = forecasts.findIndex((s) => actions.some((a) => a.action !== 'hold' && actionBelongsTo(a, s)));
  return index < 0 ? 0 : index;
}

/** Plain frames keep their own config; give colourless ones a palette colour so lines differ. */
function colourPlainFrames(frames: DataFrame[], theme: GrafanaTheme2, offset: number): DataFrame[] {
  let n = offset;
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      if (field.type !== FieldType.number || field.config.color) {
        return field;
      }
      const color = seriesColor(theme, n++);
      return { ...field, config: { ...field.config, color: { mode: FieldColorModeId.Fixed, fixedColor: color } } };
    }),
  }));
}

function ForecastPanelBody(props: Props) {
  const { data, width, height, timeZone, eventBus } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const options = useMemo(() => migrateOptions(props.options as unknown as Record<string, unknown>), [props.options]);
  const [viewOverride, setViewOverride] = useState<PanelView | undefined>(undefined);
  const [cardOverride, setCardOverride] = useState<boolean | undefined>(undefined);
  const [cardSeries, setCardSeries] = useState<string | undefined>(undefined);
  const [headerEl, setHeaderEl] = useState<HTMLDivElement | null>(null);
  // "now" falls back to the render time only when the data source gave no clock.
  const [renderNowMs] = useState(() => Date.now());
  const view = viewOverride ?? options.view;
  // A short panel opens with the card closed, so the chart keeps most of its height; the headline
  // stays visible and the Model toggle opens the card.
  const showCard = cardOverride ?? (options.showModelCard && height >= CARD_MIN_PANEL_HEIGHT);

  const fresh = useMemo(() => parseFrames(data.series), [data.series]);
  const { parsed, stale } = useLastGood(fresh, data);
  const error = errorText(props);

  const limit = options.maxSeries;
  const forecasts = useMemo(() => parsed.forecasts.slice(0, limit), [parsed.forecasts, limit]);
  const plainFrames = useMemo(
    () => colourPlainFrames(parsed.plain.slice(0, Math.max(0, limit - forecasts.length)), theme, forecasts.length),
    [parsed.plain, limit, forecasts.length, theme]
  );
  const narrow = width < NARROW_LEGEND_WIDTH;
  const model = useMemo(
    () => buildChartModel(forecasts, options, theme),
    [forecasts, options, theme]
  );
  const chartFrames = useMemo(() => [...model.frames, ...plainFrames], [model.frames, plainFrames]);
  const markers = useMemo(
    () => (options.showActions ? buildActionMarkers(parsed.actions, forecasts, options.colors, theme, timeZone) : []),
    [options.showActions, options.colors, parsed.actions, forecasts, theme, timeZone]
  );
  const marks = useMemo(() => timeMarks(forecasts, renderNowMs), [forecasts, renderNowMs]);
  const range = useMemo(
    () => chartTimeRange(props.timeRange, model.horizonEndMs, options.extendToHorizon, marks.clockMs),
    [props.timeRange, model.horizonEndMs, options.extendToHorizon, marks.clockMs]
  );

  const streaming = data.state === LoadingState.Streaming || data.state === LoadingState.Loading;
  const progress = streaming ? parsed.progress : undefined;
  const totalSeries = parsed.forecasts.length + parsed.plain.length;
  const notes: PanelNote[] = [];
  if (error && totalSeries > 0) {
    notes.push({ kind: 'error', text: `Error: ${error}${stale ? ' (showing the previous forecast)' : ''}` });
  }
  if (stale && !error && !progress) {
    notes.push({ kind: 'warning', text: 'Showing the previous forecast while the new one loads.' });
  }
  if (totalSeries > limit) {
    notes.push({
      kind: 'warning',
      text: `Too many series: showing ${limit} of ${totalSeries}. Narrow the query or raise "Maximum forecast series".`,
    });
  }
  for (const problem of parsed.problems) {
    notes.push({ kind: 'warning', text: `Partial results: ${problem}` });
  }
  const warningLine = buildWarningLine(notes, forecasts, parsed.notices, renderNowMs, timeZone);

  const headerHeight = useHeaderHeight(
    headerEl,
    TOOLBAR_HEIGHT + warningLine.length * NOTE_LINE_HEIGHT + (showCard ? MODEL_CARD_HEIGHT : 0)
  );

  if (totalSeries === 0) {
    if (progress) {
      return (
        <div className={styles.root} data-testid={panelTestIds.root} style={{ width, height }}>
          <TrainingProgress progress={progress} stale={false} />
          <PanelMessage kind="info" title="Training the first model…">
            The forecast appears when training and the backtest finish.
          </PanelMessage>
        </div>
      );
    }
    if (error) {
      return (
        <div className={styles.root} data-testid={panelTestIds.root} style={{ width, height }}>
          <PanelMessage kind="error" title="The query failed">
            {error}
          </PanelMessage>
        </div>
      );
    }
    const problem = parsed.problems.length ? parsed.problems.join(' ') : undefined;
    return (
      <div className={styles.root} data-testid={panelTestIds.root} style={{ width, height }}>
        <PanelMessage kind={problem ? 'warning' : 'info'} title={problem ? 'Nothing to draw' : 'No data'}>
          {problem ??
            (data.state === LoadingState.Loading
              ? 'Waiting for the first response…'
              : 'The query returned no series. Check the metric and labels, or widen the time range.')}
        </PanelMessage>
      </div>
    );
  }

  const hasForecasts = forecasts.length > 0;
  const picked = forecasts.findIndex((s) => s.key === cardSeries);
  const cardIndex = picked >= 0 ? picked : defaultCardSeries(forecasts, parsed.actions);
  const cardSeriesData = hasForecasts ? forecasts[cardIndex] : undefined;
  const fullCard = cardSeriesData
    ? buildModelCard(cardSeriesData.report, cardSeriesData.retire, cardSeriesData.run, {
        timeZone,
        format: valueFormatter(cardSeriesData.unit, cardSeriesData.decimals),
        clockMs: marks.clockMs,
      })
    : undefined;
  // The card's warning is already in the warning line above it: said once.
  const cardContent = fullCard && showCard ? { ...fullCard, warning: undefined } : undefined;
  const headline = fullCard
    ? `${forecasts.length > 1 && cardSeriesData ? `${cardSeriesData.name}: ` : ''}${fullCard.headline}`
    : undefined;
  const hint =
    !hasForecasts && parsed.plain.length > 0
      ? 'Plain time series (not from the Foresight data source): no forecast, bands or scale actions.'
      : undefined;

  const bodyHeight = Math.max(MIN_CHART_HEIGHT, height - headerHeight);
  const sectionMaxHeight = Math.max(NOTE_LINE_HEIGHT * 2, Math.floor(height * MAX_HEADER_SHARE));

  const markerStyle = {
    up: { glyph: '▲', color: theme.visualization.getColorByName(options.colors.scaleUp) },
    down: { glyph: '▼', color: theme.visualization.getColorByName(options.colors.scaleDown) },
    retire: { glyph: '✕', color: theme.visualization.getColorByName(options.colors.retire) },
  };

  const showToolbar = hasForecasts || Boolean(progress) || Boolean(hint);
  // A narrow panel lists the legend without values (they stay in the tooltip), so every entry —
  // replicas and capacity included — fits instead of scrolling out of sight.
  const legend = narrow ? { ...options.legend, calcs: [] } : options.legend;
  const seriesOptions = forecasts.map((s) => ({ value: s.key, label: s.name }));

  return (
    <div className={styles.root} data-testid={panelTestIds.root} style={{ width, height }}>
      <div ref={setHeaderEl} className={styles.header}>
        {showToolbar && (
          <div className={styles.toolbar}>
            <div className={styles.toolbarLeft}>
              {progress ? (
                <TrainingProgress progress={progress} stale={stale} />
              ) : hint ? (
                <span className={styles.hint} data-testid={panelTestIds.hint}>
                  {hint}
                </span>
              ) : headline ? (
                <span className={styles.headline} data-testid={panelTestIds.accuracyHeadline}>
                  {headline}
                </span>
              ) : null}
            </div>
            {hasForecasts && (
              <div className={styles.toolbarRight}>
                {showCard && forecasts.length > 1 && (
                  <div className={styles.picker} data-testid={panelTestIds.cardSeriesPicker}>
                    <Combobox
                      aria-label="Model card series"
                      options={seriesOptions}
                      value={seriesOptions[cardIndex]?.value}
                      onChange={(v) => setCardSeries(v.value)}
                      width="auto"
                      minWidth={12}
                      maxWidth={28}
                    />
                  </div>
                )}
                <Button
                  size="sm"
                  variant={showCard ? 'primary' : 'secondary'}
                  fill={showCard ? 'solid' : 'outline'}
                  icon="info-circle"
                  aria-pressed={showCard}
                  title={showCard ? 'Hide the model card' : 'Show the model card: accuracy, model, backend'}
                  data-testid={panelTestIds.modelCardToggle}
                  onClick={() => setCardOverride(!showCard)}
                >
                  Model
                </Button>
                <div data-testid={panelTestIds.viewToggle}>
                  <RadioButtonGroup<PanelView>
                    size="sm"
                    value={view}
                    onChange={setViewOverride}
                    options={[
                      { value: 'chart', label: 'Chart' },
                      { value: 'table', label: 'Table' },
                    ]}
                  />
                </div>
              </div>
            )}
          </div>
        )}
        {warningLine.length > 0 && (
          <ul
            className={styles.warnings}
            data-testid={panelTestIds.warnings}
            aria-label="Warnings"
            style={{ maxHeight: sectionMaxHeight }}
          >
            {warningLine.map((n) => (
              <li
                key={n.text}
                data-testid={panelTestIds.warning}
                className={n.kind === 'error' ? styles.noteError : styles.noteWarning}
                title={n.title}
              >
                {n.text}
              </li>
            ))}
          </ul>
        )}
        {cardContent && (
          <div className={styles.cardWrap} style={{ maxHeight: sectionMaxHeight }}>
            <ModelCard
              content={cardContent}
              seriesName={forecasts.length > 1 ? forecasts[cardIndex].name : undefined}
            />
          </div>
        )}
      </div>
      {view === 'table' && hasForecasts ? (
        <PredictionsTable
          rows={buildPredictionRows(forecasts, parsed.actions)}
          formatters={new Map(forecasts.map((s) => [s.name, valueFormatter(s.unit, s.decimals)]))}
          markerStyle={markerStyle}
          height={bodyHeight}
          timeZone={timeZone}
        />
      ) : (
        <ForecastChart
          frames={chartFrames}
          roles={model.roles}
          markers={markers}
          clockMs={options.showNowMarker && hasForecasts ? marks.clockMs : undefined}
          origins={options.showNowMarker ? marks.origins : []}
          nowColor={theme.visualization.getColorByName(options.colors.now)}
          replicaFieldName={model.replicaField?.name}
          timeRange={range}
          timeZone={timeZone}
          width={width}
          height={bodyHeight}
          legend={legend}
          eventBus={eventBus}
          optionsKey={options}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  // Warnings wrap: a sentence that says what was dropped is never cut to an ellipsis.
  const note = {
    lineHeight: `${NOTE_LINE_HEIGHT}px`,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'normal' as const,
    overflowWrap: 'anywhere' as const,
    padding: theme.spacing(0, 0.5),
    margin: 0,
  };
  return {
    root: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden', color: theme.colors.text.primary }),
    header: css({ flexShrink: 0 }),
    // Wraps onto a second row on narrow panels: the toggles and the progress text never overlap.
    toolbar: css({
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      justifyContent: 'space-between',
      gap: theme.spacing(0.5, 1),
      minHeight: TOOLBAR_HEIGHT,
    }),
    toolbarLeft: css({ flex: '1 1 200px', minWidth: 0 }),
    toolbarRight: css({
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      flexShrink: 0,
      marginLeft: 'auto',
    }),
    headline: css({ fontSize: theme.typography.bodySmall.fontSize, lineHeight: `${NOTE_LINE_HEIGHT}px` }),
    picker: css({ maxWidth: 200 }),
    warnings: css({ listStyle: 'none', margin: 0, padding: 0, overflowY: 'auto' }),
    cardWrap: css({ overflowY: 'auto' }),
    hint: css({
      fontSize: theme.typography.bodySmall.fontSize,
      color: theme.colors.text.secondary,
      whiteSpace: 'nowrap',
    }),
    noteError: css({ ...note, color: theme.colors.error.text }),
    noteWarning: css({ ...note, color: theme.colors.warning.text }),
  };
};
