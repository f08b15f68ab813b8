/**
 * The chart: `@grafana/ui`'s uPlot time series with Foresight's frames, the shared crosshair and
 * tooltip (TooltipPlugin2 + EventBusPlugin, synced like Grafana's own time-series panel), and the
 * DOM overlay for "now" and scale actions. Like Grafana's own time-series panel, a drag zooms the
 * dashboard's range and a legend click shows one series (here with everything drawn for it).
 */
import React, { useLayoutEffect, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { css } from '@emotion/css';
import { DashboardCursorSync, type DataFrame, type EventBus } from '@grafana/data';
import {
  EventBusPlugin,
  type PanelContext,
  PanelContextProvider,
  TimeSeries,
  TooltipPlugin2,
  type UPlotConfigBuilder,
  usePanelContext,
} from '@grafana/ui';
import { type TimeZone, TooltipDisplayMode, type VizLegendOptions } from '@grafana/schema';
import type { ChartBody } from '../data/viewModel';
import { countRoles, structureRev } from '../data/chartFrames';
import { DEFAULT_LEGEND_SHARE, legendShare } from '../data/layout';
import { panelTestIds } from '../testIds';
import { ChartOverlay } from './ChartOverlay';
import { ChartTooltip } from './ChartTooltip';
import { type OnIsolate, useSeriesIsolation } from './useSeriesIsolation';
import { MoreChip, useHiddenCount } from './MoreChip';
import { withoutPlotEchoes } from './plotEchoes';

/** Grafana's legend entries (`selectors.components.VizLegend.seriesName`). */
const LEGEND_ITEMS = '[data-testid^="data-testid VizLegend series"]';
const wrapperClass = css({ position: 'relative' });

/** The element that scrolls the legend (Grafana's ScrollContainer), found from an entry. */
function findLegendScroller(wrapper: HTMLElement): HTMLElement | null {
  let el = wrapper.querySelector(LEGEND_ITEMS)?.parentElement ?? null;
  while (el && el !== wrapper) {
    const { overflowY } = getComputedStyle(el);
    if (overflowY === 'auto' || overflowY === 'scroll') {
      return el;
    }
    el = el.parentElement;
  }
  return null;
}

/**
 * The legend's scroll element and natural height (all its rows), found again whenever the chart's
 * DOM changes and re-read on resize; the panel reserves that height below the plot's minimum.
 */
function useLegendScroller(
  wrapper: HTMLElement | null,
  onLegendHeight?: (h: number) => void
): { scroller: HTMLElement | null; legendHeight: number } {
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [legendHeight, setLegendHeight] = useState(0);
  useLayoutEffect(() => {
    if (!wrapper) {
      return undefined;
    }
    // Every hover and draw mutates the chart's DOM: look again only once the legend is gone or new.
    const find = () =>
      setScroller((prev) =>
        prev && prev.isConnected && prev.querySelector(LEGEND_ITEMS) ? prev : findLegendScroller(wrapper)
      );
    find();
    const observer = typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(find);
    observer?.observe(wrapper, { childList: true, subtree: true });
    return () => observer?.disconnect();
  }, [wrapper]);
  useLayoutEffect(() => {
    const read = () => {
      // A legend on the right (wide screens) takes width, not height: nothing to reserve below.
      const beside = (wrapper?.firstElementChild as HTMLElement | null)?.style.flexDirection === 'row';
      const h = !scroller || beside ? 0 : Math.ceil(scroller.scrollHeight);
      setLegendHeight(h);
      onLegendHeight?.(h);
    };
    read();
    if (!scroller || typeof ResizeObserver === 'undefined') {
      return undefined;
    }
    const observer = new ResizeObserver(read);
    observer.observe(scroller);
    if (scroller.firstElementChild) {
      observer.observe(scroller.firstElementChild);
    }
    return () => observer.disconnect();
  }, [wrapper, scroller, onLegendHeight]);
  return { scroller, legendHeight };
}

/**
 * The legend as the chart draws it: allowed more than Grafana's 35 % of the chart where it needs it
 * to show every entry (the same object while the share stays: a new legend object rebuilds the
 * plot), its scroll element, and how many entries are out of sight anyway ("+N more").
 */
function useSizedLegend(
  wrapper: HTMLElement | null,
  legend: VizLegendOptions,
  width: number,
  height: number,
  onLegendHeight?: (h: number) => void
) {
  const { scroller, legendHeight } = useLegendScroller(wrapper, onLegendHeight);
  const hidden = useHiddenCount(scroller, LEGEND_ITEMS, `${width}x${height}`);
  const share = legendShare(height, legendHeight);
  const sized = useMemo(
    (): VizLegendOptions =>
      share === DEFAULT_LEGEND_SHARE
        ? legend
        : ({ ...legend, maxHeight: `${Math.round(share * 100)}%` } as VizLegendOptions),
    [legend, share]
  );
  return { sized, scroller, hidden };
}

/**
 * The panel context the chart (GraphNG and its legend) reads: its event bus without uPlot's own
 * hover echoes (`plotEchoes.ts`). GraphNG reads the bus once, when it mounts; the filtered bus is
 * the same object for as long as the dashboard's bus is.
 */
function useChartContext(context: PanelContext): PanelContext {
  const { eventBus } = context;
  const chartBus = useMemo(() => withoutPlotEchoes(eventBus), [eventBus]);
  return useMemo(() => ({ ...context, eventBus: chartBus }), [context, chartBus]);
}

type ZoomHandler = (range: { from: number; to: number }) => void;

/** uPlot gives a dragged range in fractional milliseconds; a dashboard's range is whole ones. */
function useWholeZoom(onZoom: ZoomHandler | undefined): ZoomHandler | undefined {
  return useMemo(() => (onZoom ? (r) => onZoom(wholeRange(r)) : undefined), [onZoom]);
}

/** A dragged range in whole milliseconds, rounded outwards so it still holds what was dragged over. */
export function wholeRange(r: { from: number; to: number }): { from: number; to: number } {
  return { from: Math.floor(r.from), to: Math.ceil(r.to) };
}

/** TooltipPlugin2's `TooltipHoverMode` is a const enum that does not exist at runtime: xOne, xAll. */
type HoverMode = Parameters<typeof TooltipPlugin2>[0]['hoverMode'];
const HOVER_NEAREST_SERIES = 0 as HoverMode;
const HOVER_ALL_SERIES = 1 as HoverMode;

/** What the view-model decided to draw, plus where and how big. */
export interface ForecastChartProps extends Omit<ChartBody, 'kind'> {
  timeZone: TimeZone;
  width: number;
  height: number;
  eventBus?: EventBus;
  /** The legend's natural height (all rows), for the panel's layout plan. */
  onLegendHeight?(height: number): void;
  /**
   * A range dragged across the chart: the dashboard's time range becomes it, and a double click
   * zooms out, as on Grafana's own time-series panel (a user drags to look closer at a spike).
   */
  onZoom?: ZoomHandler;
  /** A legend click left one series on show (the model card follows it). */
  onIsolate?: OnIsolate;
}

export function ForecastChart(props: ForecastChartProps) {
  const { roles, timeRange, timeZone, width, height, legend } = props;
  const panelContext = usePanelContext();
  // Legend clicks show or hide whole series; what is drawn below is what they left.
  const {
    frames,
    markers,
    context: isolatedContext,
    hidden: hiddenSeries,
  } = useSeriesIsolation(panelContext, props.frames, roles, props.markers, props.onIsolate);
  const context = useChartContext(isolatedContext);
  const options = useMemo(() => ({ key: props.optionsKey }), [props.optionsKey]);
  const counts = useMemo(() => countRoles(roles), [roles]);
  const rev = useMemo(() => structureRev(frames), [frames]);
  const [wrapper, setWrapper] = useState<HTMLDivElement | null>(null);
  const { sized, scroller, hidden } = useSizedLegend(wrapper, legend, width, height, props.onLegendHeight);
  const zoom = useWholeZoom(props.onZoom);

  return (
    <div
      ref={setWrapper}
      className={wrapperClass}
      data-testid={panelTestIds.chart}
      data-forecast-lines={counts.forecast}
      data-band-fills={counts.bands}
      data-replica-lines={counts.replicas}
      data-action-markers={markers.length}
      data-hidden-series={hiddenSeries}
    >
      <PanelContextProvider value={context}>
        <TimeSeries
          frames={frames}
          structureRev={rev}
          timeRange={timeRange}
          timeZone={timeZone}
          width={width}
          height={height}
          legend={sized}
          options={options}
        >
          {(config, alignedFrame) => (
            <ChartPlugins
              {...props}
              config={config}
              alignedFrame={alignedFrame}
              markers={markers}
              panelContext={panelContext}
              zoom={zoom}
            />
          )}
        </TimeSeries>
      </PanelContextProvider>
      <MoreChip count={hidden} scroller={scroller} what="legend entries" testId={panelTestIds.legendMore} />
    </div>
  );
}

interface ChartPluginsProps extends ForecastChartProps {
  config: UPlotConfigBuilder;
  alignedFrame: DataFrame;
  panelContext: PanelContext;
  zoom?: ZoomHandler;
}

/**
 * Room at the right edge for the time axis's last label, where no axis is. Grafana pads such a side
 * by 8 px, which halves a label that sits on the edge; on Grafana's "now" ranges one rarely does,
 * but this chart runs to the forecast's last step, which falls on a tick ("18:55" showed as "18:5").
 * The other sides as Grafana pads them (`paddingSide` in @grafana/ui).
 */
const EDGE_LABEL_ROOM = 20;
const GRAFANA_SIDE_PAD = 8;
const edgePad = (_u: uPlot, side: number, withAxes: boolean[]): number => {
  const crossAxis = side % 2 ? withAxes[0] || withAxes[2] : withAxes[1] || withAxes[3];
  if (withAxes[side] || !crossAxis) {
    return 0;
  }
  return side === 1 ? EDGE_LABEL_ROOM : GRAFANA_SIDE_PAD;
};

function useEdgeRoom(config: UPlotConfigBuilder) {
  // before the plot reads its config (children's layout effects run before UPlotChart mounts it)
  useLayoutEffect(() => config.setPadding([edgePad, edgePad, edgePad, edgePad]), [config]);
}

/** What is drawn over uPlot: the synced crosshair, the tooltip (with zoom), "now" and the markers. */
function ChartPlugins(props: ChartPluginsProps) {
  const { config, alignedFrame, panelContext, roles, timeZone, replicaFieldName, tooltip } = props;
  useEdgeRoom(config);
  const cursorSync = panelContext.sync?.() ?? DashboardCursorSync.Off;
  const eventBus = props.eventBus ?? panelContext.eventBus;
  const replicaSeriesIdx = replicaFieldName ? alignedFrame.fields.findIndex((f) => f.name === replicaFieldName) : -1;
  return (
    <>
      {cursorSync !== DashboardCursorSync.Off && eventBus && (
        <EventBusPlugin config={config} eventBus={eventBus} frame={alignedFrame} />
      )}
      {/* Hidden tooltips take the zoom with them, as in Grafana's time-series panel. */}
      {tooltip.mode !== TooltipDisplayMode.None && (
        <TooltipPlugin2
          config={config}
          hoverMode={tooltip.mode === TooltipDisplayMode.Single ? HOVER_NEAREST_SERIES : HOVER_ALL_SERIES}
          syncMode={cursorSync}
          syncScope={panelContext.eventsScope}
          queryZoom={props.zoom}
          // Shift-drag zooms the y axis in place, double click resets it: Grafana's own panel does.
          clientZoom={true}
          maxWidth={tooltip.maxWidth}
          render={(_u, dataIdxs, seriesIdx, _isPinned, _dismiss, _range, viaSync) => (
            <ChartTooltip
              frame={alignedFrame}
              dataIdxs={dataIdxs}
              roles={roles}
              timeZone={timeZone}
              // A cursor synced from another panel points at no series here: every series, as Grafana.
              options={viaSync ? { ...tooltip, mode: TooltipDisplayMode.Multi } : tooltip}
              seriesIdx={seriesIdx}
            />
          )}
        />
      )}
      <ChartOverlay
        config={config}
        annotations={props.annotations}
        clockMs={props.clockMs}
        origins={props.origins}
        nowColor={props.nowColor}
        markers={props.markers}
        replicaSeriesIdx={replicaSeriesIdx > 0 ? replicaSeriesIdx : undefined}
      />
    </>
  );
}
