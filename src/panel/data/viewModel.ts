/**
 * The panel's view-model: everything `ForecastPanel` renders, decided without React. The state
 * (loading, error, empty, or ready — possibly partial), the message of a state with nothing to
 * draw, the toolbar (progress, hint or accuracy headline, and which toggles), the warning line,
 * the model card, and the body (chart frames and marks, or table rows) with the layout numbers.
 *
 * Takes the costly half (`PanelDrawing`: chart frames and markers, rebuilt only when the response
 * or the options change) and adds what changes often: size, loading state, the viewer's toggles.
 */
import { LoadingState, type DataFrame, type TimeRange } from '@grafana/data';
import type { TimeZone, VizLegendOptions, VizTooltipOptions } from '@grafana/schema';
import type { ActionRow, ForecastSeries, TrainProgress } from '../../contract/types';
import { MAX_DRAWN_SERIES } from '../options';
import type { PanelView } from '../types';
import { type ActionMarker, actionBelongsTo, type MarkerKind } from './actionMarkers';
import {
  annotationNotes,
  annotationsInRange,
  type PanelAnnotation,
  type ParsedAnnotations,
  type ReadAnnotations,
} from './annotations';
import type { ChartField } from './chartFrames';
import { type ValueFormatter, valueFormatter } from './format';
import { CARD_MIN_PANEL_HEIGHT, estimateHeaderHeight, NARROW_LEGEND_WIDTH, sectionMaxHeight } from './layout';
import { hiddenLegendValuesNote } from './legendNote';
import { buildModelCard, type ModelCardContent } from './modelCard';
import type { OriginMark } from './origin';
import type { MarkerStyle, PanelDrawing } from './panelDrawing';
import { colorSchemeFallback } from './lineStyles';
import { rangeNotes } from './rangeNotes';
import { buildPredictionRows, type PredictionRow } from './tableRows';
import { chartTimeRange } from './timeRange';
import { buildWarningLine, type PanelNote, type WarningLine } from './warningLine';

/** What changes more often than the response: size, request state, the viewer's toggles. */
export interface PanelViewContext {
  width: number;
  height: number;
  timeRange: TimeRange;
  timeZone?: TimeZone;
  loadingState?: LoadingState;
  /** The query's error text, when it failed (several errors joined). */
  error?: string;
  /** Some forecast on screen is a previous one, kept while a new one trains or after a failure. */
  stale: boolean;
  /** "now" when the data source gave no clock: the time of the first render. */
  renderNowMs: number;
  /** The viewer's header toggles; they override the options until the dashboard reloads. */
  toggles: { view?: PanelView; cardOpen?: boolean; cardSeries?: string };
  /** The dashboard's annotations (`PanelData.annotations`, parsed). */
  annotations?: ParsedAnnotations;
}

export interface PanelMessageView {
  kind: 'info' | 'warning' | 'error';
  title: string;
  text: string;
}

/** Nothing drawn yet: waiting for the first response, or training the first model (with progress). */
export interface LoadingView {
  state: 'loading';
  progress?: TrainProgress;
  message: PanelMessageView;
}

/** Nothing to draw: the query failed (`error`), returned nothing or nothing usable (`empty`). */
export interface MessageView {
  state: 'error' | 'empty';
  message: PanelMessageView;
}

export type ToolbarLead =
  | { kind: 'progress'; progress: TrainProgress; stale: boolean }
  | { kind: 'hint'; text: string }
  | { kind: 'headline'; text: string };

export interface ToolbarView {
  lead?: ToolbarLead;
  /** The Model and Chart/Table toggles: only for Foresight series. */
  toggles?: {
    view: PanelView;
    cardOpen: boolean;
    /** Which series the card describes: offered when the card is open and there are several. */
    seriesPicker?: { options: Array<{ value: string; label: string }>; value?: string };
  };
}

