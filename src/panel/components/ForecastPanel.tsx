/**
 * The Foresight forecast panel: chart (or predictions table), model card, training progress and
 * readable states. Everything inside an error boundary: a bad frame shows an alert, never a crash.
 */
import React, { useMemo, useState } from 'react';
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
import { Button, ErrorBoundaryAlert, RadioButtonGroup, useStyles2, useTheme2 } from '@grafana/ui';
import { buildActionMarkers } from '../data/actionMarkers';
import { buildChartModel, seriesColor } from '../data/chartFrames';
import { valueFormatter } from '../data/format';
import { buildModelCard } from '../data/modelCard';
import { parseFrames } from '../data/parseFrames';
import { buildPredictionRows } from '../data/tableRows';
import { chartTimeRange } from '../data/timeRange';
import { useLastGood } from '../data/useLastGood';
import { migrateOptions } from '../migrations';
import { panelTestIds } from '../testIds';
import type { ForesightPanelOptions, PanelView } from '../types';
import { ForecastChart } from './ForecastChart';
import { MODEL_CARD_HEIGHT, MODEL_CARD_WARNING_HEIGHT, ModelCard } from './ModelCard';
import { PanelMessage } from './PanelMessage';
import { PredictionsTable } from './PredictionsTable';
import { TrainingProgress } from './TrainingProgress';

const TOOLBAR_HEIGHT = 26;
const NOTE_HEIGHT = 18;
const MIN_CHART_HEIGHT = 40;

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
  const [cardSeries, setCardSeries] = useState(0);
  const view = viewOverride ?? options.view;
  const showCard = cardOverride ?? options.showModelCard;

  const fresh = useMemo(() => parseFrames(data.series), [data.series]);
  const { parsed, stale } = useLastGood(fresh, data.state);
  const error = errorText(props);

  const limit = options.maxSeries;
  const forecasts = useMemo(() => parsed.forecasts.slice(0, limit), [parsed.forecasts, limit]);
  const plainFrames = useMemo(
    () => colourPlainFrames(parsed.plain.slice(0, Math.max(0, limit - forecasts.length)), theme, forecasts.length),
    [parsed.plain, limit, forecasts.length, theme]
  );
  const model = useMemo(() => buildChartModel(forecasts, options, theme), [forecasts, options, theme]);
  const chartFrames = useMemo(() => [...model.frames, ...plainFrames], [model.frames, plainFrames]);
  const markers = useMemo(
    () => (options.showActions ? buildActionMarkers(parsed.actions, forecasts, options.colors, theme, timeZone) : []),
    [options.showActions, options.colors, parsed.actions, forecasts, theme, timeZone]
  );
  const range = useMemo(
    () => chartTimeRange(props.timeRange, model.horizonEndMs, options.extendToHorizon),
    [props.timeRange, model.horizonEndMs, options.extendToHorizon]
  );

  const streaming = data.state === LoadingState.Streaming || data.state === LoadingState.Loading;
  const progress = streaming ? parsed.progress : undefined;
  const totalSeries = parsed.forecasts.length + parsed.plain.length;
  const notes: Array<{ kind: 'error' | 'warning'; text: string; title?: string }> = [];
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
  if (parsed.problems.length > 0) {
    notes.push({
      kind: 'warning',
      text: `Partial results: ${parsed.problems[0]}${parsed.problems.length > 1 ? ` (+${parsed.problems.length - 1} more)` : ''}`,
      title: parsed.problems.join('\n'),
    });
  }

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
  const cardIndex = Math.min(cardSeries, Math.max(0, forecasts.length - 1));
  const cardContent =
    hasForecasts && showCard
      ? buildModelCard(forecasts[cardIndex].report, forecasts[cardIndex].retire, forecasts[cardIndex].run, timeZone)
      : undefined;
  const hint =
    !hasForecasts && parsed.plain.length > 0
      ? 'Plain time series (not from the Foresight data source): no forecast, bands or scale actions.'
      : undefined;

  const toolbarHeight = hasForecasts || progress || hint ? TOOLBAR_HEIGHT : 0;
  const cardHeight = cardContent ? MODEL_CARD_HEIGHT + (cardContent.warning ? MODEL_CARD_WARNING_HEIGHT : 0) : 0;
  const notesHeight = notes.length * NOTE_HEIGHT;
  const bodyHeight = Math.max(MIN_CHART_HEIGHT, height - toolbarHeight - cardHeight - notesHeight);

  const markerStyle = {
    up: { glyph: '▲', color: theme.visualization.getColorByName(options.colors.scaleUp) },
    down: { glyph: '▼', color: theme.visualization.getColorByName(options.colors.scaleDown) },
    retire: { glyph: '✕', color: theme.visualization.getColorByName(options.colors.retire) },
  };

  return (
    <div className={styles.root} data-testid={panelTestIds.root} style={{ width, height }}>
      {toolbarHeight > 0 && (
        <div className={styles.toolbar} style={{ height: TOOLBAR_HEIGHT }}>
          <div className={styles.toolbarLeft}>
            {progress ? (
              <TrainingProgress progress={progress} stale={stale} />
            ) : hint ? (
              <span className={styles.hint} data-testid={panelTestIds.hint}>
                {hint}
              </span>
            ) : null}
          </div>
          {hasForecasts && (
            <div className={styles.toolbarRight}>
              {showCard && forecasts.length > 1 && (
                <select
                  aria-label="Model card series"
                  className={styles.select}
                  value={cardIndex}
                  onChange={(e) => setCardSeries(Number(e.currentTarget.value))}
                >
                  {forecasts.map((s, i) => (
                    <option key={s.key} value={i}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
              <Button
                size="sm"
                variant="secondary"
                fill={showCard ? 'solid' : 'outline'}
                icon="info-circle"
                aria-pressed={showCard}
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
      {notes.length > 0 && (
        <div data-testid={panelTestIds.warnings}>
          {notes.map((n) => (
            <div
              key={n.text}
              className={n.kind === 'error' ? styles.noteError : styles.noteWarning}
              title={n.title ?? n.text}
            >
              {n.text}
            </div>
          ))}
        </div>
      )}
      {cardContent && (
        <ModelCard content={cardContent} seriesName={forecasts.length > 1 ? forecasts[cardIndex].name : undefined} />
      )}
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
          nowTimes={options.showNowMarker ? model.nowTimes : []}
          nowColor={theme.visualization.getColorByName(options.colors.now)}
          replicaFieldName={model.replicaField?.name}
          timeRange={range}
          timeZone={timeZone}
          width={width}
          height={bodyHeight}
          legend={options.legend}
          eventBus={eventBus}
          optionsKey={options}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const note = {
    height: NOTE_HEIGHT,
    lineHeight: `${NOTE_HEIGHT}px`,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap' as const,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    padding: theme.spacing(0, 0.5),
  };
  return {
    root: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden', color: theme.colors.text.primary }),
    toolbar: css({ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: theme.spacing(1) }),
    toolbarLeft: css({ flex: 1, minWidth: 0, overflow: 'hidden' }),
    toolbarRight: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), flexShrink: 0 }),
    hint: css({
      fontSize: theme.typography.bodySmall.fontSize,
      color: theme.colors.text.secondary,
      whiteSpace: 'nowrap',
    }),
    select: css({
      height: 24,
      maxWidth: 160,
      fontSize: theme.typography.bodySmall.fontSize,
      background: theme.components.input.background,
      color: theme.colors.text.primary,
      border: `1px solid ${theme.components.input.borderColor}`,
      borderRadius: theme.shape.radius.default,
    }),
    noteError: css({ ...note, color: theme.colors.error.text }),
    noteWarning: css({ ...note, color: theme.colors.warning.text }),
  };
};