export interface ChartBody {
  kind: 'chart';
  frames: DataFrame[];
  roles: Map<string, ChartField>;
  markers: ActionMarker[];
  /** The dashboard's annotations in the drawn range. */
  annotations: PanelAnnotation[];
  /** Where the "now" line goes; undefined hides the time marks. */
  clockMs?: number;
  origins: OriginMark[];
  nowColor: string;
  replicaFieldName?: string;
  timeRange: TimeRange;
  legend: VizLegendOptions;
  tooltip: VizTooltipOptions;
  /** Changes exactly when the options change: the chart rebuilds its uPlot config then. */
  optionsKey: unknown;
}

export interface TableBody {
  kind: 'table';
  rows: PredictionRow[];
  formatters: Map<string, ValueFormatter>;
  markerStyle: Record<MarkerKind, MarkerStyle>;
  /** The panel's "show replicas" and "show actions": the table lists what the chart draws, no more. */
  columns: { replicas: boolean; actions: boolean };
}

export interface ReadyView {
  state: 'ready';
  /** Some frames could not be used: said in the warning line, the rest is drawn. */
  partial: boolean;
  toolbar?: ToolbarView;
  warnings: WarningLine[];
  card?: { content: ModelCardContent; seriesName?: string };
  body: ChartBody | TableBody;
  /** The header's height before it is measured, and how far the warning line and card may grow. */
  layout: { headerEstimate: number; sectionMaxHeight: number };
}

export type PanelViewModel = LoadingView | MessageView | ReadyView;

export const PLAIN_SERIES_HINT =
  'Plain time series (not from the Foresight data source): no forecast, bands or scale actions.';

/** The card opens on the first series that has a scale action (the one worth reading), else the first. */
export function defaultCardSeries(forecasts: ForecastSeries[], actions: ActionRow[]): number {
  const index = forecasts.findIndex((s) => actions.some((a) => a.action !== 'hold' && actionBelongsTo(a, s)));
  return index < 0 ? 0 : index;
}

/** Training progress, shown only while the request is still running. */
function liveProgress(drawing: PanelDrawing, ctx: PanelViewContext): TrainProgress | undefined {
  const running = ctx.loadingState === LoadingState.Streaming || ctx.loadingState === LoadingState.Loading;
  return running ? drawing.parsed.progress : undefined;
}

/**
 * What the first run is doing, by its phase: "Training the first model…" while it waits for a slow
 * Prometheus (or computes with a cached model) sent the user looking at the browser, not the server.
 */
function firstRunMessage(progress: TrainProgress): PanelMessageView {
  if (progress.phase === 'fetch') {
    const text = 'The training window is being read; the forecast follows once Prometheus answers.';
    return { kind: 'info', title: 'Waiting for Prometheus…', text };
  }
  if (progress.phase === 'train') {
    const text = 'The forecast appears when training and the backtest finish.';
    return { kind: 'info', title: 'Training the first model…', text };
  }
  return { kind: 'info', title: 'Computing the forecast…', text: 'The forecast appears when the backtest finishes.' };
}

/** A state with nothing to draw: training the first model, a failed query, or no usable series. */
function withoutSeries(drawing: PanelDrawing, ctx: PanelViewContext): LoadingView | MessageView {
  const progress = liveProgress(drawing, ctx);
  if (progress) {
    return { state: 'loading', progress, message: firstRunMessage(progress) };
  }
  if (ctx.error) {
    return { state: 'error', message: { kind: 'error', title: 'The query failed', text: ctx.error } };
  }
  const { problems } = drawing.parsed;
  if (problems.length) {
    return { state: 'empty', message: { kind: 'warning', title: 'Nothing to draw', text: problems.join(' ') } };
  }
  if (ctx.loadingState === LoadingState.Loading) {
    return { state: 'loading', message: { kind: 'info', title: 'No data', text: 'Waiting for the first response…' } };
  }
  const text = 'The query returned no series. Check the metric and labels, or widen the time range.';
  return { state: 'empty', message: { kind: 'info', title: 'No data', text } };
}

/** The chart's range (the dashboard's, extended to the horizon where the options say so) and the annotations in it. */
interface DrawnRange {
  range: TimeRange;
  annotations: ReadAnnotations;
}

function drawnRange(drawing: PanelDrawing, ctx: PanelViewContext): DrawnRange {
  const { chart, options, marks } = drawing;
  const range = chartTimeRange(ctx.timeRange, chart.horizonEndMs, options.extendToHorizon, marks.clockMs);
  const bounds = { from: range.from.valueOf(), to: range.to.valueOf() };
  return { range, annotations: annotationsInRange(ctx.annotations, bounds) };
}

/** Names shown of the series a panel leaves out; the rest counted. */
const LEFT_OUT_NAMED = 3;

/** " (those with a scale action first, then the largest; not drawn: a, b and 4 more)", or "" when none is named. */
function leftOutWords(left: string[]): string {
  if (left.length === 0) {
    return '';
  }
  const named = left.slice(0, LEFT_OUT_NAMED).join(', ');
  const more = left.length > LEFT_OUT_NAMED ? ` and ${left.length - LEFT_OUT_NAMED} more` : '';
  return ` (those with a scale action first, then the largest; not drawn: ${named}${more})`;
}

/** The panel's own sentences (errors first), ahead of the series' warnings in the warning line. */
function panelNotes(
  drawing: PanelDrawing,
  ctx: PanelViewContext,
  progress: TrainProgress | undefined,
  drawn: DrawnRange
): PanelNote[] {
  const { totalSeries, parsed } = drawing;
  const limit = drawing.options.maxSeries;
  const notes: PanelNote[] = [];
  if (ctx.error && totalSeries > 0) {
    // The fallback first: a long error (a timeout's advice) is clipped in the warning line, and what
    // the chart shows must stay readable.
    notes.push({ kind: 'error', text: `Error${ctx.stale ? ' (showing the previous forecast)' : ''}: ${ctx.error}` });
  }
  if (ctx.stale && !ctx.error && !progress) {
    notes.push({ kind: 'warning', text: 'Showing the previous forecast while the new one loads.' });
  }
  if (totalSeries > limit) {
    notes.push({
      kind: 'warning',
      // Raising the option is advice only while it can be raised.
      text:
        `Too many series: showing ${limit} of ${totalSeries}${leftOutWords(drawing.leftOut)}. ` +
        (limit < MAX_DRAWN_SERIES
          ? `Narrow the query or raise "Maximum forecast series" (up to ${MAX_DRAWN_SERIES}).`
          : 'That is the most one panel draws: narrow the query, or split it across panels.'),
    });
  }
  for (const problem of parsed.problems) {
    notes.push({ kind: 'warning', text: `Partial results: ${problem}` });
  }
  const colorNote = drawing.forecasts.map((s) => colorSchemeFallback(s.color)).find((t) => t !== undefined);
  if (colorNote) {
    notes.push({ kind: 'info', text: colorNote });
  }
  // What the drawn range leaves out (the dashboard's range, extended to the horizon as the chart is).
  const shown = drawn.range;
  for (const text of rangeNotes(drawing.forecasts, shown.from.valueOf(), shown.to.valueOf(), ctx.timeZone)) {
    notes.push({ kind: 'info', text });
  }
  for (const text of annotationNotes(drawn.annotations)) {
    notes.push({ kind: 'info', text });
  }
  const legendNote =
    drawing.forecasts.length > 0 ? hiddenLegendValuesNote(drawing.options.legend, ctx.width) : undefined;
  if (legendNote) {
    notes.push({ kind: 'info', text: legendNote });
  }
  return notes;
}

interface CardChoice {
  index: number;
  series?: ForecastSeries;
  content?: ModelCardContent;
}

/** The series the card describes (the viewer's pick, else the default) and its full content. */
function cardChoice(drawing: PanelDrawing, ctx: PanelViewContext): CardChoice {
  const { forecasts, parsed, marks } = drawing;
  const picked = forecasts.findIndex((s) => s.key === ctx.toggles.cardSeries);
  const index = picked >= 0 ? picked : defaultCardSeries(forecasts, parsed.actions);
  const series = forecasts.length > 0 ? forecasts[index] : undefined;
  const content = series
    ? buildModelCard(series.report, series.retire, series.run, {
        timeZone: ctx.timeZone,
        format: valueFormatter(series.unit, series.decimals),
        clockMs: marks.clockMs,
      })
    : undefined;
  return { index, series, content };
}

function toolbarView(
  drawing: PanelDrawing,
  ctx: PanelViewContext,
  card: CardChoice,
  cardOpen: boolean,
  progress: TrainProgress | undefined
): ToolbarView | undefined {
  const { forecasts, parsed } = drawing;
  const hasForecasts = forecasts.length > 0;
  const hint = !hasForecasts && parsed.plain.length > 0 ? PLAIN_SERIES_HINT : undefined;
  if (!hasForecasts && !progress && !hint) {
    return undefined;
  }
  const named = forecasts.length > 1 && card.series ? `${card.series.name}: ` : '';
  const lead: ToolbarLead | undefined = progress
    ? { kind: 'progress', progress, stale: ctx.stale }
    : hint
      ? { kind: 'hint', text: hint }
      : card.content
        ? { kind: 'headline', text: `${named}${card.content.headline}` }
        : undefined;
  if (!hasForecasts) {
    return { lead };
  }
  const options = forecasts.map((s) => ({ value: s.key, label: s.name }));
  const seriesPicker = cardOpen && forecasts.length > 1 ? { options, value: options[card.index]?.value } : undefined;
  return { lead, toggles: { view: ctx.toggles.view ?? drawing.options.view, cardOpen, seriesPicker } };
}

function bodyView(
  drawing: PanelDrawing,
  ctx: PanelViewContext,
  view: PanelView,
  drawn: DrawnRange
): ChartBody | TableBody {
  const { forecasts, parsed, options, chart, marks } = drawing;
  if (view === 'table' && forecasts.length > 0) {
    return {
      kind: 'table',
      rows: buildPredictionRows(forecasts, parsed.actions),
      formatters: new Map(forecasts.map((s) => [s.name, valueFormatter(s.unit, s.decimals)])),
      markerStyle: drawing.markerStyle,
      columns: { replicas: options.showReplicas, actions: options.showActions },
    };
  }
  return {
    kind: 'chart',
    frames: drawing.chartFrames,
    roles: chart.roles,
    markers: drawing.markers,
    annotations: drawn.annotations.shown,
    clockMs: options.showNowMarker && forecasts.length > 0 ? marks.clockMs : undefined,
    origins: options.showNowMarker ? marks.origins : [],
    nowColor: drawing.nowColor,
    replicaFieldName: chart.replicaField?.name,
    timeRange: drawn.range,
    legend: ctx.width < NARROW_LEGEND_WIDTH ? drawing.legends.narrow : drawing.legends.wide,
    tooltip: options.tooltip,
    optionsKey: options,
  };
}

/** Everything the panel shows for one response, options, size and set of toggles. */
export function buildPanelView(drawing: PanelDrawing, ctx: PanelViewContext): PanelViewModel {
  if (drawing.totalSeries === 0) {
    return withoutSeries(drawing, ctx);
  }
  const { forecasts, parsed, options } = drawing;
  const progress = liveProgress(drawing, ctx);
  const drawn = drawnRange(drawing, ctx);
  const warnings = buildWarningLine(
    panelNotes(drawing, ctx, progress, drawn),
    forecasts,
    parsed.notices,
    ctx.renderNowMs,
    ctx.timeZone
  );
  // A short panel opens with the card closed, so the chart keeps most of its height; the headline
  // stays visible and the Model toggle opens the card.
  const cardOpen = ctx.toggles.cardOpen ?? (options.showModelCard && ctx.height >= CARD_MIN_PANEL_HEIGHT);
  const card = cardChoice(drawing, ctx);
  return {
    state: 'ready',
    partial: parsed.problems.length > 0,
    toolbar: toolbarView(drawing, ctx, card, cardOpen, progress),
    warnings,
    // The card's warning is already in the warning line above it: said once.
    card:
      card.content && cardOpen
        ? {
            content: { ...card.content, warning: undefined },
            seriesName: forecasts.length > 1 ? card.series?.name : undefined,
          }
        : undefined,
    body: bodyView(drawing, ctx, ctx.toggles.view ?? options.view, drawn),
    layout: {
      headerEstimate: estimateHeaderHeight(warnings.length, cardOpen),
      sectionMaxHeight: sectionMaxHeight(ctx.height),
    },
  };
}
